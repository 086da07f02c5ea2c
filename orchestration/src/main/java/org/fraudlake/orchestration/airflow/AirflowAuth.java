package org.fraudlake.orchestration.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How the client authenticates to Airflow's REST API: HTTP basic (Airflow's {@code basic_auth} backend) or a
 * bearer token (managed Airflow, token-based auth backends), or nothing (an API left open, for tests). The
 * secret never appears in {@link #toString()}, logs or error messages.
 */
public sealed interface AirflowAuth {
    /** Environment variable of the basic-auth user. */
    String ENV_USERNAME = "AIRFLOW_USERNAME";
    /** Environment variable of the basic-auth password. */
    String ENV_PASSWORD = "AIRFLOW_PASSWORD";
    /** Environment variable of the bearer token. */
    String ENV_TOKEN = "AIRFLOW_TOKEN";

    /** The Authorization header value, empty for none. */
    Optional<String> header();

    /** No Authorization header. */
    record None() implements AirflowAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "no authentication";
        }
    }

    /** HTTP basic: user and password. */
    record Basic(String username, String password) implements AirflowAuth {
        public Basic {
            if (username == null || username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("basic auth needs a user name without ':', got '" + username + "'");
            }
            if (password == null) {
                throw new IllegalArgumentException("basic auth for user " + username + " needs a password (set "
                        + ENV_PASSWORD + " or give --password-file)");
            }
        }

        @Override
        public Optional<String> header() {
            byte[] raw = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw));
        }

        @Override
        public String toString() {
            return "basic auth as " + username;
        }
    }

    /** A bearer token. */
    record Bearer(String token) implements AirflowAuth {
        public Bearer {
            if (token == null || token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("the bearer token is empty or holds spaces or control characters");
            }
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "bearer token";
        }
    }

    /**
     * The authentication from options, then the environment: a token file or {@value #ENV_TOKEN} gives a bearer
     * token; otherwise a user ({@code username} or {@value #ENV_USERNAME}) gives basic auth with the password from
     * {@code passwordFile} or {@value #ENV_PASSWORD}; otherwise none. Giving both a token and a user fails, as the
     * API accepts one Authorization header.
     */
    static AirflowAuth resolve(String username, Path passwordFile, Path tokenFile, Map<String, String> env)
            throws IOException {
        String token = tokenFile != null ? secret(tokenFile, "--token-file") : blankToNull(env.get(ENV_TOKEN));
        String user = username != null ? username : blankToNull(env.get(ENV_USERNAME));
        if (token != null && user != null) {
            throw new IllegalArgumentException("both a bearer token (--token-file or " + ENV_TOKEN + ") and a user ("
                    + "--username or " + ENV_USERNAME + ") are given; keep one");
        }
        if (token != null) {
            return new Bearer(token);
        }
        if (user != null) {
            String password = passwordFile != null ? secret(passwordFile, "--password-file") : env.get(ENV_PASSWORD);
            return new Basic(user, password);
        }
        if (passwordFile != null) {
            throw new IllegalArgumentException("--password-file needs a user: --username or " + ENV_USERNAME);
        }
        return new None();
    }

    private static String secret(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " is empty");
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

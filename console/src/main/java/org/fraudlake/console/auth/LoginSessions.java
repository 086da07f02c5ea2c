package org.fraudlake.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in memory: a random 256-bit session id (the cookie's value), the user, a synchronizer CSRF
 * token of its own (every form carries it and every POST must echo it), an idle expiry (each request extends it)
 * and an absolute one. A restart logs everybody out.
 */
public final class LoginSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public LoginSessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** One session: its id, user, CSRF token, start and last use. */
    public static final class Session {
        private final String id;
        private final ConsoleUser user;
        private final String csrf;
        private final Instant started;
        private volatile Instant lastSeen;

        Session(String id, ConsoleUser user, String csrf, Instant started) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.started = started;
            this.lastSeen = started;
        }

        public String id() {
            return id;
        }

        public ConsoleUser user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }
    }

    /** Starts a session for a user who just logged in. */
    public Session start(ConsoleUser user) {
        Session s = new Session(token(), user, token(), clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session of a cookie value, extending its idle expiry; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen.plus(idle)) || now.isAfter(s.started.plus(absolute))) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /**
     * The Max-Age of the session's cookie, set again on every request so that the browser's expiry slides with the
     * server's: the idle time, or less when the absolute limit comes first.
     */
    public Duration cookieLifetime(Session s) {
        Duration left = Duration.between(clock.instant(), s.started.plus(absolute));
        return left.compareTo(idle) < 0 ? (left.isNegative() ? Duration.ZERO : left) : idle;
    }

    /** Whether a submitted CSRF token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session s, String submitted) {
        return submitted != null && java.security.MessageDigest.isEqual(
                s.csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                submitted.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

package org.fraudlake.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The CSRF token of the login form, before there is a session: a signed double-submit token. GET /login sets it in
 * a cookie (HttpOnly, SameSite=Strict, path /login) and in the form; POST /login must carry the same token in both,
 * with a valid signature of this process and not older than its lifetime. Another site can neither read the token
 * nor make one, so it cannot log a victim's browser into an account of its choosing. Nothing is kept per token.
 */
public final class LoginCsrf {
    /** The pre-session cookie's name. */
    public static final String COOKIE = "fraudlake_login";
    private static final String PURPOSE = "login-csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ServerSecret secret;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param secret   this process's key
     * @param lifetime how long a login form may stay open before it must be reloaded
     * @param clock    time source
     */
    public LoginCsrf(ServerSecret secret, Duration lifetime, Clock clock) {
        this.secret = secret;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A fresh token: {@code <issued epoch second>.<nonce>.<signature>}. */
    public String issue() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String body = clock.instant().getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(nonce);
        return body + "." + secret.mac(PURPOSE, body);
    }

    /** Whether the form's token equals the cookie's and is one this process issued within its lifetime. */
    public boolean valid(String cookie, String form) {
        if (!ServerSecret.same(cookie, form)) {
            return false;
        }
        int sig = form.lastIndexOf('.');
        int dot = form.indexOf('.');
        if (dot <= 0 || sig <= dot) {
            return false;
        }
        String body = form.substring(0, sig);
        // signed by this process, so the issue time is the number issue() wrote
        if (!ServerSecret.same(secret.mac(PURPOSE, body), form.substring(sig + 1))) {
            return false;
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(form.substring(0, dot)));
        Instant now = clock.instant();
        return !issued.isAfter(now) && !now.isAfter(issued.plus(lifetime));
    }
}

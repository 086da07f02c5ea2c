package org.fraudlake.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login rate limiting: at most {@code maxFailures} failed logins per user name and per client address within a
 * sliding window; while over it, even a right password is refused, so guessing costs the window each time.
 */
public final class LoginThrottle {
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Whether a login for this key (a name or an address) may be tried now. */
    public boolean allowed(String key) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return true;
        }
        synchronized (d) {
            prune(d);
            return d.size() < maxFailures;
        }
    }

    public void failed(String key) {
        Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            prune(d);
            d.addLast(clock.instant());
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> d) {
        Instant cutoff = clock.instant().minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) {
            d.removeFirst();
        }
    }
}

package org.fraudlake.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login rate limiting with two separate budgets: at most {@code perUser} failed logins per user name and at most
 * {@code perAddress} per client address within a sliding window. While either is spent, a login is refused before
 * its password is checked (even a right one), so guessing costs the window each time.
 *
 * <p>An attempt {@link #reserve reserves} its place in both budgets atomically before the (slow, ~0.1 s) password
 * hash runs: parallel attempts count at once, so at most {@code perUser} of any burst for one name ever reach the
 * password check. A failed attempt keeps its place as a failure; a successful one gives it back and clears the
 * name's failures. Keeping the two budgets apart means one attacker behind an address spends that address's
 * (larger) budget and one user's, never every other user's.
 */
public final class LoginThrottle {
    /** Keys kept before a reservation sweeps out those with no attempt left in the window. */
    private static final int SWEEP_ABOVE = 10_000;
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();
    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;

    /**
     * @param perUser    failed logins allowed per user name within the window
     * @param perAddress failed logins allowed per client address within the window
     * @param window     how long a failure counts
     * @param clock      time source
     */
    public LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
        if (perUser < 1 || perAddress < 1) {
            throw new IllegalArgumentException("login failure limits must be at least 1; got " + perUser
                    + " per user and " + perAddress + " per address");
        }
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = clock;
    }

    /**
     * One reserved attempt: its place in the user's and the address's budget. Unless {@link #succeeded} is called
     * (a wrong password, or an error before the check ended), the place stays for the window, as a failure.
     */
    public final class Attempt {
        private final String user;
        private final String address;
        private final Instant at;

        private Attempt(String user, String address, Instant at) {
            this.user = user;
            this.address = address;
            this.at = at;
        }

        /** The password was right: the name's failures are cleared and the address's place is given back. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                attempts.remove(userKey(user));
                Deque<Instant> d = attempts.get(addressKey(address));
                if (d != null) {
                    d.removeFirstOccurrence(at);
                }
            }
        }
    }

    /**
     * Reserves one attempt for a user name from an address, or empty when either budget is spent (the caller
     * answers 429 without checking the password).
     */
    public synchronized Optional<Attempt> reserve(String user, String address) {
        Instant now = clock.instant();
        if (attempts.size() > SWEEP_ABOVE) {
            attempts.values().removeIf(d -> {
                prune(d, now);
                return d.isEmpty();
            });
        }
        Deque<Instant> u = attempts.computeIfAbsent(userKey(user), k -> new ArrayDeque<>());
        Deque<Instant> a = attempts.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>());
        prune(u, now);
        prune(a, now);
        if (u.size() >= perUser || a.size() >= perAddress) {
            return Optional.empty();
        }
        u.addLast(now);
        a.addLast(now);
        return Optional.of(new Attempt(user, address, now));
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String address) {
        return "ip:" + address;
    }

    private void prune(Deque<Instant> d, Instant now) {
        Instant cutoff = now.minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(cutoff)) {
            d.removeFirst();
        }
    }
}

package org.fraudlake.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.fraudlake.console.auth.ConsoleUser;
import org.fraudlake.console.auth.LoginSessions;
import org.fraudlake.console.auth.LoginThrottle;
import org.fraudlake.console.auth.PasswordHasher;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.console.web.Html;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords, sessions, throttling, partner paths and escaping, without a server or Spark. */
class ConsoleSecurityTest {
    private static final ConsoleUser PARTNER = new ConsoleUser("bank_a", Role.PARTNER, "BANK_A", "x", Instant.EPOCH);

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-10T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void passwordsAreStoredSaltedAndNeverInPlainText(@TempDir Path dir) throws Exception {
        PasswordHasher hasher = new PasswordHasher(2000);
        String a = hasher.hash("correct horse".toCharArray());
        String b = hasher.hash("correct horse".toCharArray());
        assertNotEquals(a, b, "a fresh salt each time");
        assertTrue(a.startsWith("pbkdf2-sha256$2000$"));
        assertTrue(PasswordHasher.verify("correct horse".toCharArray(), a));
        assertFalse(PasswordHasher.verify("correct horsf".toCharArray(), a));
        assertThrows(IllegalArgumentException.class, () -> hasher.hash("short".toCharArray()));
        UserStore store = new UserStore(dir.resolve("users.json").toString(), hasher);
        store.add("ana", Role.ANALYST, null, "correct horse".toCharArray());
        assertFalse(Files.readString(dir.resolve("users.json")).contains("correct horse"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("users.json"))), "password hashes: owner only");
        assertTrue(store.authenticate("ana", "correct horse".toCharArray()).isPresent());
        assertTrue(store.authenticate("ana", "wrong horse!".toCharArray()).isEmpty());
        assertTrue(store.authenticate("bob", "correct horse".toCharArray()).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.add("bank_x", Role.PARTNER, null, "correct horse".toCharArray()));
        assertTrue(e.getMessage().contains("--partner"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.parse("admin")).getMessage()
                .contains("analyst, supervisor, partner"));
    }

    @Test
    void sessionsExpireWhenIdleAndAfterTheirAbsoluteLimit() {
        MovingClock clock = new MovingClock();
        LoginSessions sessions = new LoginSessions(Duration.ofMinutes(30), Duration.ofHours(2), clock);
        LoginSessions.Session s = sessions.start(PARTNER);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id()).isPresent(), "used within the idle time");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id()).isPresent(), "each use extends it");
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(sessions.find(s.id()).isEmpty(), "idle too long");
        LoginSessions.Session t = sessions.start(PARTNER);
        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(25));
            sessions.find(t.id());
        }
        assertTrue(sessions.find(t.id()).isEmpty(), "past the absolute limit");
        assertTrue(LoginSessions.csrfMatches(t, t.csrf()));
        assertFalse(LoginSessions.csrfMatches(t, s.csrf()));
        assertFalse(LoginSessions.csrfMatches(t, null));
    }

    @Test
    void failedLoginsAreThrottledPerUserAndPerAddressApartForTheWindow() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.reserve("ana", "10.0.0.1").isPresent(), "reserved before the hash, kept as failures");
        }
        assertTrue(throttle.reserve("ana", "10.0.0.2").isEmpty(), "ana's budget is spent, from any address");
        assertTrue(throttle.reserve("bob", "10.0.0.1").isPresent(), "bob behind the same address still may");
        throttle.reserve("bob", "10.0.0.1").orElseThrow().succeeded();
        assertTrue(throttle.reserve("cid", "10.0.0.1").isPresent(), "a success gives its address place back");
        assertTrue(throttle.reserve("dan", "10.0.0.1").isEmpty(), "5 failures from the address spend its budget");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertTrue(throttle.reserve("ana", "10.0.0.1").isPresent(), "after the window");
    }

    @Test
    void aPartnerMayOpenOnlyItsOwnOutboxFolder() {
        assertTrue(ConsoleServer.partnerMayOpen(PARTNER, "/outbox/BANK_A/"));
        assertTrue(ConsoleServer.partnerMayOpen(PARTNER, "/outbox/BANK_A/2026-11-10/warnings.csv"));
        assertTrue(ConsoleServer.partnerMayOpen(PARTNER, "/logout"));
        for (String p : new String[]{"/outbox/BANK_B/", "/outbox/BANK_AB/", "/outbox/BANK_A/../BANK_B/x",
                "/outbox/BANK_A/%2e%2e/BANK_B/x", "/outbox/BANK_A/..\\BANK_B", "/queue", "/outbox/", "/models"}) {
            assertFalse(ConsoleServer.partnerMayOpen(PARTNER, p), p);
        }
    }

    @Test
    void everythingShownIsEscaped() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.esc("<script>alert('x')</script> & \"q\""));
        assertEquals("", Html.esc(null));
    }
}

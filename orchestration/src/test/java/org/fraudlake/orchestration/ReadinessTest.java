package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which expected deliveries have come: learned from earlier days or configured, waited for until a deadline. */
class ReadinessTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 9);

    @TempDir
    Path dir;
    private Lake lake;

    @BeforeEach
    void landing() throws IOException {
        lake = new Lake(dir.resolve("lake").toString());
        for (int back = 1; back <= 4; back++) {
            LocalDate d = D.minusDays(back);
            deliver("bank_transactions", "BANK_A", d);
            deliver("bank_transactions", "BANK_B", d);
            deliver("call_records", "CARRIER_X", d);
        }
        deliver("case_labels", "POLICE", D.minusDays(2));
        deliver("bank_transactions", "BANK_A", D);
        deliver("call_records", "CARRIER_X", D);
        // BANK_B's folder is there but its manifest is not: still arriving
        Files.createDirectories(Path.of(lake.delivery("bank_transactions", "BANK_B", D)));
    }

    private void deliver(String feed, String source, LocalDate date) throws IOException {
        Path folder = Files.createDirectories(Path.of(lake.delivery(feed, source, date)));
        Files.writeString(folder.resolve("_manifest.json"), "{}");
    }

    @Test
    void aBankThatDeliveredEveryEarlierDayIsMissedButASparseFeedIsNot() throws IOException {
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of()).check(D);
        assertEquals(Set.of("bank_transactions/BANK_A", "bank_transactions/BANK_B", "call_records/CARRIER_X"), s.expected());
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
        assertTrue(s.toString().contains("2 of 3 expected deliveries arrived"), s.toString());
        assertTrue(s.toString().contains("missing: bank_transactions/BANK_B"), s.toString());
    }

    @Test
    void configuredExpectationsReplaceTheLearnedOnes() throws IOException {
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of("bank_transactions/BANK_A",
                "case_labels/POLICE")).check(D);
        assertEquals(Set.of("case_labels/POLICE"), s.missing());
        assertThrows(IllegalArgumentException.class, () -> new Readiness(lake, new Configuration(),
                List.of("BANK_A transactions")));
    }

    /** A clock that moves only when the readiness pauses, by the pause asked for; every pause is recorded. */
    private static final class PausedClock extends Clock {
        private final List<Duration> pauses = new ArrayList<>();
        private Instant now = Instant.parse("2026-11-09T21:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        void pause(Duration d) {
            pauses.add(d);
            now = now.plus(d);
        }
    }

    @Test
    void theNightWaitsUntilTheDeadlineThenRunsWithWhatCame() throws Exception {
        List<String> heard = new ArrayList<>();
        PausedClock clock = new PausedClock();
        Instant deadline = clock.instant().plusMillis(1500);
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of(), clock, clock::pause).await(D, deadline,
                Duration.ofMillis(200), () -> false, heard::add);
        assertEquals(deadline, clock.instant(), "checked until the deadline, not beyond: " + clock.pauses);
        assertTrue(clock.pauses.stream().allMatch(p -> p.toMillis() <= 200), "polls every 200 ms: " + clock.pauses);
        assertEquals(8, clock.pauses.size(), clock.pauses.toString());
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
        assertEquals(1, heard.size(), "says once that it waits, and for what: " + heard);
        assertTrue(heard.get(0).contains("bank_transactions/BANK_B"));
    }

    @Test
    void aLateDeliveryArrivingWhileWaitingEndsTheWait() throws Exception {
        PausedClock clock = new PausedClock();
        Instant deadline = clock.instant().plusSeconds(60);
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of(), clock, d -> {
            clock.pause(d);
            if (clock.pauses.size() == 4) {
                try {
                    deliver("bank_transactions", "BANK_B", D);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).await(D, deadline, Duration.ofMillis(100), () -> false, line -> { });
        assertTrue(s.complete(), s.toString());
        assertEquals(4, clock.pauses.size(), "the check after the delivery ends the wait: " + clock.pauses);
        assertTrue(clock.instant().isBefore(deadline));
    }

    @Test
    void aStopEndsTheWaitWithWhatCame() throws Exception {
        PausedClock clock = new PausedClock();
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of(), clock, clock::pause).await(D,
                clock.instant().plusSeconds(60), Duration.ofMillis(100), () -> clock.pauses.size() >= 2, line -> { });
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
        assertEquals(2, clock.pauses.size(), clock.pauses.toString());
    }

    @Test
    void aPassedDeadlineDoesNotWait() throws Exception {
        PausedClock clock = new PausedClock();
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of(), clock, d -> {
            throw new AssertionError("paused " + d + " although the deadline had passed");
        }).await(D, Instant.MIN, Duration.ofSeconds(60), () -> false, line -> { });
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
    }
}

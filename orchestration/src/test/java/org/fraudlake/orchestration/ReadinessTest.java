package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    @Test
    void theNightWaitsUntilTheDeadlineThenRunsWithWhatCame() throws Exception {
        List<String> heard = new ArrayList<>();
        Instant t0 = Instant.now();
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of()).await(D, t0.plusMillis(1500),
                Duration.ofMillis(200), () -> false, heard::add);
        assertTrue(Duration.between(t0, Instant.now()).toMillis() >= 1400);
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
        assertEquals(1, heard.size(), "says once that it waits, and for what: " + heard);
        assertTrue(heard.get(0).contains("bank_transactions/BANK_B"));
    }

    @Test
    void aLateDeliveryArrivingWhileWaitingEndsTheWait() throws Exception {
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(400);
                deliver("bank_transactions", "BANK_B", D);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        Instant t0 = Instant.now();
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of()).await(D, t0.plusSeconds(60),
                Duration.ofMillis(100), () -> false, line -> { });
        late.join();
        assertTrue(s.complete(), s.toString());
        assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 30);
    }

    @Test
    void aPassedDeadlineDoesNotWait() throws Exception {
        Instant t0 = Instant.now();
        Readiness.Status s = new Readiness(lake, new Configuration(), List.of()).await(D, Instant.MIN,
                Duration.ofSeconds(60), () -> false, line -> { });
        assertEquals(Set.of("bank_transactions/BANK_B"), s.missing());
        assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 5);
    }
}

package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.Delivery;
import org.fraudlake.pipelines.ingest.LandingScanner;
import org.fraudlake.schemas.Problem;

/**
 * Which of a night's expected deliveries ({@code feed/source}) have arrived: a folder with its manifest in
 * landing (an arrived delivery may still be rejected by ingest; that is ingest's business). The expected
 * set is configured ({@code readiness.expected}) or, when empty, learned: every feed/source that delivered
 * on each of the last {@value #LEARN_DAYS} dates before the night (sparse feeds such as case labels are then
 * not expected). Lists folders and reads manifests only.
 */
public final class Readiness {
    static final int LEARN_DAYS = 7;

    /** What a night expected, what came, what is missing, and where the expectation came from. */
    public record Status(LocalDate date, Set<String> expected, Set<String> arrived, Set<String> missing,
                         String basis) {
        public boolean complete() {
            return missing.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%d of %d expected deliveries arrived (%s)%s", expected.size() - missing.size(),
                    expected.size(), basis, missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing));
        }
    }

    /** Pauses between checks; tests replace it (with the clock) to wait without waiting. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final LandingScanner scanner;
    private final List<String> configured;
    private final Clock clock;
    private final Pause pause;

    public Readiness(Lake lake, Configuration hadoop, List<String> configured) throws IOException {
        this(lake, hadoop, configured, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** Readiness on the given clock, pausing between checks with {@code pause}. */
    Readiness(Lake lake, Configuration hadoop, List<String> configured, Clock clock, Pause pause) throws IOException {
        this.scanner = new LandingScanner(lake, hadoop);
        this.configured = List.copyOf(configured);
        this.clock = clock;
        this.pause = pause;
        for (String c : configured) {
            if (!c.matches("[a-z_]+/[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("readiness.expected: '" + c + "' is not feed/SOURCE "
                        + "(for example transactions/BANK_A)");
            }
        }
    }

    /** The state of the date's deliveries now. */
    public Status check(LocalDate date) throws IOException {
        Set<String> arrived = arrived(date);
        Set<String> expected;
        String basis;
        if (!configured.isEmpty()) {
            expected = new TreeSet<>(configured);
            basis = "configured";
        } else {
            expected = null;
            int days = 0;
            for (int back = 1; back <= LEARN_DAYS; back++) {
                Set<String> earlier = arrived(date.minusDays(back));
                if (earlier.isEmpty()) {
                    continue;
                }
                days++;
                if (expected == null) {
                    expected = new TreeSet<>(earlier);
                } else {
                    expected.retainAll(earlier);
                }
            }
            if (expected == null) {
                expected = new TreeSet<>(arrived);
                basis = "no earlier deliveries: expecting what came";
            } else {
                basis = "learned: delivered on each of the " + days + " earlier delivery dates in the last " + LEARN_DAYS
                        + " days";
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(arrived);
        return new Status(date, expected, arrived, missing, basis);
    }

    /**
     * Checks until every expected delivery has arrived, the deadline passes or {@code stop} says so, polling
     * every {@code poll}; returns the last state (possibly with deliveries missing: the night runs anyway).
     */
    public Status await(LocalDate date, Instant deadline, Duration poll, BooleanSupplier stop,
                        Consumer<String> progress) throws IOException, InterruptedException {
        Status s = check(date);
        boolean told = false;
        while (!s.complete() && clock.instant().isBefore(deadline) && !stop.getAsBoolean()) {
            if (!told) {
                progress.accept("readiness " + date + ": " + s + "; waiting until " + deadline);
                told = true;
            }
            pause.pause(Duration.ofMillis(Math.max(10, Math.min(poll.toMillis(),
                    Duration.between(clock.instant(), deadline).toMillis()))));
            s = check(date);
        }
        return s;
    }

    private Set<String> arrived(LocalDate date) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Delivery d : scanner.scan(date)) {
            if (d.problem() != Problem.NO_MANIFEST) {
                out.add(d.feed().name() + "/" + d.source());
            }
        }
        return out;
    }
}

package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runner's bookkeeping with the stages replaced by recording ones; the ledger and the lock are real. */
@ExtendWith(SparkTestExtension.class)
class NightRunnerTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 5);

    @TempDir
    Path dir;

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> slept = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private FraudlakeConfig config;

    NightRunnerTest(SparkSession spark) {
        // the shared session: the runner's getOrCreate returns it
    }

    @BeforeEach
    void config() throws IOException {
        config = FraudlakeConfig.load(null, List.of("lake.root=" + dir.resolve("lake"), "run.retry-backoff=30s",
                "run.retries=2"));
    }

    /** A night of four stages keeps the number of (real, Delta) ledger writes small. */
    private static final StageGraph GRAPH = new StageGraph(List.of(
            new StageGraph.Spec("ingest", List.of(), List.of(), List.of(), "ingest"),
            new StageGraph.Spec("conform", List.of("ingest"), List.of(), List.of(), "conform"),
            new StageGraph.Spec("features", List.of("conform"), List.of(), List.of(), "features"),
            new StageGraph.Spec("score", List.of("features"), List.of(), List.of(), "score")));

    private List<Stage> recording(Map<String, Work> special) {
        List<Stage> stages = new ArrayList<>();
        for (StageGraph.Spec spec : GRAPH.stages()) {
            String name = spec.name();
            stages.add(Stage.of(spec, special.getOrDefault(name, (spark, date) -> {
                ran.add(name + " " + date);
                return StageResult.of(10L, 7L, null);
            })));
        }
        return stages;
    }

    private NightRunner runner(Map<String, Work> special) {
        return new NightRunner(config, new PrintStream(printed, true, StandardCharsets.UTF_8), recording(special),
                slept::add);
    }

    private List<String> statuses(NightRunner runner, String stage) {
        return runner.ledger().entries(D).stream().filter(e -> e.stage().equals(stage) && e.endedAt() != null)
                .map(e -> e.status() + "#" + e.attempt()).toList();
    }

    @Test
    void runsEveryStageInGraphOrderAndRecordsEachInTheLedger() throws IOException {
        NightRunner runner = runner(Map.of());
        NightRunner.Outcome o = runner.run(D, null, false);
        assertTrue(o.completed());
        assertEquals(GRAPH.names().stream().map(s -> s + " " + D).toList(), ran);
        assertTrue(runner.isComplete(D));
        RunLedger.Entry ingest = runner.ledger().latest(D).get("ingest");
        assertEquals(RunLedger.SUCCEEDED, ingest.status());
        assertEquals(10L, ingest.rowsIn());
        assertEquals(7L, ingest.rowsOut());
        assertEquals(GRAPH.names().size(), runner.ledger().entries(D).size());
    }

    @Test
    void aStageWithNothingToDoIsRecordedSkippedWithItsReasonAndItsWorkNeverRuns() throws IOException {
        Stage idle = new Stage() {
            @Override
            public StageGraph.Spec spec() {
                return GRAPH.stage("features");
            }

            @Override
            public Optional<String> skip(SparkSession spark, LocalDate date) {
                return Optional.of("nothing new on " + date);
            }

            @Override
            public StageResult run(SparkSession spark, LocalDate date) {
                throw new AssertionError("a skipped stage's work never runs");
            }
        };
        List<Stage> stages = recording(Map.of()).stream().map(s -> s.spec().name().equals("features") ? idle : s)
                .toList();
        NightRunner runner = new NightRunner(config, new PrintStream(printed, true, StandardCharsets.UTF_8), stages,
                slept::add);

        assertTrue(runner.run(D, null, false).completed());

        RunLedger.Entry features = runner.ledger().latest(D).get("features");
        assertEquals(RunLedger.SKIPPED, features.status());
        assertEquals("nothing new on " + D, features.note());
        assertEquals(List.of("ingest " + D, "conform " + D, "score " + D), ran, "the stages after it ran");
        assertTrue(runner.isComplete(D));
    }

    @Test
    void twoStagesWithOneNameAreRefusedNotSilentlyOneOfThem() {
        List<Stage> stages = new ArrayList<>(recording(Map.of()));
        stages.add(Stage.of(GRAPH.stage("conform"), (spark, date) -> StageResult.of(0L, 0L, null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NightRunner(config,
                new PrintStream(printed, true, StandardCharsets.UTF_8), stages, slept::add));
        assertTrue(e.getMessage().contains("two stages are named 'conform'"), e.getMessage());
    }

    @Test
    void theStandardNightsGraphIsBuiltFromItsStageClasses() {
        NightRunner runner = new NightRunner(config, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(List.of("ingest", "conform", "features", "graph", "train", "score", "leads", "publish",
                "feedback", "report"), runner.graph().names());
        assertEquals(StandardNight.GRAPH.stages(), runner.graph().stages());
        assertEquals(TrainStage.SPEC, runner.graph().stage("train"));
        assertEquals(List.of("score", "leads"), runner.graph().stage("publish").dependsOn());
        assertEquals(List.of("ingest", "conform", "features", "graph", "train", "score", "leads"),
                List.copyOf(runner.graph().upstream("publish")));
    }

    @Test
    void aStageFailingOnBadDataStopsWithoutRetryAndTheNextRunResumesThere() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Work features = (spark, date) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("silver/accounts: column opened_at is missing");
            }
            ran.add("features " + date);
            return StageResult.of(null, 3L, null);
        };
        NightRunner runner = runner(Map.of("features", features));
        NightRunner.StageFailedException e = assertThrows(NightRunner.StageFailedException.class,
                () -> runner.run(D, null, false));
        assertTrue(e.getMessage().contains("column opened_at is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("fraudlake run --date " + D), e.getMessage());
        assertEquals("features", e.stage());
        assertEquals(List.of("ingest " + D, "conform " + D), ran);
        assertTrue(slept.isEmpty(), "bad data is not retried");
        assertEquals(List.of("FAILED#1"), statuses(runner, "features"));

        ran.clear();
        assertTrue(runner.run(D, null, false).completed());
        assertEquals("features " + D, ran.get(0), "resumes at the failed stage; ingest and conform not run again");
        assertEquals(List.of("FAILED#1", "SUCCEEDED#2"), statuses(runner, "features"));
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoff() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Work flaky = (spark, date) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IOException("connection reset by datanode");
            }
            return StageResult.of(null, 1L, null);
        };
        NightRunner runner = runner(Map.of("features", flaky));
        assertTrue(runner.run(D, null, false).completed());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), slept);
        assertEquals(List.of("FAILED#1", "FAILED#2", "SUCCEEDED#3"), statuses(runner, "features"));
    }

    @Test
    void aTransientFailureThatOutlivesItsRetriesFails() {
        Work down = (spark, date) -> {
            throw new IOException("namenode unreachable");
        };
        NightRunner runner = runner(Map.of("features", down));
        assertThrows(NightRunner.StageFailedException.class, () -> runner.run(D, null, false));
        assertEquals(2, slept.size());
        assertEquals(List.of("FAILED#1", "FAILED#2", "FAILED#3"), statuses(runner, "features"));
        assertFalse(runner.isComplete(D));
    }

    @Test
    void anAttemptThatNeverEndedIsRunAgain() throws IOException {
        NightRunner runner = runner(Map.of());
        runner.run(D, "ingest", false);
        runner.ledger().record(new RunLedger.Entry("killed-run", D, "conform", RunLedger.ABORTED, 1, Instant.now(),
                Instant.now(), null, null, "process 1 died during the stage", null, "host", 1L));
        ran.clear();
        assertTrue(runner.run(D, null, false).completed());
        assertEquals("conform " + D, ran.get(0));
        assertEquals(2, runner.ledger().latest(D).get("conform").attempt());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("never finished"));
    }

    @Test
    void runStageRefusesWhileWhatItNeedsIsIncompleteUnlessForced() throws IOException {
        NightRunner runner = runner(Map.of());
        runner.run(D, "conform", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner.runStage("score", D, false));
        assertTrue(e.getMessage().contains("needs features"), e.getMessage());
        ran.clear();
        runner.runStage("score", D, true);
        assertEquals(List.of("score " + D), ran);
        ran.clear();
        runner.runStage("conform", D, false);
        assertEquals(List.of("conform " + D), ran, "run-stage runs a stage again even when it completed");
        assertThrows(IllegalArgumentException.class, () -> runner.runStage("publsh", D, false));
    }

    @Test
    void aStopRequestEndsTheNightAfterTheRunningStage() throws IOException {
        AtomicReference<NightRunner> self = new AtomicReference<>();
        Work features = (spark, date) -> {
            self.get().requestStop();
            ran.add("features " + date);
            return StageResult.of(null, 1L, null);
        };
        NightRunner runner = runner(Map.of("features", features));
        self.set(runner);
        NightRunner.Outcome o = runner.run(D, null, false);
        assertFalse(o.completed());
        assertEquals(List.of("ingest " + D, "conform " + D, "features " + D), ran);
        NightRunner next = runner(Map.of());
        ran.clear();
        assertTrue(next.run(D, null, false).completed());
        assertEquals("score " + D, ran.get(0));
    }

    @Test
    void backfillRunsDatesInOrderAndSkipsCompleteOnes() throws IOException {
        NightRunner runner = runner(Map.of());
        runner.run(D.plusDays(1), null, false);
        ran.clear();
        List<NightRunner.Outcome> outcomes = runner.backfill(D, D.plusDays(2), false);
        assertEquals(List.of(D, D.plusDays(2)), outcomes.stream().map(NightRunner.Outcome::date).toList());
        assertEquals("ingest " + D, ran.get(0));
        assertEquals("ingest " + D.plusDays(2), ran.get(GRAPH.names().size()));
        ran.clear();
        assertEquals(3, runner.backfill(D, D.plusDays(2), true).size(), "--force runs complete dates again");
        assertThrows(IllegalArgumentException.class, () -> runner.backfill(D, D.minusDays(1), false));
    }

    @Test
    void aSecondRunOnTheLakeIsRefusedNamingTheHolder() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Work slow = (spark, date) -> {
            inside.countDown();
            assertTrue(release.await(60, TimeUnit.SECONDS));
            return StageResult.of(null, 1L, null);
        };
        NightRunner first = runner(Map.of("conform", slow));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                first.run(D, "conform", false);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        assertTrue(inside.await(60, TimeUnit.SECONDS));
        NightRunner second = runner(Map.of());
        LakeLock.LockedException e = assertThrows(LakeLock.LockedException.class, () -> second.run(D, null, false));
        assertTrue(e.getMessage().contains("run " + D), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        release.countDown();
        t.join(60_000);
        assertEquals(null, failure.get());
        assertTrue(second.run(D, null, false).completed(), "once released, the lake is free");
        assertTrue(new Lake(config.get(FraudlakeConfig.LAKE_ROOT)).lock().endsWith("ops/_lock"));
    }
}

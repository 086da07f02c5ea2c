package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.StageFailures;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner keeps of a failure: a stage with failed parts completes PARTIAL and the night goes on; a failed
 * stage's ledger row names the class and file:line; the whole stack is in ops/logs and on stderr; every failure
 * is a row of ops/failures. The stages are stand-ins; the ledger, the failures table and the log are real.
 */
@ExtendWith(SparkTestExtension.class)
class FailureRecordsTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 5);
    private static final StageGraph GRAPH = new StageGraph(List.of(
            new StageGraph.Spec("train", List.of(), List.of(), List.of(), "train"),
            new StageGraph.Spec("score", List.of("train"), List.of(), List.of(), "score"),
            new StageGraph.Spec("publish", List.of("score"), List.of(), List.of(), "publish")));

    @TempDir
    Path dir;

    private final List<String> ran = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private Lake lake;
    private FraudlakeConfig config;

    FailureRecordsTest(SparkSession spark) {
        // the shared session: the runner's getOrCreate returns it
    }

    @BeforeEach
    void config() throws IOException {
        lake = new Lake(dir.resolve("lake").toString());
        config = FraudlakeConfig.load(null, List.of("lake.root=" + lake.root(), "run.retries=0"));
    }

    private NightRunner runner(Map<String, Work> special) {
        List<Stage> stages = new ArrayList<>();
        for (StageGraph.Spec spec : GRAPH.stages()) {
            String name = spec.name();
            stages.add(Stage.of(spec, special.getOrDefault(name, (spark, date) -> {
                ran.add(name);
                return StageResult.of(null, 1L, null);
            })));
        }
        return new NightRunner(config, new PrintStream(printed, true, StandardCharsets.UTF_8), stages,
                (Duration d) -> { });
    }

    /** Throws TreeMap's NullPointerException without a message from a line of this file, as the issue's did. */
    private static void evaluate(Map<String, Double> metrics) {
        metrics.put(null, 1.0);
    }

    private static Throwable thrownByEvaluate() {
        try {
            evaluate(new java.util.TreeMap<>(Map.of("ALL", 1.0)));
            throw new AssertionError("evaluate did not throw");
        } catch (NullPointerException e) {
            return e;
        }
    }

    @Test
    void aStageWithAFailedModelCompletesPartialAndTheNightGoesOn(SparkSession spark) throws IOException {
        Work train = (s, date) -> {
            ran.add("train");
            return StageResult.of(null, 23L, "trained 23 models")
                    .withFailures(List.of(new PartFailure("money_mule", thrownByEvaluate())));
        };
        NightRunner runner = runner(Map.of("train", train));

        assertTrue(runner.run(D, null, false).completed());

        assertEquals(List.of("train", "score", "publish"), ran, "score and publish go on");
        RunLedger.Entry row = runner.ledger().latest(D).get("train");
        assertEquals(RunLedger.SUCCEEDED, row.status());
        assertTrue(row.partial());
        assertTrue(runner.isComplete(D));
        assertTrue(row.note().matches("trained 23 models; PARTIAL: 1 failed: money_mule \\(NullPointerException at "
                + "FailureRecordsTest\\.java:\\d+\\); the rest completed; stacks in ops/logs/" + D + "/.*-train-1\\.log"),
                row.note());
        assertTrue(row.error().startsWith("money_mule: NullPointerException at FailureRecordsTest.evaluate("
                + "FailureRecordsTest.java:"), "no message, still the class and the line: " + row.error());

        List<Row> failures = DeltaIO.read(spark, lake.failures()).collectAsList();
        assertEquals(1, failures.size());
        Row f = failures.get(0);
        assertEquals("money_mule", f.getAs(StageFailures.PART));
        assertEquals("train", f.getAs(StageFailures.STAGE));
        assertEquals("java.lang.NullPointerException", f.getAs(StageFailures.ERROR_CLASS));
        assertTrue(f.<String>getAs(StageFailures.FRAMES).startsWith("FailureRecordsTest.evaluate(FailureRecordsTest"
                + ".java:"), f.<String>getAs(StageFailures.FRAMES));
        String log = Files.readString(Path.of(lake.root(), f.<String>getAs(StageFailures.LOG)));
        assertTrue(log.contains("part money_mule failed"), log);
        assertTrue(log.contains("at org.fraudlake.orchestration.FailureRecordsTest.evaluate(FailureRecordsTest.java:"),
                log);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("train " + D + ": succeeded, PARTIAL"));
    }

    @Test
    void aFailedStagesLedgerRowNamesClassAndLineAndTheLogHoldsTheWholeStack(SparkSession spark) throws IOException {
        Work score = (s, date) -> {
            throw new IllegalStateException("scoring " + date + " failed", thrownByEvaluate());
        };
        NightRunner runner = runner(Map.of("score", score));

        NightRunner.StageFailedException e = assertThrows(NightRunner.StageFailedException.class,
                () -> runner.run(D, null, false));

        RunLedger.Entry row = runner.ledger().latest(D).get("score");
        assertEquals(RunLedger.FAILED, row.status());
        assertTrue(row.error().matches("IllegalStateException: scoring " + D + " failed \\(cause: NullPointerException\\)"
                + " at FailureRecordsTest\\.evaluate\\(FailureRecordsTest\\.java:\\d+\\) <- FailureRecordsTest"
                + "\\.thrownByEvaluate\\(FailureRecordsTest\\.java:\\d+\\) <- .*"), row.error());
        assertTrue(row.note().contains("full stack in ops/logs/" + D + "/" + row.runId() + "-score-1.log"),
                row.note());
        assertTrue(e.getMessage().contains("FailureRecordsTest.java:"), e.getMessage());
        Path log = Path.of(lake.opsLog(D, row.runId() + "-score-1.log"));
        String text = Files.readString(log);
        assertTrue(text.contains("java.lang.IllegalStateException: scoring " + D + " failed"), text);
        assertTrue(text.contains("Caused by: java.lang.NullPointerException"), text);
        assertTrue(text.contains("at org.fraudlake.orchestration.FailureRecordsTest.evaluate("), text);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Caused by: java.lang.NullPointerException"),
                "the stack goes to stderr too (here the runner's output)");
        Row f = DeltaIO.read(spark, lake.failures()).first();
        assertNull(f.getAs(StageFailures.PART), "the whole stage failed");
        assertEquals("score", f.getAs(StageFailures.STAGE));
        assertEquals(List.of("train"), ran, "publish did not run after the failed score");
    }
}

package org.fraudlake.orchestration.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.orchestration.ExitCodes;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each fault drill at small scale (a tiny city, one night), and the lake comparison the drills rely on. */
@ExtendWith(SparkTestExtension.class)
class DrillTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);

    private static DrillSettings settings(Path scratch, int days, int cases, String toStage) {
        return new DrillSettings(100, days, 11L, START, cases, scratch, toStage, "1g", Duration.ofMinutes(15));
    }

    private static DrillReport printed(DrillReport r, ByteArrayOutputStream out) {
        System.out.print(out.toString(StandardCharsets.UTF_8));
        r.printSummary();
        return r;
    }

    @Test
    void crashDrillKillsRealRunsAndTheReRunsMatchTheUninterruptedOne(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrillReport r = printed(new CrashDrill(settings(tmp, 1, 2, "conform"), spark,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, r.tried(), text);
        assertEquals(0, r.failed(), text);
        assertEquals(2, text.lines().filter(l -> l.contains("SIGKILL (exit " + CrashDrill.SIGKILL_EXIT + ")")).count(),
                "each case proves its kill hit the night mid-way: " + text);
    }

    @Test
    void everyCorruptedDeliveryIsRejectedWithAReasonOrFullyAccountedFor(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrillReport r = printed(new BadInputDrill(settings(tmp, 2, Corruption.values().length + 4, null), spark,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(), out);
        assertEquals(Corruption.values().length + 4, r.tried());
        assertEquals(0, r.failed(), out.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("rejected: "), "some case is rejected");
        assertTrue(text.contains("loaded: "), "some case is loaded with rows quarantined");
    }

    @Test
    void twoRunsAtOnceOneRefusesAndTheTablesStayValid(SparkSession spark, @TempDir Path tmp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrillReport r = printed(new ConcurrencyDrill(settings(tmp, 1, 1, "ingest"), spark,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(), out);
        assertEquals(1, r.tried());
        assertEquals(0, r.failed(), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("exits 0 and " + ExitCodes.LOCKED)
                || out.toString(StandardCharsets.UTF_8).contains("exits " + ExitCodes.LOCKED + " and 0"),
                "the two runs met: one refused");
    }

    @Test
    void aRestatedDayIsReflectedAndTheEarlierVersionStaysReadable(SparkSession spark, @TempDir Path tmp)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DrillReport r = printed(new RestatementDrill(settings(tmp, 1, 1, "conform"), spark,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(), out);
        assertEquals(1, r.tried());
        assertEquals(0, r.failed(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lakeDiffFindsDuplicatesLostRowsAndChangedOutboxBytes(SparkSession spark, @TempDir Path tmp) throws IOException {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("_ingested_at", DataTypes.LongType);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create("x", 1L), RowFactory.create("y", 1L)), schema),
                a.resolve("silver/t").toString());
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create("x", 2L), RowFactory.create("y", 2L)), schema),
                b.resolve("silver/t").toString());
        Files.createDirectories(a.resolve("outbox/BANK_A"));
        Files.createDirectories(b.resolve("outbox/BANK_A"));
        Files.writeString(a.resolve("outbox/BANK_A/warnings.csv"), "id\nx\n");
        Files.writeString(b.resolve("outbox/BANK_A/warnings.csv"), "id\nx\n");
        assertEquals(List.of(), LakeDiff.compare(spark, a, b), "only an excluded column differs");

        DeltaIO.append(spark.createDataFrame(List.of(RowFactory.create("x", 3L)), schema), b.resolve("silver/t").toString());
        Files.writeString(b.resolve("outbox/BANK_A/warnings.csv"), "id\ny\n");
        List<String> problems = LakeDiff.compare(spark, a, b);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("silver/t: 0 rows of the uninterrupted run missing, 1 rows extra"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("outbox/BANK_A/warnings.csv: bytes differ"), problems.get(1));
    }
}

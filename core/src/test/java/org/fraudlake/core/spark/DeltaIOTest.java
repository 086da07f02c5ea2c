package org.fraudlake.core.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Counting what a write wrote from the Delta commit, without counting the frame again. */
@ExtendWith(SparkTestExtension.class)
class DeltaIOTest {
    private final SparkSession spark;

    DeltaIOTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void rowsWrittenComeFromTheLastCommitsMetrics(@TempDir Path dir) {
        String path = dir.resolve("t").toString();
        assertEquals(-1L, DeltaIO.versionOrNone(spark, path), "no table yet");
        DeltaIO.overwrite(days(5, "2026-11-01"), path, "d");
        assertEquals(5, DeltaIO.rowsWritten(spark, path, -1L));

        long before = DeltaIO.versionOrNone(spark, path);
        DeltaIO.replaceWhere(days(3, "2026-11-02"), path, "d = DATE'2026-11-02'", "d");
        assertEquals(3, DeltaIO.rowsWritten(spark, path, before), "the partition written, not the table");
        assertEquals(8, DeltaIO.read(spark, path).count());

        long now = DeltaIO.versionOrNone(spark, path);
        assertEquals(0, DeltaIO.rowsWritten(spark, path, now), "no commit since: nothing written");
        before = now;
        DeltaIO.replaceWhere(days(0, "2026-11-03"), path, "d = DATE'2026-11-03'", "d");
        assertEquals(0, DeltaIO.rowsWritten(spark, path, before), "an empty partition written: 0 rows");
    }

    private Dataset<Row> days(int n, String day) {
        return spark.range(n).selectExpr("id", "DATE'" + day + "' AS d");
    }
}

package org.fraudlake.testkit;

import static org.fraudlake.testkit.DatasetAssertions.assertDatasetEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

@ExtendWith(SparkTestExtension.class)
class DatasetAssertionsTest {
    private static final StructType SCHEMA = StructType.fromDDL("id STRING, amount INT");

    private static Dataset<Row> frame(SparkSession spark, Row... rows) {
        return spark.createDataFrame(List.of(rows), SCHEMA);
    }

    @Test
    void sameRowsInAnyOrderAreEqual(SparkSession spark) {
        assertDatasetEquals(frame(spark, RowFactory.create("a", 1), RowFactory.create("b", 2)),
                frame(spark, RowFactory.create("b", 2), RowFactory.create("a", 1)));
    }

    @Test
    void differingRowsAreShownOnBothSides(SparkSession spark) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertDatasetEquals(
                frame(spark, RowFactory.create("a", 1), RowFactory.create("b", 2)),
                frame(spark, RowFactory.create("a", 1), RowFactory.create("b", 3))));
        assertTrue(e.getMessage().contains("only in expected (1):\n  [b,2]"), e.getMessage());
        assertTrue(e.getMessage().contains("only in actual (1):\n  [b,3]"), e.getMessage());
    }

    @Test
    void differingSchemasAreNamed(SparkSession spark) {
        Dataset<Row> other = spark.createDataFrame(List.of(RowFactory.create("a", 1L)),
                StructType.fromDDL("id STRING, amount BIGINT"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertDatasetEquals(frame(spark, RowFactory.create("a", 1)), other));
        assertTrue(e.getMessage().contains("schemas differ"), e.getMessage());
    }

    @Test
    void oneSessionIsSharedAndConfiguredForTests(SparkSession spark) {
        assertSame(spark, SparkTestExtension.spark());
        assertTrue(spark.conf().get("spark.sql.extensions").contains("Delta"));
        assertTrue(spark.conf().get("spark.sql.session.timeZone").equals("UTC"));
    }
}

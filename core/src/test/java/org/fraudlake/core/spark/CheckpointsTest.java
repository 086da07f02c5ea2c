package org.fraudlake.core.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class CheckpointsTest {
    /**
     * Twelve levels of stored frames, each a join of the one before with itself: the planner's estimate stays the
     * stored bytes (kilobytes), where the origin's estimate would square at every level (a number of thousands of
     * digits after twelve), and the rows are the same.
     */
    @Test
    void storedFramesCarryTheirMeasuredSizeSoJoinEstimatesDoNotCompound(SparkSession spark) {
        Checkpoints keep = new Checkpoints();
        try {
            Dataset<Row> frame = keep.materialize(spark.range(1_000).toDF("id"));
            for (int level = 0; level < 12; level++) {
                Dataset<Row> other = frame.select(col("id").as("other"));
                frame = keep.materialize(frame.join(other, col("id").equalTo(col("other"))).select(col("id")));
            }
            BigInteger estimate = frame.queryExecution().optimizedPlan().stats().sizeInBytes().bigInteger();
            assertTrue(estimate.compareTo(BigInteger.valueOf(10_000_000)) < 0, "estimate " + estimate);
            assertTrue(estimate.signum() > 0);
            assertEquals(1_000, frame.count());
            assertEquals(499_500L, frame.agg(org.apache.spark.sql.functions.sum("id")).first().getLong(0));
        } finally {
            keep.release();
        }
    }
}

package org.fraudlake.core.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.AttributeMap$;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import scala.Option;
import scala.math.BigInt;

/**
 * The frames one run of a job materializes, freed together when the run ends. Thread-safe: concurrent steps
 * of a job may materialize at once.
 */
public final class Checkpoints {
    private final List<Dataset<Row>> stored = new CopyOnWriteArrayList<>();

    /**
     * Materializes a frame that several steps read, cutting its lineage (a local checkpoint in memory and disk):
     * later plans see a plain scan of the stored rows, so the optimizer and adaptive re-planning do not re-walk
     * (and the cache manager does not re-match) the plan that built it, a cost that dominates on small data.
     */
    public Dataset<Row> materialize(Dataset<Row> frame) {
        Dataset<Row> rows = measured(frame.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK()));
        stored.add(rows);
        return rows;
    }

    /**
     * A locally checkpointed frame whose size estimate is the bytes its stored blocks really take, not the estimate
     * of the plan that made it, which Spark keeps by default. A join's estimate is the product of its sides' (when no
     * column statistics exist), so through checkpoint after checkpoint of joined frames the planner's number grows to
     * hundreds of thousands of digits, and planning one write took tens of seconds of big-integer multiplication. The
     * measured size also lets the planner broadcast a small stored frame. A frame that is no local checkpoint is
     * returned as it is.
     */
    public static Dataset<Row> measured(Dataset<Row> checkpointed) {
        if (!(checkpointed.queryExecution().analyzed() instanceof LogicalRDD stored)
                || !(checkpointed.sparkSession() instanceof org.apache.spark.sql.classic.SparkSession session)) {
            return checkpointed;
        }
        long bytes = 0;
        for (RDDInfo info : session.sparkContext().getRDDStorageInfo()) {
            if (info.id() == stored.rdd().id()) {
                bytes = info.memSize() + info.diskSize();
            }
        }
        Statistics size = new Statistics(BigInt.apply(Math.max(1L, bytes)), Option.empty(), AttributeMap$.MODULE$.empty(),
                false);
        LogicalRDD plan = new LogicalRDD(stored.output(), stored.rdd(), stored.outputPartitioning(),
                stored.outputOrdering(), stored.isStreaming(), stored.stream(), session, Option.apply(size),
                Option.empty());
        return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(session, plan);
    }

    /** Frees everything {@link #materialize} stored, waiting for the blocks to go (nothing left at JVM exit). */
    public void release() {
        for (Dataset<Row> rows : stored) {
            if (rows.queryExecution().analyzed() instanceof LogicalRDD checkpoint) {
                checkpoint.rdd().unpersist(true);
            }
        }
        stored.clear();
    }
}

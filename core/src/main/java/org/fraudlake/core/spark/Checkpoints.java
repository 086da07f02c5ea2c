package org.fraudlake.core.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

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
        Dataset<Row> rows = frame.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
        stored.add(rows);
        return rows;
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

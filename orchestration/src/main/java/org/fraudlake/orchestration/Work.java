package org.fraudlake.orchestration;

import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * The work of a stage, of a stage's own command or of another task that writes the lake, for one business date;
 * idempotent for the date. The runner wraps it in the lake lock and the run ledger.
 */
@FunctionalInterface
public interface Work {
    StageResult run(SparkSession spark, LocalDate date) throws Exception;
}

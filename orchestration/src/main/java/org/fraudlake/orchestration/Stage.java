package org.fraudlake.orchestration;

import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** The work of one stage for one business date; idempotent for the date. */
@FunctionalInterface
public interface Stage {
    StageResult run(SparkSession spark, LocalDate date) throws Exception;
}

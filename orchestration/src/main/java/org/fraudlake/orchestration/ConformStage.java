package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Bronze into typed, deduplicated, pseudonymized silver tables; rows out: the rows written. */
final class ConformStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("conform", List.of("ingest"), List.of("bronze/*"),
            List.of("silver/*", "vault/identities"), "typed, deduplicated, pseudonymized silver tables");

    ConformStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException {
        return StageResult.written(night().conform(spark, date));
    }
}

package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Bronze into typed, deduplicated, pseudonymized silver tables; rows out: the rows written. */
final class ConformStage implements Stage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("conform", List.of("ingest"), List.of("bronze/*"),
            List.of("silver/*", "vault/identities"), "typed, deduplicated, pseudonymized silver tables");

    private final Night night;

    ConformStage(StageContext context) {
        this.night = context.night();
    }

    @Override
    public StageGraph.Spec spec() {
        return SPEC;
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException {
        return StageResult.written(night.conform(spark, date));
    }
}

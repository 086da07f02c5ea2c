package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.pipelines.features.FeaturesJob;

/** The daily aggregates and the 1/7/30-day feature tables of D. */
final class FeaturesStage implements Stage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("features", List.of("conform"), List.of("silver/*"),
            List.of("gold/agg_*_daily", "gold/features_*_daily"), "daily aggregates and 1/7/30-day feature tables");

    private final Night night;

    FeaturesStage(StageContext context) {
        this.night = context.night();
    }

    @Override
    public StageGraph.Spec spec() {
        return SPEC;
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        FeaturesJob.Result r = night.features(spark, date);
        return StageResult.of(null, StageResult.total(r.counts()), r.note());
    }
}

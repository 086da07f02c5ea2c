package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.pipelines.features.FeaturesJob;

/** The daily aggregates and the 1/7/30-day feature tables of D. */
final class FeaturesStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("features", List.of("conform"), List.of("silver/*"),
            List.of("gold/agg_*_daily", "gold/features_*_daily"), "daily aggregates and 1/7/30-day feature tables");

    FeaturesStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        FeaturesJob.Result r = night().features(spark, date);
        return StageResult.of(null, StageResult.total(r.counts()), r.note());
    }
}

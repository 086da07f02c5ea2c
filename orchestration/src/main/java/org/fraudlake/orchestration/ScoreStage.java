package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.ScoreJob;

/** Every champion scores every entity active on D; skipped until the train stage has a champion. */
final class ScoreStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("score", List.of("train"), List.of(
            "gold/features_*_daily", "gold/graph_*_daily", "models/registry"), List.of("gold/scores"),
            "every champion scores every entity active on D");

    ScoreStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public Optional<String> skip(SparkSession spark, LocalDate date) {
        boolean champions = new Registry(spark, night().lake()).all().stream()
                .anyMatch(RegistryEntry::isChampion);
        return champions ? Optional.empty()
                : Optional.of("no champion model yet (the train stage has not trained one)");
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        ScoreJob.Scored scored = night().score(spark, date, context.catalog());
        return StageResult.written(scored.counts()).withFailures(scored.failures());
    }
}

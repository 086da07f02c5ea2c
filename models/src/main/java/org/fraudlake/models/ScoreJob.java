package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Gold.Scores;

/**
 * {@code fraudlake score --date D}: every champion scores every entity of its kind active on D (the rows of
 * its feature table for D) and the day's scores replace {@code gold/scores} for D in one commit, so a re-run
 * gives the same table. Models without a champion are skipped and reported.
 */
public final class ScoreJob {
    private final Lake lake;
    private final Consumer<String> progress;

    public ScoreJob(Lake lake, Consumer<String> progress) {
        this.lake = lake;
        this.progress = progress;
    }

    /** Rows written per model (models without a champion are absent). */
    public Map<String, Long> run(SparkSession spark, LocalDate date, List<RiskModel> models) {
        Registry registry = new Registry(spark, lake);
        List<RegistryEntry> entries = registry.all();
        List<Dataset<Row>> parts = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            spark.sparkContext().setJobDescription("score " + date);
            for (RiskModel model : models) {
                Optional<RegistryEntry> champion = entries.stream()
                        .filter(e -> e.model().equals(model.name()) && e.isChampion()).findFirst();
                if (champion.isEmpty()) {
                    progress.accept("  " + model.name() + ": no champion, not scored (run fraudlake train)");
                    continue;
                }
                FittedModel fitted = FittedModel.load(champion.get().path(), spark.sparkContext().hadoopConfiguration());
                parts.add(fitted.score(model, model.inputs(store, date, date)).select(
                        col(FeatureStore.BUSINESS_DATE),
                        lit(model.name()).as(Scores.MODEL),
                        lit(champion.get().version()).as(Scores.VERSION),
                        lit(model.spec().entity().name()).as(Scores.ENTITY_TYPE),
                        col(FeatureStore.ENTITY_ID).as(Scores.ENTITY_ID),
                        col(FeatureStore.PARTNERS).as(Scores.PARTNERS),
                        col(Evaluator.SCORE).as(Scores.SCORE),
                        lit(fitted.threshold()).as(Scores.THRESHOLD),
                        col(Evaluator.SCORE).geq(fitted.threshold())
                                .and(org.apache.spark.sql.functions.size(col(Evaluator.REASONS)).gt(0)).as(Scores.ALERT),
                        col(Evaluator.REASONS).as(Scores.REASONS)));
            }
            if (parts.isEmpty()) {
                return counts;
            }
            Dataset<Row> all = parts.get(0);
            for (int i = 1; i < parts.size(); i++) {
                all = all.unionByName(parts.get(i));
            }
            DeltaIO.replaceWhere(all, lake.gold(Gold.SCORES), Gold.BUSINESS_DATE + " = DATE'" + date + "'",
                    Gold.BUSINESS_DATE);
            Dataset<Row> written = DeltaIO.read(spark, lake.gold(Gold.SCORES))
                    .filter(col(Gold.BUSINESS_DATE).equalTo(lit(date.toString()).cast("date")));
            for (Row r : written.groupBy(Scores.MODEL).agg(org.apache.spark.sql.functions.count(lit(1)),
                    org.apache.spark.sql.functions.sum(col(Scores.ALERT).cast("long"))).collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
                progress.accept(String.format("  %-22s %,9d scored %,7d alerts", r.getString(0), r.getLong(1),
                        r.isNullAt(2) ? 0 : r.getLong(2)));
            }
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return counts;
    }
}

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
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.failure.Parts;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;

/**
 * {@code fraudlake score --date D}: every champion scores every entity of its kind active on D (the rows of
 * its feature table for D) and the day's scores replace {@code gold/scores} for D in one commit, so a re-run
 * gives the same table. Models without a champion are skipped and reported; a champion that fails to score is
 * left out and reported, and the others' scores are written.
 */
public final class ScoreJob {
    private final Lake lake;
    private final Consumer<String> progress;

    public ScoreJob(Lake lake, Consumer<String> progress) {
        this.lake = lake;
        this.progress = progress;
    }

    /** What {@link #run} did: rows written per model, and the models that failed to score. */
    public record Scored(Map<String, Long> counts, List<PartFailure> failures) {
        public Scored {
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            failures = List.copyOf(failures);
        }
    }

    /**
     * Rows written per model (models without a champion are absent). A model whose champion fails to load or
     * score is left out of the day's scores and reported in {@link Scored#failures}; the others are written.
     * When every champion fails, so does the run.
     */
    public Scored run(SparkSession spark, LocalDate date, List<RiskModel> models) {
        Registry registry = new Registry(spark, lake);
        List<RegistryEntry> entries = registry.all();
        Map<String, Supplier<Dataset<Row>>> parts = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<PartFailure> failures = new ArrayList<>();
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            spark.sparkContext().setJobDescription("score " + date);
            for (RiskModel model : models) {
                Optional<RegistryEntry> champion = entries.stream()
                        .filter(e -> e.model().equals(model.name()) && e.isChampion()).findFirst();
                if (champion.isEmpty()) {
                    progress.accept("  " + model.name() + ": no champion, not scored (run fraudlake train)");
                    continue;
                }
                parts.put(model.name(), () -> scores(spark, store, model, champion.get(), date));
            }
            Map<String, Dataset<Row>> built = Parts.build(parts, failures);
            Parts.writeUnion(built, all -> DeltaIO.replaceWhere(all, lake.gold(Gold.SCORES),
                    Gold.BUSINESS_DATE + " = DATE'" + date + "'", Gold.BUSINESS_DATE), failures);
            failures.forEach(f -> progress.accept(String.format("  %-22s FAILED, not scored: %s", f.part(),
                    ErrorText.describe(f.error()))));
            RuntimeException all = PartFailure.whenAllFailed("champions", parts.size(), failures);
            if (all != null) {
                throw all;
            }
            if (built.isEmpty()) {
                return new Scored(counts, failures);
            }
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
        return new Scored(counts, failures);
    }

    /** One champion's scores of the entities active on the date, in the columns of gold/scores. */
    private static Dataset<Row> scores(SparkSession spark, FeatureStore store, RiskModel model, RegistryEntry champion,
                                       LocalDate date) {
        FittedModel fitted = FittedModel.load(champion.path(), spark.sparkContext().hadoopConfiguration());
        return fitted.score(model, model.inputs(store, date, date)).select(
                col(FeatureStore.BUSINESS_DATE),
                lit(model.name()).as(Scores.MODEL),
                lit(champion.version()).as(Scores.VERSION),
                lit(model.spec().entity().name()).as(Scores.ENTITY_TYPE),
                col(FeatureStore.ENTITY_ID).as(Scores.ENTITY_ID),
                col(FeatureStore.PARTNERS).as(Scores.PARTNERS),
                col(Evaluator.SCORE).as(Scores.SCORE),
                lit(fitted.threshold()).as(Scores.THRESHOLD),
                col(Evaluator.SCORE).geq(fitted.threshold())
                        .and(org.apache.spark.sql.functions.size(col(Evaluator.REASONS)).gt(0)).as(Scores.ALERT),
                col(Evaluator.REASONS).as(Scores.REASONS));
    }
}

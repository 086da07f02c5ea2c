package org.fraudlake.models;

import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.failure.Transient;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Silver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fraudlake train --as-of D}: fits the catalog's models on a time-based split and registers each
 * version. Training rows are the daily feature rows of the {@code trainDays} days before the validation
 * window, labelled with what was known at the end of the training window; validation scores the
 * {@code validDays} days ending on D against labels known at the end of D. Rows of an entity after it was
 * labelled are left out of both (it was no longer unknown), so the models learn to warn before a label.
 *
 * <p>Negatives are sampled (deterministically, by a hash of entity and date) down to
 * {@code maxNegatives}; each kept row carries the number of rows it stands for, so calibration sees the real
 * class balance. Every version records the Delta versions of the tables it read.
 */
public final class TrainJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    /** Models trained at once: their many small Spark jobs overlap instead of leaving the cores idle. */
    static final int PARALLELISM = 3;

    /**
     * How to split time and how much to keep.
     *
     * @param k            alerts an analyst team reviews per model and validation window (precision@k, threshold search)
     * @param minPositives not-yet-named positives a validation window needs for an operating point
     */
    public record Settings(int trainDays, int validDays, long maxNegatives, int k, int minPositives) {
        public static final Settings DEFAULT = new Settings(20, 5, 200_000, 100, Evaluator.DEFAULT_MIN_POSITIVES);

        /** The defaults with another split and budget (minPositives as {@link #DEFAULT}). */
        public Settings(int trainDays, int validDays, long maxNegatives, int k) {
            this(trainDays, validDays, maxNegatives, k, Evaluator.DEFAULT_MIN_POSITIVES);
        }
    }

    /** One model's outcome: the stored registry entry and its validation metrics per group. */
    public record Result(RegistryEntry entry, Map<String, Metrics> metrics, double seconds) {
    }

    /**
     * What {@link #run} did: the models trained and registered, in catalog order, and the models that failed to
     * train (each keeps its champion, or none; nothing of it is registered).
     */
    public record Trained(List<Result> results, List<PartFailure> failures) {
        public Trained {
            results = List.copyOf(results);
            failures = List.copyOf(failures);
        }
    }

    private final Lake lake;
    private final Settings settings;
    private final Consumer<String> progress;
    private final Fitter fitter = new Fitter();

    public TrainJob(Lake lake, Settings settings, Consumer<String> progress) {
        this.lake = lake;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Trains every model and registers those that trained in one commit. A model that throws is left out and
     * reported in {@link Trained#failures} with its error (logged with its stack); the others train and register.
     * When every model fails, so does the run.
     */
    public Trained run(SparkSession spark, LocalDate asOf, List<RiskModel> models) {
        LocalDate validFrom = asOf.minusDays(settings.validDays() - 1L);
        LocalDate trainTo = validFrom.minusDays(1);
        LocalDate trainFrom = trainTo.minusDays(settings.trainDays() - 1L);
        progress.accept(String.format("train as of %s: train %s..%s, validate %s..%s, %d models", asOf, trainFrom,
                trainTo, validFrom, asOf, models.size()));
        String inputVersions = inputVersions(spark);
        Registry registry = new Registry(spark, lake);
        Labels labels = new Labels(spark, lake);
        Evaluator evaluator = new Evaluator(settings.k(), settings.minPositives());
        List<RegistryEntry> before = registry.all();
        List<Result> results = new ArrayList<>();
        List<PartFailure> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
            Thread t = new Thread(r, "train");
            t.setDaemon(true);
            return t;
        });
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            List<Future<Result>> futures = new ArrayList<>();
            for (RiskModel model : models) {
                futures.add(pool.submit(() -> trainOne(spark, model, store, before, labels, evaluator, asOf,
                        trainFrom, trainTo, validFrom, inputVersions)));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (Transient.is(e.getCause())) {
                        throw e.getCause() instanceof RuntimeException re ? re
                                : new IllegalStateException(e.getCause());
                    }
                    String name = models.get(i).name();
                    LOG.error("train as of {}: model {} failed; it keeps its champion", asOf, name, e.getCause());
                    progress.accept(String.format("  %-22s FAILED, keeps its champion: %s", name,
                            ErrorText.describe(e.getCause())));
                    failures.add(new PartFailure(name, e.getCause()));
                }
            }
            RuntimeException all = PartFailure.whenAllFailed("models", models.size(), failures);
            if (all != null) {
                throw all;
            }
            List<RegistryEntry> stored = registry.registerAll(results.stream().map(Result::entry).toList());
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                results.set(i, new Result(stored.get(i), r.metrics(), r.seconds()));
                progress.accept(String.format("  %-22s v%-3d %s: %s", r.entry().model(), r.entry().version(),
                        stored.get(i).status(), stored.get(i).note()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return new Trained(results, failures);
    }

    private Result trainOne(SparkSession spark, RiskModel model, FeatureStore store, List<RegistryEntry> before, Labels labels,
                            Evaluator evaluator, LocalDate asOf, LocalDate trainFrom, LocalDate trainTo,
                            LocalDate validFrom, String inputVersions) {
        long t0 = System.nanoTime();
        spark.sparkContext().setJobDescription("train " + model.name() + " as of " + asOf);
        ModelSpec spec = model.spec();
        Dataset<Row> training = trainingRows(model, store, labels, trainFrom, trainTo).cache();
        try {
            Row counts = training.agg(sum(when(col(Fitter.LABEL).equalTo(1.0), 1L).otherwise(0L)),
                    org.apache.spark.sql.functions.count(lit(1))).first();
            long positives = counts.isNullAt(0) ? 0 : counts.getLong(0);
            long rows = counts.getLong(1);
            List<String> partners = training.select(explode(array_compact(col(FeatureStore.PARTNERS)))).distinct()
                    .orderBy(col("col")).collectAsList().stream().map(r -> r.getString(0)).toList();
            FittedModel fitted = fitter.fit(model, training);

            Dataset<Row> validation = model.inputs(store, validFrom, asOf);
            Dataset<Row> positivesAtEnd = labels.positives(spec.label(), asOf);
            Dataset<Row> named = labels.named(spec.entity(), asOf);
            Dataset<Row> perEntity = Evaluator.perEntity(fitted.score(model, validation), positivesAtEnd, named).cache();
            double threshold;
            Map<String, Metrics> metrics;
            try {
                threshold = evaluator.bestThreshold(perEntity);
                metrics = evaluator.evaluate(perEntity, threshold);
            } finally {
                perEntity.unpersist();
            }
            fitted = fitted.withThreshold(threshold);

            double championAucPr = Double.NaN;
            var champion = before.stream().filter(e -> e.model().equals(model.name()) && e.isChampion()).findFirst();
            if (champion.isPresent()) {
                FittedModel current = FittedModel.load(champion.get().path(), spark.sparkContext().hadoopConfiguration());
                Dataset<Row> champ = Evaluator.perEntity(current.score(model, validation), positivesAtEnd, named);
                Metrics champUnknown = evaluator.evaluate(champ, current.threshold()).get(Metrics.UNKNOWN);
                championAucPr = champUnknown == null ? Double.NaN : champUnknown.aucPr();
            }
            int version = before.stream().filter(e -> e.model().equals(model.name()))
                    .mapToInt(RegistryEntry::version).max().orElse(0) + 1;
            String path = lake.modelVersion(model.name(), version);
            fitted.save(path, spark.sparkContext().hadoopConfiguration());
            Metrics all = metrics.get(Metrics.ALL);
            RegistryEntry entry = new RegistryEntry(model.name(), version, RegistryEntry.CHALLENGER,
                    spec.algorithm().name(), spec.entity().name(), new Timestamp(System.currentTimeMillis()),
                    asOf, trainFrom, trainTo, validFrom, asOf, fitted.fittedBy(), params(),
                    model.signals().stream().map(Signal::id).toList(), inputVersions, partners, rows,
                    positives, threshold, all == null ? Double.NaN : all.aucPr(), championAucPr,
                    json(new ArrayList<>(metrics.values())), path, null, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format("  %-22s v%-3d %,9d rows %,6d pos  AUC-PR* %s (all %s)  threshold %s  (%s, %.1f s)",
                    model.name(), version, rows, positives, fmt(entry.selectionAucPr()), fmt(entry.aucPr()),
                    Double.isNaN(threshold) ? "none" : String.format("%.4f", threshold), fitted.fittedBy(), seconds));
            return new Result(entry, metrics, seconds);
        } finally {
            training.unpersist();
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * A saved version's metrics over a window, against labels known at its end, at the version's own
     * threshold: how {@code fraudlake models promote} compares a challenger with the champion.
     */
    public Map<String, Metrics> evaluate(SparkSession spark, RiskModel model, FittedModel fitted, LocalDate from,
                                         LocalDate to) {
        Labels labels = new Labels(spark, lake);
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            Dataset<Row> perEntity = Evaluator.perEntity(fitted.score(model, model.inputs(store, from, to)),
                    labels.positives(model.spec().label(), to), labels.named(model.spec().entity(), to));
            return new Evaluator(settings.k(), settings.minPositives()).evaluate(perEntity, fitted.threshold());
        }
    }

    /** The model's inputs over the training window with the label and the sampling weight. */
    Dataset<Row> trainingRows(RiskModel model, FeatureStore store, Labels labels, LocalDate from, LocalDate to) {
        Dataset<Row> rows = model.inputs(store, from, to)
                .join(labels.positives(model.spec().label(), to), FeatureStore.ENTITY_ID, "left")
                .filter(Labels.exampleRow(col(FeatureStore.BUSINESS_DATE)))
                .withColumn(Fitter.LABEL, when(col(Labels.LABELLED_DATE).isNotNull(), 1.0).otherwise(0.0));
        long negatives = rows.filter(col(Fitter.LABEL).equalTo(0.0)).count();
        double rate = negatives <= settings.maxNegatives() ? 1.0 : (double) settings.maxNegatives() / negatives;
        Column bucket = pmod(xxhash64(col(FeatureStore.ENTITY_ID), col(FeatureStore.BUSINESS_DATE)), lit(1_000_000L));
        return rows.filter(col(Fitter.LABEL).equalTo(1.0).or(bucket.lt(Math.round(rate * 1_000_000))))
                .withColumn(Fitter.WEIGHT, when(col(Fitter.LABEL).equalTo(1.0), 1.0).otherwise(1.0 / rate));
    }

    private String params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("trainDays", settings.trainDays());
        p.put("validDays", settings.validDays());
        p.put("maxNegatives", settings.maxNegatives());
        p.put("k", settings.k());
        p.put("minPositives", Fitter.MIN_POSITIVES);
        p.put("minValidationPositives", settings.minPositives());
        return json(p);
    }

    private String inputVersions(SparkSession spark) {
        Map<String, Long> versions = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (EntityKind kind : EntityKind.values()) {
            paths.add(lake.gold(kind.featureTable()));
        }
        for (String t : List.of(Silver.CASE_LABELS, Silver.INCIDENTS, Silver.ACCOUNTS)) {
            paths.add(lake.silver(t));
        }
        for (String p : paths) {
            if (DeltaIO.exists(spark, p)) {
                versions.put(p.substring(lake.root().length() + 1), DeltaIO.version(spark, p));
            }
        }
        return json(versions);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "   n/a" : String.format("%.4f", v);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

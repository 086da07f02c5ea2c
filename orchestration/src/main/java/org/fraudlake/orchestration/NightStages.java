package org.fraudlake.orchestration;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.graph.leads.LeadsJob;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.ScoreJob;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.pipelines.features.AsOf;
import org.fraudlake.pipelines.features.FeaturesJob;
import org.fraudlake.pipelines.ingest.DeliveryOutcome;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.publish.feedback.FeedbackJob;
import org.fraudlake.publish.outbox.Publication;
import org.fraudlake.publish.report.ReportJob;
import org.fraudlake.schemas.tables.Gold;

/**
 * The stages of {@link StageGraph#STANDARD}, bound to the jobs through {@link Night}. Each returns what the
 * ledger records: rows read where the job knows them, rows written, a note, and the parts that failed while the
 * stage went on: models in train and score, lead detectors and the series step in leads, partners' folders in
 * publish, sections in report.
 */
final class NightStages {
    /** Fewest training days the train stage accepts besides the validation window. */
    static final int MIN_TRAIN_DAYS = FraudlakeConfig.MIN_TRAIN_DAYS;

    private final FraudlakeConfig config;
    private final Night night;
    private final PrintStream out;
    private final BooleanSupplier stopRequested;
    private final List<RiskModel> catalog;

    NightStages(FraudlakeConfig config, Night night, PrintStream out, BooleanSupplier stopRequested) {
        this(config, night, out, stopRequested, ModelCatalog.all());
    }

    /** Stages that train and score {@code catalog} instead of the whole {@link ModelCatalog} (tests). */
    NightStages(FraudlakeConfig config, Night night, PrintStream out, BooleanSupplier stopRequested,
                List<RiskModel> catalog) {
        this.config = config;
        this.night = night;
        this.out = out;
        this.stopRequested = stopRequested;
        this.catalog = List.copyOf(catalog);
    }

    /** Every stage by name, in the graph's order. */
    Map<String, Stage> all() {
        Map<String, Stage> stages = new LinkedHashMap<>();
        stages.put("ingest", this::ingest);
        stages.put("conform", (spark, d) -> written(night.conform(spark, d)));
        stages.put("features", (spark, d) -> {
            FeaturesJob.Result r = night.features(spark, d);
            return StageResult.of(null, StageResult.total(r.counts()), r.note());
        });
        stages.put("graph", (spark, d) -> written(night.graph(spark, d)));
        stages.put("train", this::train);
        stages.put("score", this::score);
        stages.put("leads", (spark, d) -> {
            LeadsJob.Result r = night.leads(spark, d);
            return written(r.counts()).withFailures(r.failures());
        });
        stages.put("publish", this::publish);
        stages.put("feedback", (spark, d) -> {
            FeedbackJob.Result r = night.feedback(spark, d);
            return StageResult.of(null, r.rows(), r.banks().size() + " banks");
        });
        stages.put("report", (spark, d) -> {
            ReportJob.Output r = night.report(spark, d);
            return StageResult.of(null, 1L, r.html()).withFailures(r.failures());
        });
        return stages;
    }

    private static StageResult written(Map<String, Long> counts) {
        return StageResult.of(null, StageResult.total(counts), null);
    }

    private StageResult ingest(SparkSession spark, LocalDate date) throws IOException, InterruptedException {
        Readiness readiness = new Readiness(night.lake(), spark.sparkContext().hadoopConfiguration(),
                config.get(FraudlakeConfig.READINESS_EXPECTED));
        Readiness.Status ready = readiness.await(date, deadline(date), config.get(FraudlakeConfig.READINESS_POLL),
                stopRequested, line -> out.println("  " + line));
        out.println("  readiness " + date + ": " + ready);
        IngestReport r = night.ingest(spark, date);
        String note = ready + "; " + r.count(DeliveryOutcome.Status.REJECTED) + " deliveries rejected, "
                + r.quarantined() + " rows quarantined";
        return StageResult.of(r.loaded() + r.quarantined(), r.loaded(), note);
    }

    /** When a night stops waiting for late deliveries: the configured city time on the morning after D. */
    Instant deadline(LocalDate date) {
        String at = config.get(FraudlakeConfig.READINESS_DEADLINE);
        if (at.equalsIgnoreCase("none")) {
            return Instant.MIN;
        }
        return date.plusDays(1).atTime(LocalTime.parse(at)).atZone(AsOf.cityZone()).toInstant();
    }

    /**
     * Trains the catalog as of D-1 when due. The first training waits for {@link FraudlakeConfig#firstTrainDays} days
     * of features (warm-up: until then the night publishes from traced victim money only); later ones need
     * {@code train.valid-days} + {@link #MIN_TRAIN_DAYS} and come every {@code train.every-days}.
     */
    private StageResult train(SparkSession spark, LocalDate date) {
        LocalDate asOf = date.minusDays(1);
        TrainJob.Settings settings = night.trainSettings();
        long featureDays = featureDays(spark, asOf);
        Optional<LocalDate> last = new Registry(spark, night.lake()).all().stream().map(RegistryEntry::asOf)
                .max(LocalDate::compareTo);
        int first = config.firstTrainDays();
        if (last.isEmpty() && featureDays < first) {
            return StageResult.skipped("warm-up: " + featureDays + " days of features up to " + asOf + "; the first "
                    + "training needs " + first + " (train.first-after-days)");
        }
        if (featureDays < settings.validDays() + MIN_TRAIN_DAYS) {
            return StageResult.skipped(featureDays + " days of features up to " + asOf + "; training needs "
                    + "train.valid-days (" + settings.validDays() + ") + " + MIN_TRAIN_DAYS);
        }
        int every = config.get(FraudlakeConfig.TRAIN_EVERY_DAYS);
        if (last.isPresent() && asOf.isBefore(last.get().plusDays(every))) {
            return StageResult.skipped("last trained as of " + last.get() + "; next due as of "
                    + last.get().plusDays(every) + " (train.every-days " + every + ")");
        }
        int trainDays = (int) Math.min(settings.trainDays(), featureDays - settings.validDays());
        TrainJob.Trained trained = night.train(spark, asOf, catalog, new TrainJob.Settings(trainDays,
                settings.validDays(), settings.maxNegatives(), settings.k(), settings.minPositives()));
        List<TrainJob.Result> results = trained.results();
        MetricTable.print(out, results);
        long champions = results.stream().filter(r -> r.entry().isChampion()).count();
        return StageResult.of(null, (long) results.size(), "trained " + results.size() + " models as of " + asOf
                + " on " + trainDays + " days; " + champions + " new champions").withFailures(trained.failures());
    }

    private long featureDays(SparkSession spark, LocalDate asOf) {
        String path = night.lake().gold(Gold.FEATURES_ACCOUNT_DAILY);
        if (!DeltaIO.exists(spark, path)) {
            return 0;
        }
        return DeltaIO.read(spark, path).select(Gold.BUSINESS_DATE)
                .filter(col(Gold.BUSINESS_DATE).leq(java.sql.Date.valueOf(asOf))).distinct().count();
    }

    private StageResult score(SparkSession spark, LocalDate date) {
        boolean champions = new Registry(spark, night.lake()).all().stream().anyMatch(RegistryEntry::isChampion);
        if (!champions) {
            return StageResult.skipped("no champion model yet (the train stage has not trained one)");
        }
        ScoreJob.Scored scored = night.score(spark, date, catalog);
        return written(scored.counts()).withFailures(scored.failures());
    }

    private StageResult publish(SparkSession spark, LocalDate date) throws IOException {
        Publication p = night.publish(spark, date);
        return StageResult.of(null, (long) p.totalRows(), p.totalRows() + " warnings for " + p.rows().size()
                + " partners, every folder verified" + (p.withheld().isEmpty() ? "" : ", " + p.withheld().size()
                + " withheld")).withFailures(p.failures());
    }
}

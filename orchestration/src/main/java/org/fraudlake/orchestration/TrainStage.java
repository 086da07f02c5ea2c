package org.fraudlake.orchestration;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.TrainJob;
import org.fraudlake.schemas.tables.Gold;

/**
 * Trains the catalog as of D-1 when due. The first training waits for {@link FraudlakeConfig#firstTrainDays} days
 * of features (warm-up: until then the night publishes from traced victim money only); later ones need
 * {@code train.valid-days} + {@link #MIN_TRAIN_DAYS} and come every {@code train.every-days}. A model that fails
 * to fit is a failed part.
 */
final class TrainStage extends BoundStage {
    /** Fewest training days the train stage accepts besides the validation window. */
    static final int MIN_TRAIN_DAYS = FraudlakeConfig.MIN_TRAIN_DAYS;

    static final StageGraph.Spec SPEC = new StageGraph.Spec("train", List.of("graph"), List.of(
            "gold/features_*_daily", "gold/graph_*_daily", "silver/case_labels", "silver/bank_feedback"),
            List.of("models/registry", "models/<name>/v<N>"),
            "the model catalog refitted when due (train.every-days), champions promoted");

    /** The feature days {@link #skip} counted, for the {@link #run} right after it (one Spark job, not two). */
    private LocalDate countedAsOf;
    private long counted;

    TrainStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public Optional<String> skip(SparkSession spark, LocalDate date) {
        LocalDate asOf = date.minusDays(1);
        TrainJob.Settings settings = night().trainSettings();
        long featureDays = featureDays(spark, asOf);
        Optional<LocalDate> last = new Registry(spark, night().lake()).all().stream()
                .map(RegistryEntry::asOf).max(LocalDate::compareTo);
        int first = context.config().firstTrainDays();
        if (last.isEmpty() && featureDays < first) {
            return Optional.of("warm-up: " + featureDays + " days of features up to " + asOf + "; the first "
                    + "training needs " + first + " (train.first-after-days)");
        }
        if (featureDays < settings.validDays() + MIN_TRAIN_DAYS) {
            return Optional.of(featureDays + " days of features up to " + asOf + "; training needs "
                    + "train.valid-days (" + settings.validDays() + ") + " + MIN_TRAIN_DAYS);
        }
        int every = context.config().get(FraudlakeConfig.TRAIN_EVERY_DAYS);
        if (last.isPresent() && asOf.isBefore(last.get().plusDays(every))) {
            return Optional.of("last trained as of " + last.get() + "; next due as of "
                    + last.get().plusDays(every) + " (train.every-days " + every + ")");
        }
        return Optional.empty();
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        LocalDate asOf = date.minusDays(1);
        TrainJob.Settings settings = night().trainSettings();
        long featureDays = featureDays(spark, asOf);
        forgetCount();
        int trainDays = (int) Math.min(settings.trainDays(), featureDays - settings.validDays());
        TrainJob.Trained trained = night().train(spark, asOf, context.catalog(), new TrainJob.Settings(
                trainDays, settings.validDays(), settings.maxNegatives(), settings.k(), settings.minPositives()));
        List<TrainJob.Result> results = trained.results();
        MetricTable.print(context.out(), results);
        long champions = results.stream().filter(r -> r.entry().isChampion()).count();
        return StageResult.of(null, (long) results.size(), "trained " + results.size() + " models as of " + asOf
                + " on " + trainDays + " days; " + champions + " new champions").withFailures(trained.failures());
    }

    private synchronized void forgetCount() {
        countedAsOf = null;
    }

    /** Days of account features up to {@code asOf}. */
    private synchronized long featureDays(SparkSession spark, LocalDate asOf) {
        if (asOf.equals(countedAsOf)) {
            return counted;
        }
        String path = night().lake().gold(Gold.FEATURES_ACCOUNT_DAILY);
        counted = !DeltaIO.exists(spark, path) ? 0 : DeltaIO.read(spark, path).select(Gold.BUSINESS_DATE)
                .filter(col(Gold.BUSINESS_DATE).leq(Date.valueOf(asOf))).distinct().count();
        countedAsOf = asOf;
        return counted;
    }
}

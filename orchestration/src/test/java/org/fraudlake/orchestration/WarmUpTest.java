package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up rule: how many feature days the first training waits for, and the train stage skipping until then. */
@ExtendWith(SparkTestExtension.class)
class WarmUpTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);

    private final SparkSession spark;

    WarmUpTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void firstTrainingWaitsForFullWindowsUnlessSetAndNeverForLessThanTheStageTakes() throws Exception {
        assertEquals(25, FraudlakeConfig.defaults().firstTrainDays(), "train-days 20 + valid-days 5");
        assertEquals(13, config("train.train-days=10", "train.valid-days=3").firstTrainDays());
        assertEquals(12, config("train.first-after-days=12").firstTrainDays());
        assertEquals(8, config("train.first-after-days=2").firstTrainDays(), "at least valid-days 5 + 3");
        assertEquals(8, FraudlakeConfig.defaults().withShortWarmUp().firstTrainDays(), "the demo's and bench's");
        assertEquals(12, config("train.first-after-days=12").withShortWarmUp().firstTrainDays(), "a set value wins");
    }

    @Test
    void trainStageSkipsAsWarmUpUntilTheFirstTrainingHasItsHistory(@TempDir Path dir) throws Exception {
        FraudlakeConfig config = config("lake.root=" + dir.resolve("lake"));
        Night night = new Night(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        DeltaIO.overwrite(spark.sql("SELECT explode(sequence(DATE'" + START + "', DATE'" + START.plusDays(9)
                + "')) AS business_date, 'acc_1' AS account_id"), night.lake().gold(Gold.FEATURES_ACCOUNT_DAILY));
        Stage train = new TrainStage(new StageContext(config, night, System.out, () -> false, List.of()));

        assertEquals(Optional.of("warm-up: 10 days of features up to " + START.plusDays(9) + "; the first "
                + "training needs 25 (train.first-after-days)"), train.skip(spark, START.plusDays(10)));
    }

    private static FraudlakeConfig config(String... settings) throws Exception {
        return FraudlakeConfig.load(null, List.of(settings));
    }
}

package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model's failure does not stop the others: a model whose inputs throw on the executors (a null map key, as in
 * issue 15) fails alone in training and in scoring, reported with its name and the line that threw; the other
 * models are registered and scored.
 */
@ExtendWith(SparkTestExtension.class)
class PartIsolationTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final LocalDate AS_OF = FIRST.plusDays(5);

    /** Puts a null key in a TreeMap on the executors: a NullPointerException without a message. */
    private static final UserDefinedFunction NULL_KEY = udf((UDF1<String, Double>) id -> {
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put(null, 1.0);
        return 1.0;
    }, DataTypes.DoubleType);

    /** A one-signal account scorecard; {@code explodes}: its signal's value throws on the executors. */
    private record Stub(String name, boolean explodes) implements RiskModel {
        @Override
        public ModelSpec spec() {
            return new ModelSpec(name, "test", EntityKind.ACCOUNT, List.of(),
                    LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE),
                    Algorithm.SCORECARD, Action.MONITOR, "stub");
        }

        @Override
        public List<Signal> signals() {
            return List.of(Signal.ramp("x", 0, 1, 3.0, Signal.Unit.DECIMAL, "x is {}"));
        }

        @Override
        public Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
            return store.features(EntityKind.ACCOUNT, from, to)
                    .withColumn("x", explodes ? NULL_KEY.apply(col(FeatureStore.ENTITY_ID)) : lit(1.0));
        }
    }

    @Test
    void aModelThatThrowsFailsAloneInTrainingAndScoring(SparkSession spark, @TempDir Path dir) {
        Lake lake = lake(spark, dir);

        TrainJob.Trained trained = new TrainJob(lake, new TrainJob.Settings(3, 2, 1_000, 10), s -> { })
                .run(spark, AS_OF, List.of(new Stub("plain_a", false), new Stub("plain_b", false),
                        new Stub("money_mule", true)));

        assertEquals(List.of("plain_a", "plain_b"), trained.results().stream().map(r -> r.entry().model()).toList());
        assertEquals(1, trained.failures().size());
        PartFailure failed = trained.failures().get(0);
        assertEquals("money_mule", failed.part());
        assertTrue(failed.brief().matches("money_mule \\(NullPointerException at PartIsolationTest\\.java:\\d+\\)"),
                failed.brief());
        Registry registry = new Registry(spark, lake);
        assertTrue(registry.champion("plain_a").isPresent());
        assertTrue(registry.champion("money_mule").isEmpty(), "nothing registered for the failed model");

        ScoreJob.Scored scored = new ScoreJob(lake, s -> { }).run(spark, AS_OF,
                List.of(new Stub("plain_a", false), new Stub("plain_b", true)));

        assertEquals(List.of("plain_b"), scored.failures().stream().map(PartFailure::part).toList());
        assertTrue(ErrorText.describe(scored.failures().get(0).error()).contains("PartIsolationTest.java:"),
                ErrorText.describe(scored.failures().get(0).error()));
        assertEquals(Map.of("plain_a", 6L), scored.counts());
        assertEquals(List.of("plain_a"), DeltaIO.read(spark, lake.gold(Gold.SCORES)).select(Scores.MODEL).distinct()
                .collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    private static Lake lake(SparkSession spark, Path dir) {
        Lake lake = new Lake(dir.toString());
        StructType features = new StructType().add(FeaturesAccount.ACCOUNT_ID, DataTypes.StringType)
                .add(FeaturesAccount.BANK, DataTypes.StringType).add(Gold.BUSINESS_DATE, DataTypes.DateType);
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            for (int a = 0; a < 6; a++) {
                rows.add(RowFactory.create("acc_" + a, "BANK_A", Date.valueOf(FIRST.plusDays(d))));
            }
        }
        DeltaIO.overwrite(spark.createDataFrame(rows, features), lake.gold(Gold.FEATURES_ACCOUNT_DAILY),
                Gold.BUSINESS_DATE);
        StructType labels = new StructType().add(CaseLabels.ENTITY_TYPE, DataTypes.StringType)
                .add(CaseLabels.ENTITY_ID, DataTypes.StringType).add(CaseLabels.LABEL, DataTypes.StringType)
                .add(CaseLabels.CONFIRMED_AT, DataTypes.TimestampType).add(CaseLabels.CASE_NO, DataTypes.StringType);
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create("ACCOUNT", "acc_0", "MONEY_MULE",
                Timestamp.from(OffsetDateTime.parse("2026-11-05T10:00:00+08:00").toInstant()), "C1")), labels),
                lake.silver(Silver.CASE_LABELS));
        return lake;
    }
}

package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.catalog.RapidPassThrough;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels as of a date: nothing confirmed after the date reaches training, CLEARED withdraws, and an entity's
 * rows from the day it was labelled on are left out. Account features for Nov 1..10; labels: acc_early labelled on
 * Nov 3, acc_late on Nov 12 (after the training cut-off), acc_cleared labelled on Nov 2 and cleared on Nov 4.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeSplitTest {
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private final SparkSession spark;
    private Lake lake;

    TimeSplitTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void lake(@TempDir Path dir) {
        lake = new Lake(dir.toString());
        StructType features = new StructType().add(FeaturesAccount.ACCOUNT_ID, DataTypes.StringType)
                .add(FeaturesAccount.BANK, DataTypes.StringType).add(Gold.BUSINESS_DATE, DataTypes.DateType);
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            for (String acc : List.of("acc_early", "acc_late", "acc_cleared", "acc_plain")) {
                rows.add(RowFactory.create(acc, "BANK_A", Date.valueOf(FIRST.plusDays(d))));
            }
        }
        DeltaIO.overwrite(spark.createDataFrame(rows, features), lake.gold(Gold.FEATURES_ACCOUNT_DAILY), Gold.BUSINESS_DATE);
        StructType labels = new StructType().add(CaseLabels.ENTITY_TYPE, DataTypes.StringType)
                .add(CaseLabels.ENTITY_ID, DataTypes.StringType).add(CaseLabels.LABEL, DataTypes.StringType)
                .add(CaseLabels.CONFIRMED_AT, DataTypes.TimestampType).add(CaseLabels.CASE_NO, DataTypes.StringType);
        DeltaIO.overwrite(spark.createDataFrame(List.of(
                label("acc_early", "MONEY_MULE", "2026-11-03T10:00:00+08:00"),
                label("acc_late", "FRAUD_ACCOUNT", "2026-11-12T09:00:00+08:00"),
                label("acc_cleared", "MONEY_MULE", "2026-11-02T10:00:00+08:00"),
                label("acc_cleared", "CLEARED", "2026-11-04T10:00:00+08:00"),
                // 23:30 city time on Nov 5 is Nov 5 in the city although Nov 5 15:30 UTC
                label("acc_plain", "VICTIM", "2026-11-05T23:30:00+08:00")), labels), lake.silver(Silver.CASE_LABELS));
    }

    private static Row label(String id, String label, String at) {
        return RowFactory.create("ACCOUNT", id, label, Timestamp.from(java.time.OffsetDateTime.parse(at).toInstant()), "C1");
    }

    @Test
    void trainingSeesOnlyLabelsKnownAtTheCutoffAndDropsRowsAfterLabelling() {
        TrainJob job = new TrainJob(lake, new TrainJob.Settings(5, 5, 1_000, 10), s -> { });
        Labels labels = new Labels(spark, lake);
        try (FeatureStore store = new FeatureStore(spark, lake)) {
            List<Row> rows = job.trainingRows(new RapidPassThrough(), store, labels, FIRST, FIRST.plusDays(4))
                    .select(FeatureStore.ENTITY_ID, FeatureStore.BUSINESS_DATE, Fitter.LABEL).collectAsList();
            Map<String, List<String>> byEntity = new TreeMap<>();
            for (Row r : rows) {
                byEntity.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(r.getDate(1).toLocalDate().getDayOfMonth() + ":" + (int) r.getDouble(2));
            }
            assertEquals(List.of("1:1", "2:1"), sorted(byEntity.get("acc_early")),
                    "labelled Nov 3: positive before that day; the label day (whose graph features see the label) "
                            + "and later rows left out");
            assertEquals(List.of("1:0", "2:0", "3:0", "4:0", "5:0"), sorted(byEntity.get("acc_late")),
                    "labelled Nov 12, after the Nov 5 cut-off: a negative in training");
            assertEquals(List.of("1:0", "2:0", "3:0", "4:0", "5:0"), sorted(byEntity.get("acc_cleared")),
                    "cleared on Nov 4: not a positive");
            assertEquals(5, byEntity.get("acc_plain").size());
        }
    }

    @Test
    void positivesAsOfADateIgnoreLaterLabelsAndHonourClearedAndCityDates() {
        Labels labels = new Labels(spark, lake);
        LabelSpec mule = LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT);
        assertEquals(List.of("acc_cleared"), ids(labels.positives(mule, LocalDate.of(2026, 11, 2)).collectAsList()));
        assertEquals(List.of("acc_early"), ids(labels.positives(mule, LocalDate.of(2026, 11, 4)).collectAsList()));
        assertEquals(List.of("acc_early", "acc_late"), ids(labels.positives(mule, LocalDate.of(2026, 11, 12)).collectAsList()));
        List<Row> named = labels.named(EntityKind.ACCOUNT, LocalDate.of(2026, 11, 5)).orderBy(FeatureStore.ENTITY_ID).collectAsList();
        assertEquals(List.of("acc_cleared", "acc_early", "acc_plain"), ids(named));
        assertEquals(LocalDate.of(2026, 11, 5), named.get(2).getDate(1).toLocalDate());
        assertTrue(Instant.parse("2026-11-05T15:30:00Z").isAfter(Instant.parse("2026-11-05T00:00:00Z")));
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(r -> r.getString(0)).sorted().toList();
    }

    private static List<String> sorted(List<String> v) {
        return v.stream().sorted().toList();
    }
}

package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console dispositions as the third label source, under the point-in-time rule. acc_known has a MONEY_MULE case
 * label of Nov 1. Dispositions: FALSE_POSITIVE on acc_known Nov 3; CONFIRMED MONEY_MULE on acc_confirmed Nov 4;
 * CONFIRMED without a label on a MONEY_MULE warning for acc_typed Nov 4; CONFIRMED on acc_late Nov 6 01:00 city time
 * (Nov 5 17:00 UTC); ESCALATED on acc_escalated Nov 2; CONFIRMED FRAUD_PHONE on ph_1 Nov 2.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelsFromDispositionsTest {
    private static final LabelSpec MULE = LabelSpec.of(EntityKind.ACCOUNT,
            CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT);
    private final SparkSession spark;
    private Lake lake;

    LabelsFromDispositionsTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void lake(@TempDir Path dir) {
        lake = new Lake(dir.toString());
        StructType labels = new StructType().add(CaseLabels.ENTITY_TYPE, DataTypes.StringType)
                .add(CaseLabels.ENTITY_ID, DataTypes.StringType).add(CaseLabels.LABEL, DataTypes.StringType)
                .add(CaseLabels.CONFIRMED_AT, DataTypes.TimestampType).add(CaseLabels.CASE_NO, DataTypes.StringType);
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create("ACCOUNT", "acc_known", "MONEY_MULE",
                time("2026-11-01T10:00:00+08:00"), "C1")), labels), lake.silver(Silver.CASE_LABELS));
        DeltaIO.append(spark.createDataFrame(List.of(
                disposition("d1", "ACCOUNT", "acc_known", "MONEY_MULE", "FALSE_POSITIVE", null,
                        "2026-11-03T11:00:00+08:00"),
                disposition("d2", "ACCOUNT", "acc_confirmed", "FRAUD_ACCOUNT", "CONFIRMED", "MONEY_MULE",
                        "2026-11-04T09:00:00+08:00"),
                disposition("d3", "ACCOUNT", "acc_typed", "MONEY_MULE", "CONFIRMED", null,
                        "2026-11-04T09:30:00+08:00"),
                disposition("d4", "ACCOUNT", "acc_late", "MONEY_MULE", "CONFIRMED", "MONEY_MULE",
                        "2026-11-05T17:00:00Z"),
                disposition("d5", "ACCOUNT", "acc_escalated", "MONEY_MULE", "ESCALATED", null,
                        "2026-11-02T09:00:00+08:00"),
                disposition("d6", "PHONE", "ph_1", "FRAUD_PHONE", "CONFIRMED", "FRAUD_PHONE",
                        "2026-11-02T09:00:00+08:00")), DispositionLabels.SCHEMA), lake.ops(Ops.DISPOSITIONS));
    }

    private static Timestamp time(String at) {
        return Timestamp.from(OffsetDateTime.parse(at).toInstant());
    }

    private static Row disposition(String id, String type, String entity, String warningType, String verdict,
                                   String label, String at) {
        return RowFactory.create(id, type, entity, "w_" + id, "money_mule", warningType,
                Date.valueOf(LocalDate.of(2026, 11, 2)), verdict, label, "note", "ana", time(at));
    }

    private Map<String, String> positives(LabelSpec spec, LocalDate asOf) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : new Labels(spark, lake).positives(spec, asOf).collectAsList()) {
            out.put(r.getAs(FeatureStore.ENTITY_ID), r.getAs(Labels.LABELLED_DATE).toString());
        }
        return out;
    }

    @Test
    void falsePositiveWithdrawsACaseLabelFromTheDayItWasDecided() {
        assertEquals(Map.of("acc_known", "2026-11-01"), positives(MULE, LocalDate.of(2026, 11, 2)));
        assertEquals(false, positives(MULE, LocalDate.of(2026, 11, 3)).containsKey("acc_known"));
    }

    @Test
    void confirmedGivesItsLabelOrTheWarningTypesAsOfTheDayItWasDecided() {
        assertEquals(Map.of(), positives(MULE, LocalDate.of(2026, 11, 3)));
        assertEquals(Map.of("acc_confirmed", "2026-11-04", "acc_typed", "2026-11-04"),
                positives(MULE, LocalDate.of(2026, 11, 4)));
    }

    @Test
    void aDispositionAfterTheTrainingWindowDoesNotLeak() {
        assertEquals(false, positives(MULE, LocalDate.of(2026, 11, 5)).containsKey("acc_late"),
                "decided Nov 6 city time, unknown on Nov 5");
        assertEquals("2026-11-06", positives(MULE, LocalDate.of(2026, 11, 6)).get("acc_late"));
    }

    @Test
    void escalatedGivesNoLabelButTheOthersNameTheirEntities() {
        List<String> named = new Labels(spark, lake).named(EntityKind.ACCOUNT, LocalDate.of(2026, 11, 4))
                .collectAsList().stream().map(r -> r.<String>getAs(FeatureStore.ENTITY_ID)).sorted().toList();
        assertEquals(List.of("acc_confirmed", "acc_known", "acc_typed"), named);
        assertEquals(Map.of("ph_1", "2026-11-02"),
                positives(LabelSpec.of(EntityKind.PHONE, CaseLabel.FRAUD_PHONE), LocalDate.of(2026, 11, 2)));
    }
}

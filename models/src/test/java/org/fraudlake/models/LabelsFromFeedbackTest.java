package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bank feedback as the second label source, under the point-in-time rule. Warnings sent on Nov 2 (BANK_A): w_cleared
 * on acc_known (a MONEY_MULE case label of Nov 1), w_frozen on acc_frozen, w_late on acc_late, w_arrived on
 * acc_arrived, w_monitored on acc_monitored, w_other on acc_other; a victim warning v_1 on acc_victim for person
 * id_victim. Feedback: CLEARED w_cleared Nov 3; LOSS_PREVENTED w_frozen Nov 4 (and BANK_B, not the warning's bank,
 * LOSS_PREVENTED w_other); LOSS_PREVENTED w_late Nov 6 01:00 city time (Nov 5 17:00 UTC); LOSS_PREVENTED w_arrived
 * acted Nov 4 but delivered Nov 6; MONITORED w_monitored; FROZEN w_action (our own warning's action, no verdict);
 * LOSS_PREVENTED v_1 Nov 3.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelsFromFeedbackTest {
    private static final LabelSpec MULE = LabelSpec.of(EntityKind.ACCOUNT,
            CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT);
    private static final LocalDate SENT = LocalDate.of(2026, 11, 2);
    private final SparkSession spark;
    private Lake lake;

    LabelsFromFeedbackTest(SparkSession spark) {
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
        List<Row> intercept = new ArrayList<>();
        for (String[] w : new String[][]{{"w_cleared", "acc_known"}, {"w_frozen", "acc_frozen"},
                {"w_late", "acc_late"}, {"w_arrived", "acc_arrived"}, {"w_monitored", "acc_monitored"},
                {"w_other", "acc_other"}, {"w_action", "acc_action"}}) {
            intercept.add(warning(w[0], w[1], "MONEY_MULE", "FREEZE", SENT, "NEW", true));
            intercept.add(warning(w[0], w[1], "MONEY_MULE", "FREEZE", SENT.plusDays(1), "ACTIVE", false));
        }
        DeltaIO.overwrite(spark.createDataFrame(intercept, FeedbackLabels.INTERCEPT_LIST_SCHEMA),
                lake.published(Published.INTERCEPT_LIST), Published.BUSINESS_DATE);
        List<Object> victim = values("v_1", "acc_victim", "VICTIM_AT_RISK", "CONTACT_VICTIM", SENT, "NEW", true);
        victim.add("id_victim");
        DeltaIO.overwrite(spark.createDataFrame(List.of(RowFactory.create(victim.toArray())),
                FeedbackLabels.VICTIM_WARNINGS_SCHEMA), lake.published(Published.VICTIM_WARNINGS),
                Published.BUSINESS_DATE);
        DeltaIO.overwrite(spark.createDataFrame(List.of(
                feedback("BANK_A", "w_cleared", "CLEARED", "2026-11-03T11:00:00+08:00", null, "2026-11-03"),
                feedback("BANK_A", "w_frozen", "LOSS_PREVENTED", "2026-11-04T09:30:00+08:00", "5000.00", "2026-11-04"),
                feedback("BANK_B", "w_other", "LOSS_PREVENTED", "2026-11-04T09:30:00+08:00", "10.00", "2026-11-04"),
                feedback("BANK_A", "w_late", "LOSS_PREVENTED", "2026-11-05T17:00:00Z", "1.00", "2026-11-06"),
                feedback("BANK_A", "w_arrived", "LOSS_PREVENTED", "2026-11-04T16:00:00+08:00", "1.00", "2026-11-06"),
                feedback("BANK_A", "w_action", "FROZEN", "2026-11-03T10:00:00+08:00", "900.00", "2026-11-03"),
                feedback("BANK_A", "w_monitored", "MONITORED", "2026-11-03T10:00:00+08:00", null, "2026-11-03"),
                feedback("BANK_A", "v_1", "LOSS_PREVENTED", "2026-11-03T15:00:00+08:00", "800.00", "2026-11-03")),
                FeedbackLabels.BANK_FEEDBACK_SCHEMA), lake.silver(Silver.BANK_FEEDBACK));
    }

    private static Timestamp time(String at) {
        return Timestamp.from(OffsetDateTime.parse(at).toInstant());
    }

    private static Row warning(String id, String entity, String type, String action, LocalDate day, String status,
                               boolean sent) {
        return RowFactory.create(values(id, entity, type, action, day, status, sent).toArray());
    }

    private static List<Object> values(String id, String entity, String type, String action, LocalDate day,
                                       String status, boolean sent) {
        return new ArrayList<>(List.of(id, "BANK_A", "ACCOUNT", entity, type, action, 0.9,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("money_mule")).toList(),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("fast pass-through")).toList(),
                Date.valueOf(SENT), Date.valueOf(SENT.plusDays(7)), status, sent, Date.valueOf(day)));
    }

    private static Row feedback(String bank, String warning, String action, String at, String amount,
                                String arrived) {
        return RowFactory.create(bank, warning, action, time(at), amount == null ? null : new BigDecimal(amount),
                null, Date.valueOf(arrived));
    }

    private Map<String, String> positives(LabelSpec spec, LocalDate asOf) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : new Labels(spark, lake).positives(spec, asOf).collectAsList()) {
            out.put(r.getAs(FeatureStore.ENTITY_ID), r.getAs(Labels.LABELLED_DATE).toString());
        }
        return out;
    }

    @Test
    void feedbackClearedWithdrawsACaseLabelFromTheDayItWasActed() {
        assertEquals(Map.of("acc_known", "2026-11-01"), positives(MULE, LocalDate.of(2026, 11, 2)));
        assertEquals(false, positives(MULE, LocalDate.of(2026, 11, 3)).containsKey("acc_known"));
    }

    @Test
    void lossPreventedConfirmsTheWarnedAccountAsOfTheDayItWasActedOnly() {
        assertEquals(Map.of(), positives(MULE, LocalDate.of(2026, 11, 3)));
        assertEquals(Map.of("acc_frozen", "2026-11-04"), positives(MULE, LocalDate.of(2026, 11, 4)));
    }

    @Test
    void feedbackActedOrDeliveredAfterTheDateIsNotUsedForIt() {
        assertEquals(Map.of("acc_frozen", "2026-11-04"), positives(MULE, LocalDate.of(2026, 11, 5)),
                "w_late acted Nov 6 city time and w_arrived delivered Nov 6 are not known on Nov 5");
        assertEquals(Map.of("acc_frozen", "2026-11-04", "acc_late", "2026-11-06", "acc_arrived", "2026-11-04"),
                positives(MULE, LocalDate.of(2026, 11, 6)));
    }

    @Test
    void frozenIsTheActionOurWarningAskedForNotAVerdict() {
        assertEquals(false, positives(MULE, LocalDate.of(2026, 11, 6)).containsKey("acc_action"),
                "a FROZEN answer to our own warning must not become a positive the models learn from");
    }

    @Test
    void lossPreventedOnAVictimWarningLabelsThePersonAVictim() {
        assertEquals(Map.of(), positives(LabelSpec.victims(), LocalDate.of(2026, 11, 2)));
        assertEquals(Map.of("id_victim", "2026-11-03"), positives(LabelSpec.victims(), LocalDate.of(2026, 11, 3)));
    }

    @Test
    void feedbackLabelsNameTheirEntities() {
        List<String> named = new Labels(spark, lake).named(EntityKind.ACCOUNT, LocalDate.of(2026, 11, 4))
                .collectAsList().stream().map(r -> r.<String>getAs(FeatureStore.ENTITY_ID)).sorted().toList();
        assertEquals(List.of("acc_frozen", "acc_known"), named,
                "FROZEN, MONITORED and another bank's answer name nobody; the victim is a person");
    }
}

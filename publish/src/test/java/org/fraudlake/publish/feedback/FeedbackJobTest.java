package org.fraudlake.publish.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Impact figures hand-computed on a small lake.
 *
 * <p>Warnings (intercept list): w1 BANK_A acc_1 FREEZE [money_mule, rapid_pass_through] sent Nov 3; w2 BANK_A acc_2
 * [money_mule] sent Nov 4; w3 BANK_A acc_3 [rapid_pass_through] sent Nov 5; w4 BANK_B acc_4 [money_mule] sent Nov 4;
 * w5 BANK_A sent Nov 6; a BLOCK on a number for CARRIER_X. Victim warnings [victim_call_then_pay]: v1 BANK_A acc_v1
 * (id_1) and v2 BANK_A acc_v2 (id_2) valid from Nov 3; v3 BANK_B acc_v3 (id_3) valid from Nov 4.
 *
 * <p>Answers: w1 FROZEN Nov 4 (5,000.50) and MONITORED Nov 5 23:30 city time; w2 CLEARED Nov 5; w3 NOT_FOUND Nov 5,
 * and FROZEN at Nov 6 00:30 city time (after D); w4 MONITORED Nov 5 (BANK_B) and FROZEN Nov 6, plus BANK_A answering
 * w4 (not its warning) and an unknown id; v1 VICTIM_CONTACTED Nov 4 09:00 and LOSS_PREVENTED 09:20 (1,200.00); v2
 * VICTIM_CONTACTED Nov 4 16:00, but id_2 paid the labelled mule acc_m from a second account at 14:00 that day; v3
 * VICTIM_CONTACTED Nov 5 10:00, id_3 paid the suspect account acc_s on Nov 4 (v3's valid_from: before the bank could
 * act, so not a loss after the warning) and reported a fraud that occurred Nov 5 12:00 (after the contact).
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackJobTest {
    private static final LocalDate NOV3 = LocalDate.of(2026, 11, 3);
    private static final LocalDate NOV4 = NOV3.plusDays(1);
    private static final LocalDate NOV5 = NOV3.plusDays(2);
    private final SparkSession spark;
    private Lake lake;

    FeedbackJobTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void lake(@TempDir Path dir) {
        lake = new Lake(dir.toString());
        List<Row> intercept = new ArrayList<>();
        intercept.addAll(warning("w1", "BANK_A", "ACCOUNT", "acc_1", "MONEY_MULE", "FREEZE",
                List.of("money_mule", "rapid_pass_through"), NOV3, null, NOV3, NOV4, NOV5));
        intercept.addAll(warning("w2", "BANK_A", "ACCOUNT", "acc_2", "MONEY_MULE", "FREEZE", List.of("money_mule"),
                NOV4, null, NOV4, NOV5));
        intercept.addAll(warning("w3", "BANK_A", "ACCOUNT", "acc_3", "FRAUD_ACCOUNT", "MONITOR",
                List.of("rapid_pass_through"), NOV5, null, NOV5));
        intercept.addAll(warning("w4", "BANK_B", "ACCOUNT", "acc_4", "MONEY_MULE", "FREEZE", List.of("money_mule"),
                NOV4, null, NOV4, NOV5));
        intercept.addAll(warning("w5", "BANK_A", "ACCOUNT", "acc_5", "MONEY_MULE", "FREEZE", List.of("money_mule"),
                NOV5.plusDays(1), null, NOV5.plusDays(1)));
        intercept.addAll(warning("p1", "CARRIER_X", "PHONE", "ph_1", "FRAUD_PHONE", "BLOCK", List.of("fraud_phone"),
                NOV4, null, NOV4));
        write(intercept, FeedbackLabels.INTERCEPT_LIST_SCHEMA, lake.published(Published.INTERCEPT_LIST),
                Published.BUSINESS_DATE);
        List<Row> victims = new ArrayList<>();
        List<String> victimModel = List.of("victim_call_then_pay");
        victims.addAll(warning("v1", "BANK_A", "ACCOUNT", "acc_v1", "VICTIM_AT_RISK", "CONTACT_VICTIM", victimModel,
                NOV3, "id_1", NOV3, NOV4));
        victims.addAll(warning("v2", "BANK_A", "ACCOUNT", "acc_v2", "VICTIM_AT_RISK", "CONTACT_VICTIM", victimModel,
                NOV3, "id_2", NOV3));
        victims.addAll(warning("v3", "BANK_B", "ACCOUNT", "acc_v3", "VICTIM_AT_RISK", "CONTACT_VICTIM", victimModel,
                NOV4, "id_3", NOV4));
        write(victims, FeedbackLabels.VICTIM_WARNINGS_SCHEMA, lake.published(Published.VICTIM_WARNINGS),
                Published.BUSINESS_DATE);
        write(List.of(
                        feedback("BANK_A", "w1", "FROZEN", "2026-11-04T10:00:00+08:00", "5000.50", NOV4),
                        feedback("BANK_A", "w1", "MONITORED", "2026-11-05T23:30:00+08:00", null, NOV5),
                        feedback("BANK_A", "w2", "CLEARED", "2026-11-05T11:00:00+08:00", null, NOV5),
                        feedback("BANK_A", "w3", "NOT_FOUND", "2026-11-05T15:00:00+08:00", null, NOV5),
                        feedback("BANK_A", "w3", "FROZEN", "2026-11-05T16:30:00Z", "300.00", NOV5),
                        feedback("BANK_B", "w4", "MONITORED", "2026-11-05T09:00:00+08:00", null, NOV5),
                        feedback("BANK_B", "w4", "FROZEN", "2026-11-06T09:00:00+08:00", "700.00", NOV5.plusDays(1)),
                        feedback("BANK_A", "w4", "FROZEN", "2026-11-05T09:00:00+08:00", "999.00", NOV5),
                        feedback("BANK_A", "w_unknown", "FROZEN", "2026-11-05T09:00:00+08:00", "5.00", NOV5),
                        feedback("BANK_A", "v1", "VICTIM_CONTACTED", "2026-11-04T09:00:00+08:00", null, NOV4),
                        feedback("BANK_A", "v1", "LOSS_PREVENTED", "2026-11-04T09:20:00+08:00", "1200.00", NOV4),
                        feedback("BANK_A", "v2", "VICTIM_CONTACTED", "2026-11-04T16:00:00+08:00", null, NOV4),
                        feedback("BANK_B", "v3", "VICTIM_CONTACTED", "2026-11-05T10:00:00+08:00", null, NOV5)),
                FeedbackLabels.BANK_FEEDBACK_SCHEMA, lake.silver(Silver.BANK_FEEDBACK));
        write(List.of(RowFactory.create("acc_v2", "id_2"), RowFactory.create("acc_v2b", "id_2"),
                        RowFactory.create("acc_v1", "id_1"), RowFactory.create("acc_v3", "id_3")),
                StructType.fromDDL("account_id STRING, holder_id STRING"), lake.silver(Silver.ACCOUNTS));
        write(List.of(txn("acc_v2b", "OUT", "acc_m", "2026-11-04T14:00:00+08:00", NOV4),
                        txn("acc_v1", "OUT", "acc_x", "2026-11-04T08:00:00+08:00", NOV4),
                        txn("acc_v1", "IN", "acc_m", "2026-11-04T08:30:00+08:00", NOV4),
                        txn("acc_v3", "OUT", "acc_s", "2026-11-04T20:00:00+08:00", NOV4)),
                StructType.fromDDL("account_id STRING, direction STRING, counterparty_account_id STRING, "
                        + "txn_time TIMESTAMP, business_date DATE"), lake.silver(Silver.TRANSACTIONS),
                Silver.BUSINESS_DATE);
        write(List.of(RowFactory.create("I1", "TELECOM_FRAUD", time("2026-11-05T18:00:00+08:00"),
                        time("2026-11-05T12:00:00+08:00"), "id_3", scala.jdk.javaapi.CollectionConverters.asScala(
                                List.of("acc_s")).toList())),
                StructType.fromDDL("incident_id STRING, category STRING, reported_at TIMESTAMP, occurred_at TIMESTAMP, "
                        + "victim_id STRING, suspect_accounts ARRAY<STRING>"), lake.silver(Silver.INCIDENTS));
        write(List.of(RowFactory.create("ACCOUNT", "acc_m", "MONEY_MULE", time("2026-11-02T10:00:00+08:00"), "C1")),
                StructType.fromDDL("entity_type STRING, entity_id STRING, label STRING, confirmed_at TIMESTAMP, "
                        + "case_no STRING"), lake.silver(Silver.CASE_LABELS));
    }

    private void write(List<Row> rows, StructType schema, String path, String... partitionBy) {
        DeltaIO.overwrite(spark.createDataFrame(rows, schema), path, partitionBy);
    }

    private static Timestamp time(String at) {
        return Timestamp.from(OffsetDateTime.parse(at).toInstant());
    }

    /** The warning's rows: sent on its first day, ACTIVE and unsent on the others. */
    private static List<Row> warning(String id, String partner, String type, String entity, String warningType,
                                     String action, List<String> models, LocalDate validFrom, String person,
                                     LocalDate... days) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            List<Object> v = new ArrayList<>(List.of(id, partner, type, entity, warningType, action, 0.9,
                    scala.jdk.javaapi.CollectionConverters.asScala(models).toList(),
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("reason")).toList(),
                    Date.valueOf(validFrom), Date.valueOf(validFrom.plusDays(7)), i == 0 ? "NEW" : "ACTIVE", i == 0,
                    Date.valueOf(days[i])));
            if (person != null) {
                v.add(person);
            }
            rows.add(RowFactory.create(v.toArray()));
        }
        return rows;
    }

    private static Row feedback(String bank, String warning, String action, String at, String amount,
                                LocalDate arrived) {
        return RowFactory.create(bank, warning, action, time(at), amount == null ? null : new BigDecimal(amount),
                null, Date.valueOf(arrived));
    }

    private static Row txn(String account, String direction, String counterparty, String at, LocalDate day) {
        return RowFactory.create(account, direction, counterparty, time(at), Date.valueOf(day));
    }

    /** bank, model, sent, acted, frozen, contacted, in time, cleared, amount. */
    private static String row(String bank, String model, long... counts) {
        return bank + " " + model + " " + java.util.Arrays.toString(counts);
    }

    private List<String> table(LocalDate date) {
        return DeltaIO.read(spark, lake.published(Published.FEEDBACK_IMPACT))
                .filter(Published.BUSINESS_DATE + " = DATE'" + date + "'")
                .orderBy(FeedbackImpact.BANK, FeedbackImpact.MODEL).collectAsList().stream()
                .map(r -> row(r.getAs(FeedbackImpact.BANK), r.getAs(FeedbackImpact.MODEL),
                        r.<Long>getAs(FeedbackImpact.WARNINGS_SENT), r.<Long>getAs(FeedbackImpact.ACTED_ON),
                        r.<Long>getAs(FeedbackImpact.FROZEN), r.<Long>getAs(FeedbackImpact.VICTIMS_CONTACTED),
                        r.<Long>getAs(FeedbackImpact.VICTIMS_IN_TIME), r.<Long>getAs(FeedbackImpact.CLEARED))
                        + " " + r.<BigDecimal>getAs(FeedbackImpact.AMOUNT_PROTECTED).toPlainString())
                .toList();
    }

    @Test
    void figuresAsOfNov5AreTheHandComputedOnesAndARerunIsIdentical() {
        FeedbackJob job = new FeedbackJob(lake, line -> { });
        job.run(spark, NOV4);
        List<String> nov4 = table(NOV4);
        FeedbackJob.Result result = job.run(spark, NOV5);
        List<String> expected = List.of(
                row("BANK_A", "ALL", 5, 4, 1, 2, 1, 1) + " 6200.50",
                row("BANK_A", "money_mule", 2, 2, 1, 0, 0, 1) + " 5000.50",
                row("BANK_A", "rapid_pass_through", 2, 1, 1, 0, 0, 0) + " 5000.50",
                row("BANK_A", "victim_call_then_pay", 2, 2, 0, 2, 1, 0) + " 1200.00",
                row("BANK_B", "ALL", 2, 2, 0, 1, 1, 0) + " 0.00",
                row("BANK_B", "money_mule", 1, 1, 0, 0, 0, 0) + " 0.00",
                row("BANK_B", "victim_call_then_pay", 1, 1, 0, 1, 1, 0) + " 0.00");
        assertEquals(expected, table(NOV5));
        assertEquals(7, result.rows());
        assertEquals(List.of("BANK_A", "BANK_B"), result.banks().stream().map(FeedbackJob.BankTotal::bank).toList());
        assertEquals(new BigDecimal("6200.50"), result.banks().get(0).amountProtected());

        job.run(spark, NOV5);
        assertEquals(expected, table(NOV5), "re-running Nov 5 replaces its partition with the same rows");
        assertEquals(nov4, table(NOV4), "and leaves Nov 4 alone");
    }

    @Test
    void figuresAsOfNov4CountOnlyWhatWasSentActedAndDeliveredByThen() {
        new FeedbackJob(lake, line -> { }).run(spark, NOV4);
        assertEquals(List.of(
                row("BANK_A", "ALL", 4, 3, 1, 2, 1, 0) + " 6200.50",
                row("BANK_A", "money_mule", 2, 1, 1, 0, 0, 0) + " 5000.50",
                row("BANK_A", "rapid_pass_through", 1, 1, 1, 0, 0, 0) + " 5000.50",
                row("BANK_A", "victim_call_then_pay", 2, 2, 0, 2, 1, 0) + " 1200.00",
                row("BANK_B", "ALL", 2, 0, 0, 0, 0, 0) + " 0.00",
                row("BANK_B", "money_mule", 1, 0, 0, 0, 0, 0) + " 0.00",
                row("BANK_B", "victim_call_then_pay", 1, 0, 0, 0, 0, 0) + " 0.00"), table(NOV4));
    }

    @Test
    void aDayBeforeAnyWarningWritesAnEmptyPartition() {
        FeedbackJob.Result result = new FeedbackJob(lake, line -> { }).run(spark, NOV3.minusDays(1));
        assertEquals(0, result.rows());
        assertEquals(List.of(), table(NOV3.minusDays(1)));
    }
}

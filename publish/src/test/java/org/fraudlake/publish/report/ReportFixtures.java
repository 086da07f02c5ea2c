package org.fraudlake.publish.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.Metrics;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.schemas.tables.Silver;

/**
 * A small lake for business date {@link #D} whose report figures are worked out by hand in {@link ReportJobTest}.
 * Every table also holds rows of other dates that the report must leave out. The published tables use the
 * columns fixed in {@link Published}; their writers live in other jobs.
 */
final class ReportFixtures {
    static final LocalDate D = LocalDate.of(2026, 3, 14);
    /** A value from the lake that must reach the page escaped. */
    static final String SCRIPT = "<script>alert('x')</script>";

    static final StructType SCORES = StructType.fromDDL("business_date DATE, model STRING, version INT, "
            + "entity_type STRING, entity_id STRING, partners ARRAY<STRING>, score DOUBLE, threshold DOUBLE, "
            + "alert BOOLEAN, reasons ARRAY<STRING>");
    static final StructType INTERCEPT_LIST = StructType.fromDDL("warning_id STRING, partner STRING, "
            + "entity_type STRING, entity_id STRING, warning_type STRING, action STRING, score DOUBLE, "
            + "models ARRAY<STRING>, reasons ARRAY<STRING>, valid_from DATE, valid_until DATE, status STRING, "
            + "sent BOOLEAN, business_date DATE");
    static final StructType VICTIM_WARNINGS = INTERCEPT_LIST.add("person_id", "STRING");
    static final StructType LEADS = StructType.fromDDL("lead_id STRING, typology STRING, "
            + "members ARRAY<STRUCT<id: STRING, kind: STRING, role: STRING>>, total_amount DECIMAL(18,2), "
            + "txn_count BIGINT, first_time TIMESTAMP, last_time TIMESTAMP, score DOUBLE, "
            + "evidence ARRAY<STRUCT<kind: STRING, ref: STRING, amount: DECIMAL(18,2), time: TIMESTAMP>>, "
            + "business_date DATE");
    static final StructType SERIES = StructType.fromDDL("series_id STRING, category STRING, "
            + "modus_operandi ARRAY<STRING>, members ARRAY<STRING>, member_count BIGINT, communities ARRAY<STRING>, "
            + "reasons ARRAY<STRING>, first_occurred TIMESTAMP, last_occurred TIMESTAMP, open BOOLEAN, "
            + "business_date DATE");
    static final StructType FEEDBACK_IMPACT = StructType.fromDDL("bank STRING, model STRING, warnings_sent BIGINT, "
            + "acted_on BIGINT, frozen BIGINT, victims_contacted BIGINT, victims_in_time BIGINT, cleared BIGINT, "
            + "amount_protected DECIMAL(18,2), business_date DATE");
    static final StructType BANK_FEEDBACK = StructType.fromDDL("bank STRING, warning_id STRING, action STRING, "
            + "acted_at TIMESTAMP, amount_protected DECIMAL(18,2), note STRING, business_date DATE");

    private final SparkSession spark;
    private final Lake lake;

    ReportFixtures(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    static Date day(int offset) {
        return Date.valueOf(D.plusDays(offset));
    }

    static Timestamp at(int dayOffset, int hour) {
        return Timestamp.valueOf(D.plusDays(dayOffset).atTime(hour, 0));
    }

    /**
     * The ledger for D: BANK_A loaded; BANK_B rejected then loaded; CARRIER_X loaded and restated as v2; POLICE
     * rejected only. Plus a loaded delivery of D-1 that must not count.
     */
    ReportFixtures ingest() {
        List<Row> ledger = List.of(
                ledger("bank_transactions", "BANK_A", 0, "LOADED", 1, 100, 97, 3, null, null, at(1, 1)),
                ledger("bank_transactions", "BANK_B", 0, "REJECTED", 0, 0, 0, 0, "CHECKSUM_MISMATCH",
                        "sha256 differs " + SCRIPT, at(1, 1)),
                ledger("bank_transactions", "BANK_B", 0, "LOADED", 1, 50, 50, 0, null, null, at(1, 2)),
                ledger("call_records", "CARRIER_X", 0, "LOADED", 1, 205, 200, 5, null, null, at(1, 1)),
                ledger("call_records", "CARRIER_X", 0, "LOADED", 2, 212, 210, 2, null, null, at(1, 3)),
                ledger("incidents", "POLICE", 0, "REJECTED", 0, 0, 0, 0, "ROW_COUNT_MISMATCH", "holds 9 records",
                        at(1, 1)),
                ledger("bank_transactions", "BANK_A", -1, "LOADED", 1, 9_000, 8_000, 1_000, null, null, at(0, 1)));
        DeltaIO.append(spark.createDataFrame(ledger, DeliveryLedger.SCHEMA), lake.deliveries());
        List<Row> bad = new ArrayList<>();
        for (String code : List.of("BAD_DATE", "BAD_DATE", "BAD_AMOUNT")) {
            bad.add(RowFactory.create("bank_transactions", "BANK_A", day(0), "d1", "f.csv", 2L, code, "bad", "raw",
                    at(1, 1)));
        }
        bad.add(RowFactory.create("call_records", "CARRIER_X", day(0), "d3", "c.csv", 2L, "BAD_PHONE", "bad", "raw",
                at(1, 3)));
        bad.add(RowFactory.create("call_records", "CARRIER_X", day(0), "d3", "c.csv", 3L, "BAD_PHONE", "bad", "raw",
                at(1, 3)));
        bad.add(RowFactory.create("bank_transactions", "BANK_A", day(-1), "d0", "f.csv", 2L, "BAD_DATE", "bad", "raw",
                at(0, 1)));
        DeltaIO.append(spark.createDataFrame(bad, Quarantine.ROWS), lake.quarantineRows(), Quarantine.BUSINESS_DATE);
        DeltaIO.append(spark.createDataFrame(bad, Quarantine.ROWS).select(java.util.Arrays.stream(
                Quarantine.ROW_REASONS.fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)), lake.quarantineRowReasons(), Quarantine.BUSINESS_DATE);
        List<Row> rejected = List.of(
                RowFactory.create("bank_transactions", "BANK_B", day(0), "d2", "fp2", null, "CHECKSUM_MISMATCH",
                        "sha256 differs " + SCRIPT, at(1, 1)),
                RowFactory.create("incidents", "POLICE", day(0), "d4", "fp4", null, "ROW_COUNT_MISMATCH",
                        "holds 9 records", at(1, 1)));
        DeltaIO.append(spark.createDataFrame(rejected, Quarantine.DELIVERIES), lake.quarantineDeliveries());
        return this;
    }

    private static Row ledger(String feed, String source, int dayOffset, String status, int version, long rowsInFiles,
                              long loaded, long quarantined, String code, String reason, Timestamp decided) {
        return RowFactory.create(feed, source, day(dayOffset), feed + "/" + source + "/" + version + "/" + status,
                "fp", status, version, 1, rowsInFiles, loaded, quarantined, "LOADED".equals(status) ? 1L : null, code,
                reason, decided);
    }

    /**
     * Registry: money_mule v1 champion at threshold 0.5 (v2 a challenger at 0.1), fraud_phone v1 champion at 0.8.
     * Scores store other thresholds (0.3) so that only the registry's give the expected alerts; orphan has no
     * champion and falls back to its rows' threshold 0.5.
     */
    ReportFixtures modelsAndScores() throws JsonProcessingException {
        Registry registry = new Registry(spark, lake);
        registry.registerAll(List.of(entry("money_mule", 1, 0.5, 0.6, Double.NaN, "ACCOUNT"),
                entry("fraud_phone", 1, 0.8, 0.7, Double.NaN, "PHONE")));
        registry.register(entry("money_mule", 2, 0.1, 0.3, 0.6, "ACCOUNT"));
        List<Row> scores = new ArrayList<>();
        double[] mmToday = {0.1, 0.4, 0.5, 0.7, 0.99};
        for (int i = 0; i < mmToday.length; i++) {
            scores.add(score(0, "money_mule", "acc_" + i, mmToday[i], 0.3));
        }
        scores.add(score(-1, "money_mule", "acc_1", 0.6, 0.3));
        scores.add(score(-1, "money_mule", "acc_2", 0.2, 0.3));
        scores.add(score(-13, "money_mule", "acc_3", 0.9, 0.3));
        scores.add(score(-14, "money_mule", "acc_4", 0.95, 0.3));
        double[] fpToday = {0.2, 0.85, 1.0};
        for (int i = 0; i < fpToday.length; i++) {
            scores.add(score(0, "fraud_phone", "ph_" + i, fpToday[i], 0.3));
        }
        scores.add(score(0, "orphan", "acc_9", 0.6, 0.5));
        scores.add(score(0, "orphan", "acc_8", 0.4, 0.5));
        DeltaIO.overwrite(spark.createDataFrame(scores, SCORES), lake.gold(Gold.SCORES), Gold.BUSINESS_DATE);
        return this;
    }

    private static RegistryEntry entry(String model, int version, double threshold, double aucPr, double champion,
                                       String entity) throws JsonProcessingException {
        String metrics = new ObjectMapper().writeValueAsString(List.of(
                new Metrics(Metrics.ALL, 1_000, 20, 0.02, aucPr, 100, 0.15, threshold, 40, 0.6, 0.3),
                new Metrics(Metrics.UNKNOWN, 900, 5, 0.0056, Double.NaN, 100, 0.04, threshold, 30, 0.4, 0.07)));
        return new RegistryEntry(model, version, RegistryEntry.CHALLENGER, "LOGISTIC_REGRESSION", entity,
                new Timestamp(1_000L * version), D.minusDays(1), D.minusDays(30), D.minusDays(8), D.minusDays(7),
                D.minusDays(1), "test", "{}", List.of("f"), "{}", List.of("BANK_A"), 100, 10, threshold, aucPr,
                champion, metrics, "/nowhere/" + model + "/v" + version, null, null);
    }

    private static Row score(int dayOffset, String model, String entity, double score, double storedThreshold) {
        return RowFactory.create(day(dayOffset), model, 1, "ACCOUNT", entity, List.of("BANK_A"), score,
                storedThreshold, score >= storedThreshold, List.of("reason"));
    }

    /**
     * intercept_list on D: BANK_A 2 FREEZE NEW sent, 1 FREEZE WITHDRAWN, 1 MONITOR ACTIVE; BANK_B 1 FREEZE ESCALATED
     * sent; CARRIER_X 1 BLOCK NEW sent; a number of no partner 1 BLOCK NEW sent. victim_warnings on D: BANK_A 2
     * CONTACT_VICTIM NEW sent. Plus rows of D-1.
     */
    ReportFixtures decisions() {
        List<Row> list = List.of(
                warning("w_1", "BANK_A", "ACCOUNT", "FREEZE", 0.97, "NEW", true, 0, SCRIPT),
                warning("w_2", "BANK_A", "ACCOUNT", "FREEZE", 0.91, "NEW", true, 0, "many new payees"),
                warning("w_3", "BANK_A", "ACCOUNT", "FREEZE", 0.88, "WITHDRAWN", false, 0, "cleared"),
                warning("w_4", "BANK_A", "ACCOUNT", "MONITOR", 0.60, "ACTIVE", false, 0, "pass-through"),
                warning("w_5", "BANK_B", "ACCOUNT", "FREEZE", 0.93, "ESCALATED", true, 0, "fan-in"),
                warning("w_6", "CARRIER_X", "PHONE", "BLOCK", 0.95, "NEW", true, 0, "short calls"),
                warning("w_7", null, "PHONE", "BLOCK", 0.90, "NEW", true, 0, "short calls"),
                warning("w_0", "BANK_A", "ACCOUNT", "FREEZE", 0.99, "NEW", true, -1, "yesterday"));
        DeltaIO.overwrite(spark.createDataFrame(list, INTERCEPT_LIST), lake.published(Published.INTERCEPT_LIST),
                Published.BUSINESS_DATE);
        List<Row> victims = new ArrayList<>();
        for (Row r : List.of(warning("v_1", "BANK_A", "ACCOUNT", "CONTACT_VICTIM", 0.8, "NEW", true, 0, "groomed"),
                warning("v_2", "BANK_A", "ACCOUNT", "CONTACT_VICTIM", 0.7, "NEW", true, 0, "groomed"),
                warning("v_0", "BANK_A", "ACCOUNT", "CONTACT_VICTIM", 0.7, "NEW", true, -1, "groomed"))) {
            List<Object> values = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(r.toSeq()));
            values.add("id_" + r.getString(0));
            victims.add(RowFactory.create(values.toArray()));
        }
        DeltaIO.overwrite(spark.createDataFrame(victims, VICTIM_WARNINGS), lake.published(Published.VICTIM_WARNINGS),
                Published.BUSINESS_DATE);
        return this;
    }

    private static Row warning(String id, String partner, String type, String action, double score, String status,
                               boolean sent, int dayOffset, String reason) {
        return RowFactory.create(id, partner, type, (type.equals("PHONE") ? "ph_" : "acc_") + id, "FRAUD_" + type,
                action, score, List.of("money_mule"), List.of(reason), day(dayOffset), day(dayOffset + 7), status, sent,
                day(dayOffset));
    }

    /** Leads on D: two round_tripping, one shell_company; two incident series, one open. */
    ReportFixtures leadsAndSeries() {
        List<Row> leads = List.of(
                lead("ld_a", "round_tripping", 3, "100.00", 0.9, 0),
                lead("ld_b", "shell_company", 2, "50.50", 0.7, 0),
                lead("ld_c", "round_tripping", 4, "20.25", 0.5, 0),
                lead("ld_z", "bid_rigging", 5, "1.00", 0.99, -1));
        DeltaIO.overwrite(spark.createDataFrame(leads, LEADS), lake.published(Published.LEADS), Published.BUSINESS_DATE);
        List<Row> series = List.of(
                RowFactory.create("is_1", "FRAUD", List.of("MO1"), List.of("i1", "i2", "i3"), 3L, List.of("C1"),
                        List.of("SAME_MO"), at(-5, 1), at(-1, 1), true, day(0)),
                RowFactory.create("is_2", "THEFT", List.of("MO2"), List.of("i4", "i5"), 2L, List.of("C2"),
                        List.of("SAME_MO"), at(-40, 1), at(-30, 1), false, day(0)));
        DeltaIO.overwrite(spark.createDataFrame(series, SERIES), lake.published(Published.INCIDENT_SERIES),
                Published.BUSINESS_DATE);
        return this;
    }

    private static Row lead(String id, String typology, int members, String amount, double score, int dayOffset) {
        List<Row> m = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            m.add(RowFactory.create("acc_" + i, "ACCOUNT", "RING_ACCOUNT"));
        }
        return RowFactory.create(id, typology, m, new BigDecimal(amount), 3L, at(-2, 1), at(-1, 1), score, List.of(),
                day(dayOffset));
    }

    /**
     * feedback_impact on D: BANK_A (ALL 12,500.50; money_mule 10,000.00), BANK_B (ALL and money_mule 300.25); a
     * large row of D-1. silver/bank_feedback: D-2 w1 FROZEN and LOSS_PREVENTED (one confirmed), w2 CLEARED, w3
     * MONITORED; D: w4, w5 FROZEN, w6 LOSS_PREVENTED, w7 FROZEN and CLEARED (cleared); D-40 outside the window.
     */
    ReportFixtures feedback() {
        List<Row> impact = List.of(
                impact("BANK_A", "ALL", 3, 2, 2, 0, 0, 0, "12500.50", 0),
                impact("BANK_A", "money_mule", 2, 1, 1, 0, 0, 0, "10000.00", 0),
                impact("BANK_B", "ALL", 1, 1, 0, 1, 1, 1, "300.25", 0),
                impact("BANK_B", "money_mule", 1, 1, 0, 1, 1, 1, "300.25", 0),
                impact("BANK_A", "ALL", 9, 9, 9, 9, 9, 9, "999999.00", -1));
        DeltaIO.overwrite(spark.createDataFrame(impact, FEEDBACK_IMPACT), lake.published(Published.FEEDBACK_IMPACT),
                Published.BUSINESS_DATE);
        List<Row> fb = List.of(
                answer("w1", "FROZEN", -2), answer("w1", "LOSS_PREVENTED", -2), answer("w2", "CLEARED", -2),
                answer("w3", "MONITORED", -2), answer("w4", "FROZEN", 0), answer("w5", "FROZEN", 0),
                answer("w6", "LOSS_PREVENTED", 0), answer("w7", "FROZEN", 0), answer("w7", "CLEARED", 0),
                answer("w8", "FROZEN", -40));
        DeltaIO.overwrite(spark.createDataFrame(fb, BANK_FEEDBACK), lake.silver(Silver.BANK_FEEDBACK),
                Silver.BUSINESS_DATE);
        return this;
    }

    private static Row impact(String bank, String model, long sent, long acted, long frozen, long contacted,
                              long inTime, long cleared, String amount, int dayOffset) {
        return RowFactory.create(bank, model, sent, acted, frozen, contacted, inTime, cleared, new BigDecimal(amount),
                day(dayOffset));
    }

    private static Row answer(String warning, String action, int dayOffset) {
        return RowFactory.create("BANK_A", warning, action, at(dayOffset, 9), null, null, day(dayOffset));
    }
}

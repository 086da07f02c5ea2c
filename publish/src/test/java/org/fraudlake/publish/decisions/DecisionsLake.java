package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;

/**
 * A tiny lake for the decisions job, built by hand in a temp dir: a registry of champions with their thresholds,
 * silver accounts and subscribers, the day's scores, traces and leads, case labels and bank feedback.
 */
final class DecisionsLake {
    static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING, "
            + "holder_type STRING, status STRING, open_date DATE, first_seen DATE");
    static final StructType SUBSCRIBERS = StructType.fromDDL("phone STRING, carrier STRING, holder_id STRING, "
            + "status STRING, owner_since DATE");
    static final StructType SCORES = StructType.fromDDL("model STRING, version INT, entity_type STRING, "
            + "entity_id STRING, partners ARRAY<STRING>, score DOUBLE, threshold DOUBLE, alert BOOLEAN, "
            + "reasons ARRAY<STRING>, business_date DATE");
    static final StructType TRACES = StructType.fromDDL("trace_id STRING, source_kind STRING, hop INT, "
            + "account_id STRING, bank STRING, amount_held DECIMAL(18,2), business_date DATE");
    static final StructType LEADS = StructType.fromDDL("lead_id STRING, typology STRING, "
            + "members ARRAY<STRUCT<id: STRING, kind: STRING, role: STRING>>, score DOUBLE, business_date DATE");
    static final StructType LABELS = StructType.fromDDL("entity_type STRING, entity_id STRING, label STRING, "
            + "confirmed_at TIMESTAMP, case_no STRING, business_date DATE");
    static final StructType FEEDBACK = StructType.fromDDL("bank STRING, warning_id STRING, action STRING, "
            + "acted_at TIMESTAMP, amount_protected DECIMAL(18,2), note STRING, business_date DATE");
    private static final Date OPENED = Date.valueOf("2026-01-05");

    final SparkSession spark;
    final Lake lake;

    DecisionsLake(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /**
     * The estimated precision (at threshold, on the not-yet-named at validation) of each test champion: money_mule
     * and fraud_phone are precise enough to freeze and block, the others only monitor.
     */
    static final Map<String, Double> PRECISIONS = Map.of("money_mule", 0.85, "fraud_phone", 0.95);
    static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, victim_id STRING, victim_phone STRING, "
            + "victim_accounts ARRAY<STRING>, suspect_accounts ARRAY<STRING>, suspect_phones ARRAY<STRING>, "
            + "reported_at TIMESTAMP, business_date DATE");

    /** Registers each model as champion v1 with the given operating threshold and its {@link #PRECISIONS}. */
    void champions(Map<String, Double> thresholds) {
        List<RegistryEntry> entries = new ArrayList<>();
        LocalDate d = LocalDate.of(2026, 11, 1);
        thresholds.forEach((model, t) -> entries.add(new RegistryEntry(model, 1, RegistryEntry.CHALLENGER,
                "SCORECARD", "ACCOUNT", new Timestamp(0L), d, d.minusDays(20), d.minusDays(5), d.minusDays(4), d,
                "test", "{}", List.of("f"), "{}", List.of("BANK_A"), 100, 10, t, 0.4, Double.NaN,
                "[{\"group\":\"UNKNOWN\",\"entities\":100,\"positives\":10,\"baseRate\":0.1,\"aucPr\":0.4,\"k\":10,"
                        + "\"precisionAtK\":0.5,\"threshold\":" + t + ",\"alerts\":10,\"recallAtThreshold\":0.5,"
                        + "\"precisionAtThreshold\":" + PRECISIONS.getOrDefault(model, 0.5) + "}]",
                "/nowhere/" + model + "/v1", null, null)));
        new Registry(spark, lake).registerAll(entries);
    }

    /** silver/incidents as a whole: {incident, suspect account} pairs, reported at the given instant. */
    void incidents(String reportedAt, LocalDate delivered, String... incidentAccount) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < incidentAccount.length; i += 2) {
            rows.add(RowFactory.create(incidentAccount[i], "id_reporter", null, List.of(), List.of(incidentAccount[i + 1]),
                    List.of(), Timestamp.from(Instant.parse(reportedAt)), Date.valueOf(delivered)));
        }
        overwrite(Silver.INCIDENTS, INCIDENTS, rows);
    }

    /** Rewrites one model's threshold in the registry table, as a new operating point would. */
    void threshold(String model, double threshold) {
        Dataset<Row> registry = DeltaIO.read(spark, lake.modelRegistry());
        Dataset<Row> changed = registry.withColumn("threshold",
                when(col("model").equalTo(model), lit(threshold)).otherwise(col("threshold")));
        DeltaIO.overwrite(spark.createDataFrame(changed.collectAsList(), registry.schema()), lake.modelRegistry());
    }

    /** silver/accounts: {account, bank, holder} triples. */
    void accounts(String... accountBankHolder) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < accountBankHolder.length; i += 3) {
            String holder = accountBankHolder[i + 2];
            rows.add(RowFactory.create(accountBankHolder[i], accountBankHolder[i + 1], holder,
                    holder.startsWith("co_") ? "COMPANY" : "PERSON", "ACTIVE", OPENED, OPENED));
        }
        overwrite(Silver.ACCOUNTS, ACCOUNTS, rows);
    }

    /** silver/subscribers: {phone, carrier, holder} triples. */
    void subscribers(String... phoneCarrierHolder) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < phoneCarrierHolder.length; i += 3) {
            rows.add(RowFactory.create(phoneCarrierHolder[i], phoneCarrierHolder[i + 1], phoneCarrierHolder[i + 2],
                    "ACTIVE", OPENED));
        }
        overwrite(Silver.SUBSCRIBERS, SUBSCRIBERS, rows);
    }

    /** One gold/scores row (champion v1); the threshold column says 0.5 whatever the registry says. */
    static Row score(LocalDate date, String model, String type, String entity, double score, String... reasons) {
        return RowFactory.create(model, 1, type, entity, List.of(), score, 0.5, score >= 0.5, List.of(reasons),
                Date.valueOf(date));
    }

    /** Replaces the scores of a date. */
    void scores(LocalDate date, Row... rows) {
        replace(lake.gold(Gold.SCORES), SCORES, date, List.of(rows));
    }

    static final StructType RISKS = StructType.fromDDL("entity_type STRING, entity_id STRING, risk_group STRING, "
            + "partners ARRAY<STRING>, risk DOUBLE, precision DOUBLE, fires BOOLEAN, drivers ARRAY<STRING>, "
            + "reasons ARRAY<STRING>, version STRING, business_date DATE");

    /** One gold/entity_risk row, driven by one model whose reason is "{driver} reason". */
    static Row risk(LocalDate date, String type, String entity, String group, double risk, double precision,
                    boolean fires, String driver) {
        return RowFactory.create(type, entity, group, List.of(), risk, precision, fires, List.of(driver),
                List.of(driver + " reason"), "20261101", Date.valueOf(date));
    }

    /** Replaces the entity risks of a date. */
    void risks(LocalDate date, Row... rows) {
        replace(lake.gold(Gold.ENTITY_RISK), RISKS, date, List.of(rows));
    }

    /** Replaces the fund traces of a date: {account, amount held} pairs, one trace each. */
    void traces(LocalDate date, String... accountHeld) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < accountHeld.length; i += 2) {
            rows.add(RowFactory.create("t" + i, "VICTIM_REPORT", 1, accountHeld[i], null,
                    new BigDecimal(accountHeld[i + 1]), Date.valueOf(date)));
        }
        replace(lake.gold(GraphTables.FUND_TRACES), TRACES, date, rows);
    }

    /** Replaces the fund traces of a date: {account: nearest hop}, each holding 100 CNY, one trace each. */
    void tracesAtHops(LocalDate date, Map<String, Integer> accountHop) {
        List<Row> rows = new ArrayList<>();
        accountHop.forEach((account, hop) -> rows.add(RowFactory.create("t_" + account, "VICTIM_REPORT", hop, account,
                null, new BigDecimal("100.00"), Date.valueOf(date))));
        replace(lake.gold(GraphTables.FUND_TRACES), TRACES, date, rows);
    }

    /** Replaces the leads of a date. */
    void leads(LocalDate date, Row... leads) {
        replace(lake.published(Published.LEADS), LEADS, date, List.of(leads));
    }

    static Row lead(LocalDate date, String id, String typology, Row... members) {
        return RowFactory.create(id, typology, List.of(members), 0.9, Date.valueOf(date));
    }

    static Row member(String id, String kind, String role) {
        return RowFactory.create(id, kind, role);
    }

    /** silver/case_labels as a whole. */
    void labels(Row... labels) {
        overwrite(Silver.CASE_LABELS, LABELS, List.of(labels));
    }

    static Row label(String type, String entity, String label, String confirmedAt, LocalDate delivered) {
        return RowFactory.create(type, entity, label, Timestamp.from(Instant.parse(confirmedAt)), "C1",
                Date.valueOf(delivered));
    }

    /** silver/bank_feedback as a whole. */
    void feedback(Row... rows) {
        overwrite(Silver.BANK_FEEDBACK, FEEDBACK, List.of(rows));
    }

    static Row answer(String bank, String warningId, String action, String actedAt, LocalDate delivered) {
        return RowFactory.create(bank, warningId, action, Timestamp.from(Instant.parse(actedAt)), null, null,
                Date.valueOf(delivered));
    }

    /** The rows of a published warning table on a date, keyed by entity id (and partner for duplicates). */
    Map<String, Row> rows(String table, LocalDate date) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : dayOf(table, date).collectAsList()) {
            String entity = r.getAs(InterceptList.ENTITY_ID);
            if (out.put(entity, r) != null) {
                throw new AssertionError("two rows for " + entity + " on " + date + " in " + table);
            }
        }
        return out;
    }

    /** The rows of a date rendered as sorted strings, for whole-table comparisons. */
    List<String> rendered(String table, LocalDate date) {
        return dayOf(table, date).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    Dataset<Row> dayOf(String table, LocalDate date) {
        return DeltaIO.read(spark, lake.published(table))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))));
    }

    /** The expected warning id: w_ and hex SHA-256 of partner|type|entity|warning type|valid_from. */
    static String warningId(String partner, String type, String entity, String warningType, LocalDate validFrom) {
        String text = (partner == null ? "" : partner) + "|" + type + "|" + entity + "|" + warningType + "|" + validFrom;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "w_" + HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String personOf(Row victimRow) {
        return victimRow.getAs(VictimWarnings.PERSON_ID);
    }

    private void overwrite(String silverTable, StructType schema, List<Row> rows) {
        DeltaIO.overwrite(spark.createDataFrame(rows, schema), lake.silver(silverTable));
    }

    private void replace(String path, StructType schema, LocalDate date, List<Row> rows) {
        DeltaIO.replaceWhere(spark.createDataFrame(rows, schema).coalesce(1), path,
                Published.BUSINESS_DATE + " = DATE'" + date + "'", Published.BUSINESS_DATE);
    }
}

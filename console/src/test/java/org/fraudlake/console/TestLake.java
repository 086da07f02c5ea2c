package org.fraudlake.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;

/**
 * A tiny lake for the console tests, one business date (2026-11-10): three intercept-list decisions and a victim
 * warning; acc_mule's scores (two models), features, transactions, counterparties (money in from acc_victim, out to
 * acc_cash) and a fund trace from acc_victim; the vault entry of acc_mule; one round-tripping lead; and the outbox
 * folders of BANK_A and BANK_B.
 */
final class TestLake {
    static final String DATE = "2026-11-10";
    static final String MULE = "acc_mule";
    static final String RAW_MULE = "6222 0000 1111 2222";

    private TestLake() {
    }

    static Lake build(SparkSession spark, Path dir) throws IOException {
        Lake lake = new Lake(dir.toString());
        String d = "\"business_date\":\"" + DATE + "\"";
        table(spark, FeedbackLabels.INTERCEPT_LIST_SCHEMA, lake.published(Published.INTERCEPT_LIST),
                "{\"warning_id\":\"w_1\",\"partner\":\"BANK_A\",\"entity_type\":\"ACCOUNT\",\"entity_id\":\"acc_mule\","
                        + "\"warning_type\":\"MONEY_MULE\",\"action\":\"FREEZE\",\"score\":0.93,\"models\":[\"money_mule\","
                        + "\"rapid_pass_through\"],\"reasons\":[\"passes on 97% of inflow within 1 hour\",\"new account\"],"
                        + "\"valid_from\":\"" + DATE + "\",\"valid_until\":\"2026-11-17\",\"status\":\"NEW\",\"sent\":true," + d + "}",
                "{\"warning_id\":\"w_2\",\"partner\":\"BANK_B\",\"entity_type\":\"ACCOUNT\",\"entity_id\":\"acc_other\","
                        + "\"warning_type\":\"FRAUD_ACCOUNT\",\"action\":\"MONITOR\",\"score\":0.61,\"models\":[\"cash_out\"],"
                        + "\"reasons\":[\"ATM withdrawals\"],\"valid_from\":\"" + DATE + "\",\"valid_until\":\"2026-11-17\","
                        + "\"status\":\"NEW\",\"sent\":true," + d + "}",
                "{\"warning_id\":\"w_3\",\"partner\":\"CARRIER_X\",\"entity_type\":\"PHONE\",\"entity_id\":\"ph_farm\","
                        + "\"warning_type\":\"FRAUD_PHONE\",\"action\":\"BLOCK\",\"score\":0.88,\"models\":[\"fraud_phone\"],"
                        + "\"reasons\":[\"<script>alert(1)</script> many short calls\"],\"valid_from\":\"" + DATE
                        + "\",\"valid_until\":\"2026-11-17\",\"status\":\"ACTIVE\",\"sent\":false," + d + "}");
        table(spark, FeedbackLabels.VICTIM_WARNINGS_SCHEMA, lake.published(Published.VICTIM_WARNINGS),
                "{\"warning_id\":\"v_1\",\"partner\":\"BANK_A\",\"entity_type\":\"ACCOUNT\",\"entity_id\":\"acc_victim\","
                        + "\"warning_type\":\"VICTIM_AT_RISK\",\"action\":\"CONTACT_VICTIM\",\"score\":0.77,"
                        + "\"models\":[\"victim_call_then_pay\"],\"reasons\":[\"called by a flagged number, then paid\"],"
                        + "\"valid_from\":\"" + DATE + "\",\"valid_until\":\"2026-11-17\",\"status\":\"NEW\",\"sent\":true,"
                        + "\"person_id\":\"id_victim\"," + d + "}");
        table(spark, StructType.fromDDL("model STRING, version INT, entity_type STRING, entity_id STRING, "
                        + "partners ARRAY<STRING>, score DOUBLE, threshold DOUBLE, alert BOOLEAN, reasons ARRAY<STRING>, "
                        + "business_date DATE"), lake.gold(Gold.SCORES),
                "{\"model\":\"money_mule\",\"version\":2,\"entity_type\":\"ACCOUNT\",\"entity_id\":\"acc_mule\","
                        + "\"partners\":[\"BANK_A\"],\"score\":0.93,\"threshold\":0.5,\"alert\":true,\"reasons\":"
                        + "[\"pass_through_1h_share_7d = 0.97 (population 0.05)\"]," + d + "}",
                "{\"model\":\"rapid_pass_through\",\"version\":1,\"entity_type\":\"ACCOUNT\",\"entity_id\":\"acc_mule\","
                        + "\"partners\":[\"BANK_A\"],\"score\":0.71,\"threshold\":0.6,\"alert\":true,\"reasons\":"
                        + "[\"in_cnt_1d = 14 (population 1.2)\"]," + d + "}");
        table(spark, StructType.fromDDL("account_id STRING, bank STRING, in_cnt_1d LONG, "
                        + "pass_through_1h_share_7d DOUBLE, account_age_days LONG, business_date DATE"),
                lake.gold(Gold.FEATURES_ACCOUNT_DAILY),
                "{\"account_id\":\"acc_mule\",\"bank\":\"BANK_A\",\"in_cnt_1d\":14,\"pass_through_1h_share_7d\":0.97,"
                        + "\"account_age_days\":9," + d + "}");
        table(spark, StructType.fromDDL("txn_key STRING, txn_time TIMESTAMP, account_id STRING, direction STRING, "
                        + "amount DECIMAL(18,2), channel STRING, counterparty_account_id STRING, counterparty_bank STRING, "
                        + "business_date DATE"), lake.silver(Silver.TRANSACTIONS),
                "{\"txn_key\":\"BANK_A:t1\",\"txn_time\":\"2026-11-10T02:00:00Z\",\"account_id\":\"acc_mule\","
                        + "\"direction\":\"IN\",\"amount\":5000.00,\"channel\":\"MOBILE\",\"counterparty_account_id\":"
                        + "\"acc_victim\",\"counterparty_bank\":\"BANK_A\"," + d + "}",
                "{\"txn_key\":\"BANK_A:t2\",\"txn_time\":\"2026-11-10T02:20:00Z\",\"account_id\":\"acc_mule\","
                        + "\"direction\":\"OUT\",\"amount\":4900.00,\"channel\":\"MOBILE\",\"counterparty_account_id\":"
                        + "\"acc_cash\",\"counterparty_bank\":\"BANK_C\"," + d + "}");
        table(spark, StructType.fromDDL("account_id STRING, direction STRING, counterparty_id STRING, "
                        + "counterparty_bank STRING, cnt LONG, amt DECIMAL(18,2), first_time TIMESTAMP, last_time TIMESTAMP, "
                        + "business_date DATE"), lake.gold(Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY),
                "{\"account_id\":\"acc_mule\",\"direction\":\"IN\",\"counterparty_id\":\"acc_victim\",\"cnt\":1,"
                        + "\"amt\":5000.00," + d + "}",
                "{\"account_id\":\"acc_mule\",\"direction\":\"OUT\",\"counterparty_id\":\"acc_cash\",\"cnt\":1,"
                        + "\"amt\":4900.00," + d + "}");
        table(spark, StructType.fromDDL("trace_id STRING, hop INT, from_account STRING, to_account STRING, "
                        + "txn_key STRING, amount DECIMAL(18,2), business_date DATE"),
                lake.gold(GraphTables.FUND_TRACE_FLOWS),
                "{\"trace_id\":\"tr_1\",\"hop\":1,\"from_account\":\"acc_victim\",\"to_account\":\"acc_mule\","
                        + "\"txn_key\":\"BANK_A:t1\",\"amount\":5000.00," + d + "}");
        table(spark, StructType.fromDDL("token STRING, kind STRING, value STRING, source STRING, "
                        + "first_seen TIMESTAMP"), lake.vaultIdentities(),
                "{\"token\":\"acc_mule\",\"kind\":\"ACCOUNT\",\"value\":\"" + RAW_MULE + "\",\"source\":\"BANK_A\"}");
        table(spark, StructType.fromDDL("lead_id STRING, typology STRING, members ARRAY<STRUCT<id:STRING, "
                        + "kind:STRING, role:STRING>>, total_amount DECIMAL(18,2), txn_count LONG, first_time TIMESTAMP, "
                        + "last_time TIMESTAMP, score DOUBLE, evidence ARRAY<STRUCT<kind:STRING, ref:STRING, "
                        + "amount:DECIMAL(18,2), time:TIMESTAMP>>, business_date DATE"), lake.published(Published.LEADS),
                "{\"lead_id\":\"lead_1\",\"typology\":\"round_tripping\",\"members\":[{\"id\":\"acc_mule\",\"kind\":"
                        + "\"ACCOUNT\",\"role\":\"RING_ACCOUNT\"},{\"id\":\"acc_cash\",\"kind\":\"ACCOUNT\",\"role\":"
                        + "\"RING_ACCOUNT\"}],\"total_amount\":4900.00,\"txn_count\":1,\"first_time\":"
                        + "\"2026-11-10T02:20:00Z\",\"last_time\":\"2026-11-10T02:20:00Z\",\"score\":0.8,\"evidence\":"
                        + "[{\"kind\":\"TRANSACTION\",\"ref\":\"BANK_A:t2\",\"amount\":4900.00,\"time\":"
                        + "\"2026-11-10T02:20:00Z\"}]," + d + "}");
        for (String partner : List.of("BANK_A", "BANK_B")) {
            Path folder = dir.resolve("outbox").resolve(partner).resolve(DATE);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("warnings.csv"), "warning_id,partner\nw_x," + partner + "\n");
        }
        return lake;
    }

    private static void table(SparkSession spark, StructType schema, String path, String... json) {
        Dataset<String> lines = spark.createDataset(List.of(json), Encoders.STRING());
        Dataset<Row> rows = spark.read().schema(schema).json(lines);
        DeltaIO.overwrite(rows, path);
    }
}

package org.fraudlake.graph;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.GraphTables.EntityGraph;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables.GraphAccountDaily;
import org.fraudlake.schemas.tables.GraphTables.GraphPhoneDaily;
import org.fraudlake.schemas.tables.GraphTables.SourceKind;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph stage on a tiny lake: a victim pays a mule named in a report, the mule forwards to a second mule at
 * another bank who keeps part and withdraws the rest; the gang's numbers share a handset, one of them labelled.
 */
@ExtendWith(SparkTestExtension.class)
class GraphJobTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 6);
    private static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING, "
            + "phone STRING, open_date DATE, first_seen DATE");
    private static final StructType TRANSACTIONS = StructType.fromDDL("txn_key STRING, bank STRING, account_id STRING, "
            + "direction STRING, amount DECIMAL(18,2), txn_time TIMESTAMP, counterparty_account_id STRING, "
            + "channel STRING, device_id STRING, ip STRING, business_date DATE");
    private static final StructType CALLS = StructType.fromDDL("record_key STRING, caller STRING, callee STRING, "
            + "start_time TIMESTAMP, caller_imei STRING, business_date DATE");
    private static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, "
            + "occurred_at TIMESTAMP, victim_accounts ARRAY<STRING>, suspect_accounts ARRAY<STRING>, "
            + "business_date DATE");
    private static final StructType LABELS = StructType.fromDDL("entity_type STRING, entity_id STRING, label STRING, "
            + "confirmed_at TIMESTAMP, business_date DATE");

    private static Timestamp at(String iso) {
        return Timestamp.from(Instant.parse(iso));
    }

    private static Row txn(String key, String account, String dir, String amount, String time, String counterparty,
                           String channel) {
        return RowFactory.create(key, key.substring(0, 1), account, dir, new BigDecimal(amount), at(time), counterparty,
                channel, "dev_" + account, null, Date.valueOf(time.substring(0, 10)));
    }

    private void lake(SparkSession spark, Lake lake) {
        Date open = Date.valueOf("2026-01-01");
        write(spark, lake.silver(Silver.ACCOUNTS), ACCOUNTS, List.of(
                RowFactory.create("acc_victim", "A", "id_v", "ph_v", open, open),
                RowFactory.create("acc_mule1", "B", "id_m1", "ph_m1", open, open),
                RowFactory.create("acc_mule2", "C", "id_m2", "ph_m2", open, open),
                RowFactory.create("acc_shop", "A", "id_s", "ph_s", open, open)));
        write(spark, lake.silver(Silver.TRANSACTIONS), TRANSACTIONS, List.of(
                txn("A1", "acc_victim", "OUT", "5000.00", "2026-11-05T02:00:00Z", "acc_mule1", "MOBILE"),
                txn("B1", "acc_mule1", "IN", "5000.00", "2026-11-05T02:00:00Z", "acc_victim", "MOBILE"),
                txn("B2", "acc_mule1", "OUT", "4800.00", "2026-11-05T02:10:00Z", "acc_mule2", "MOBILE"),
                txn("C1", "acc_mule2", "IN", "4800.00", "2026-11-05T02:10:00Z", "acc_mule1", "MOBILE"),
                txn("C2", "acc_mule2", "OUT", "3000.00", "2026-11-05T03:00:00Z", null, "ATM"),
                txn("A2", "acc_victim", "OUT", "80.00", "2026-11-04T02:00:00Z", "acc_shop", "POS"),
                txn("A3", "acc_shop", "IN", "80.00", "2026-11-04T02:00:00Z", "acc_victim", "POS"),
                // After D: not seen.
                txn("C3", "acc_mule2", "OUT", "1800.00", "2026-11-07T03:00:00Z", null, "ATM")));
        Date day = Date.valueOf("2026-11-05");
        Timestamp t = at("2026-11-05T01:00:00Z");
        write(spark, lake.silver(Silver.CALLS), CALLS, List.of(
                RowFactory.create("X:1", "ph_g1", "ph_v", t, "imei_gang", day),
                RowFactory.create("X:2", "ph_g2", "ph_v", t, "imei_gang", day),
                RowFactory.create("X:3", "ph_g2", "ph_other", t, "imei_gang", day),
                RowFactory.create("X:4", "ph_v", "ph_s", t, "imei_v", day)));
        write(spark, lake.silver(Silver.INCIDENTS), INCIDENTS, List.<Row>of(RowFactory.create("J1",
                at("2026-11-06T01:00:00Z"), at("2026-11-05T01:50:00Z"), List.of("acc_victim"), List.of("acc_mule1"),
                Date.valueOf("2026-11-06"))));
        write(spark, lake.silver(Silver.CASE_LABELS), LABELS, List.of(
                RowFactory.create("PHONE", "ph_g1", "FRAUD_PHONE", at("2026-11-06T05:00:00Z"), Date.valueOf(D)),
                RowFactory.create("ACCOUNT", "acc_mule2", "MONEY_MULE", at("2026-11-08T05:00:00Z"),
                        Date.valueOf("2026-11-08"))));
    }

    private static void write(SparkSession spark, String path, StructType schema, List<Row> rows) {
        DeltaIO.overwrite(spark.createDataFrame(rows, schema), path);
    }

    private static List<String> rows(SparkSession spark, Lake lake, String table) {
        Dataset<Row> t = DeltaIO.read(spark, lake.gold(table));
        List<String> out = new ArrayList<>();
        t.orderBy(java.util.Arrays.stream(t.columns()).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList().forEach(r -> out.add(r.toString()));
        return out;
    }

    @Test
    void tracesTheVictimsMoneyScoresTheGangAndIsIdempotent(SparkSession spark, @TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        lake(spark, lake);
        GraphJob job = new GraphJob(lake, line -> { });
        Map<String, Long> first = job.run(spark, D);
        assertEquals(GraphTables.ALL, List.copyOf(first.keySet()));
        List<List<String>> before = GraphTables.ALL.stream().map(t -> rows(spark, lake, t)).toList();

        List<Row> traces = DeltaIO.read(spark, lake.gold(GraphTables.FUND_TRACES)).orderBy(FundTraces.HOP)
                .collectAsList();
        assertEquals(2, traces.size(), traces.toString());
        Row mule1 = traces.get(0);
        assertEquals(SourceKind.VICTIM_REPORT, mule1.getAs(FundTraces.SOURCE_KIND));
        assertEquals("J1", mule1.getAs(FundTraces.SOURCE_REF));
        assertEquals(new BigDecimal("200.00"), mule1.getAs(FundTraces.AMOUNT_HELD));
        Row mule2 = traces.get(1);
        assertEquals("acc_mule2", mule2.getAs(FundTraces.ACCOUNT_ID));
        assertEquals("C", mule2.getAs(FundTraces.BANK));
        assertEquals(new BigDecimal("1800.00"), mule2.getAs(FundTraces.AMOUNT_HELD), "the later withdrawal is after D");
        assertEquals(new BigDecimal("3000.00"), mule2.getAs(FundTraces.AMOUNT_CASHED_OUT));

        Row account = DeltaIO.read(spark, lake.gold(GraphTables.GRAPH_ACCOUNT_DAILY))
                .filter(col(GraphAccountDaily.ACCOUNT_ID).equalTo("acc_mule2")).first();
        assertEquals(new BigDecimal("1800.00"), account.getAs(GraphAccountDaily.TRACED_HELD_AMOUNT));
        assertEquals(0, account.<Integer>getAs(EntityGraph.LABELLED), "its label comes after D");
        Map<String, Row> phones = new java.util.HashMap<>();
        DeltaIO.read(spark, lake.gold(GraphTables.GRAPH_PHONE_DAILY)).collectAsList()
                .forEach(r -> phones.put(r.getAs(GraphPhoneDaily.PHONE), r));
        Row g2 = phones.get("ph_g2");
        assertEquals(1L, g2.<Long>getAs(GraphPhoneDaily.HANDSET_PEERS));
        assertEquals(1L, g2.<Long>getAs(EntityGraph.COMMUNITY_LABELLED));
        assertEquals(phones.get("ph_g1").<String>getAs(EntityGraph.COMMUNITY_ID), g2.getAs(EntityGraph.COMMUNITY_ID));
        Row g1 = phones.get("ph_g1");
        assertEquals(1, g1.<Integer>getAs(EntityGraph.LABELLED));
        assertEquals(0L, g1.<Long>getAs(EntityGraph.COMMUNITY_LABELLED),
                "its own label never counts in its own community's figures");
        assertEquals(0.0, g1.<Double>getAs(EntityGraph.COMMUNITY_SCORE), 1e-9);
        assertTrue(g2.<Double>getAs(EntityGraph.PPR_SCORE) > phones.get("ph_other").<Double>getAs(EntityGraph.PPR_SCORE));

        Map<String, Long> second = job.run(spark, D);
        assertEquals(first, second);
        assertEquals(before, GraphTables.ALL.stream().map(t -> rows(spark, lake, t)).toList());
    }
}

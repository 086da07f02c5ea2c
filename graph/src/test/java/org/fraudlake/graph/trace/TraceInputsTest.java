package org.fraudlake.graph.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.GraphTables.ExitKind;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables.SourceKind;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class TraceInputsTest {
    private static final StructType TRANSACTIONS = StructType.fromDDL("txn_key STRING, account_id STRING, "
            + "direction STRING, amount DECIMAL(18,2), txn_time TIMESTAMP, counterparty_account_id STRING, "
            + "channel STRING");
    private static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, "
            + "occurred_at TIMESTAMP, victim_accounts ARRAY<STRING>, suspect_accounts ARRAY<STRING>");
    private static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING");
    private static final StructType LABELLED = StructType.fromDDL("account_id STRING, counterparty_risk BOOLEAN, "
            + "fraud_or_mule BOOLEAN");

    private final SparkSession spark;

    TraceInputsTest(SparkSession spark) {
        this.spark = spark;
    }

    private static Row txn(String key, String account, String dir, String amount, String time, String counterparty,
                           String channel) {
        return RowFactory.create(key, account, dir, new BigDecimal(amount), Timestamp.from(Instant.parse(time)),
                counterparty, channel);
    }

    private Dataset<Row> transactions() {
        return spark.createDataFrame(List.of(
                txn("A:1", "acc_v", "OUT", "900.00", "2026-11-05T02:00:00Z", "acc_m", "MOBILE"),
                txn("B:1", "acc_m", "IN", "900.00", "2026-11-05T02:00:00Z", "acc_v", "MOBILE"),
                txn("B:2", "acc_m", "IN", "300.00", "2026-11-05T03:00:00Z", "acc_ext_victim", "MOBILE"),
                txn("A:0", "acc_v", "OUT", "50.00", "2026-11-01T02:00:00Z", "acc_m", "MOBILE"),
                txn("A:2", "acc_v", "OUT", "70.00", "2026-11-05T02:30:00Z", "acc_shop", "POS"),
                txn("B:3", "acc_m", "IN", "40.00", "2026-11-05T04:00:00Z", "acc_mule0", "MOBILE"),
                txn("B:4", "acc_m", "OUT", "500.00", "2026-11-05T05:00:00Z", "acc_out", "ONLINE"),
                txn("B:5", "acc_m", "OUT", "100.00", "2026-11-05T05:00:00Z", null, "ATM")), TRANSACTIONS);
    }

    @Test
    void victimTransfersAreFoundFromEitherBookingOncePerTransfer() {
        Dataset<Row> incidents = spark.createDataFrame(List.<Row>of(RowFactory.create("J1",
                Timestamp.from(Instant.parse("2026-11-06T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-11-05T01:30:00Z")),
                List.of("acc_v", "acc_ext_victim"), List.of("acc_m"))), INCIDENTS);
        Map<String, Row> byKey = new HashMap<>();
        TraceInputs.victimSources(incidents, transactions()).collectAsList()
                .forEach(r -> byKey.put(r.getAs(TraceInputs.SOURCE_TXN_KEY), r));
        assertEquals(java.util.Set.of("A:1", "B:2"), byKey.keySet(), "the OUT booking stands for a transfer booked twice");
        Row first = byKey.get("A:1");
        assertEquals(SourceKind.VICTIM_REPORT, first.getAs(FundTraces.SOURCE_KIND));
        assertEquals("J1", first.getAs(FundTraces.SOURCE_REF));
        assertEquals("acc_m", first.getAs(FundTraces.SOURCE_TO_ACCOUNT));
        assertEquals(((String) first.getAs(FundTraces.TRACE_ID)).length(), 27);
    }

    @Test
    void labelledInflowsSkipLabelledSendersAndOutflowsClassifyExits() {
        Dataset<Row> labelled = spark.createDataFrame(List.of(RowFactory.create("acc_m", true, true),
                RowFactory.create("acc_mule0", true, true)), LABELLED);
        List<Row> sources = TraceInputs.labelledSources(transactions(), labelled).collectAsList();
        assertEquals(2, sources.size(), "from acc_v and the outside victim, not from the labelled acc_mule0");
        Dataset<Row> partners = spark.createDataFrame(List.of(RowFactory.create("acc_v"), RowFactory.create("acc_m"),
                RowFactory.create("acc_shop")), ACCOUNTS);
        Map<String, String> exits = new HashMap<>();
        TraceInputs.outflows(transactions(), partners).collectAsList()
                .forEach(r -> exits.put(r.getAs(FundTracer.TXN_KEY), r.getAs(FundTracer.EXIT)));
        assertEquals(ExitKind.OUTSIDE_BANK, exits.get("B:4"));
        assertEquals(ExitKind.ATM, exits.get("B:5"));
        assertEquals(null, exits.get("A:2"));
        assertEquals(5, exits.size());
    }
}

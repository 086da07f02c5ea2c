package org.fraudlake.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.graph.trace.TraceInputs;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Graph inputs the contract leaves empty must not silently drop what they feed (issue 15, point 4). */
@ExtendWith(SparkTestExtension.class)
class NullSafetyTest {
    private static final StructType TRANSACTIONS = StructType.fromDDL("txn_key STRING, account_id STRING, "
            + "direction STRING, amount DECIMAL(18,2), txn_time TIMESTAMP, counterparty_account_id STRING, "
            + "channel STRING");
    private static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, "
            + "occurred_at TIMESTAMP, victim_accounts ARRAY<STRING>, suspect_accounts ARRAY<STRING>");

    private final SparkSession spark;

    NullSafetyTest(SparkSession spark) {
        this.spark = spark;
    }

    private static Timestamp at(String time) {
        return Timestamp.from(Instant.parse(time));
    }

    @Test
    void aReportWithoutOccurredAtStillSeedsItsVictimTransfer() {
        var transactions = spark.createDataFrame(List.of(
                RowFactory.create("A:1", "acc_v", "OUT", new BigDecimal("900.00"), at("2026-11-05T02:00:00Z"), "acc_m",
                        "MOBILE"),
                RowFactory.create("A:2", "acc_v", "OUT", new BigDecimal("80.00"), at("2026-11-01T02:00:00Z"), "acc_m",
                        "MOBILE")), TRANSACTIONS);
        var incidents = spark.createDataFrame(List.<Row>of(RowFactory.create("J1", at("2026-11-05T09:00:00Z"), null,
                List.of("acc_v"), List.of("acc_m"))), INCIDENTS);
        List<Row> sources = TraceInputs.victimSources(incidents, transactions).collectAsList();
        assertEquals(1, sources.size(), "the transfer within a day before the report, not the one days earlier");
        Row source = sources.get(0);
        assertEquals("J1", source.getAs(FundTraces.SOURCE_REF));
        assertEquals(0, new BigDecimal("900.00").compareTo(source.getAs(FundTraces.SOURCE_AMOUNT)));
    }
}

package org.fraudlake.graph.trace;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.GraphTables.ExitKind;
import org.fraudlake.schemas.tables.GraphTables.FundTraceFlows;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class FundTracerTest {
    private static final StructType OUTFLOWS = StructType.fromDDL("txn_key STRING, from_account STRING, "
            + "to_account STRING, txn_time TIMESTAMP, amount DECIMAL(18,2), channel STRING, exit_kind STRING");
    private static final StructType PARCELS = StructType.fromDDL(
            "trace_id STRING, account_id STRING, amount DECIMAL(18,2), arrived_at TIMESTAMP, via STRING");
    private static final StructType USED = StructType.fromDDL("txn_key STRING, used DECIMAL(28,2)");

    private final SparkSession spark;

    FundTracerTest(SparkSession spark) {
        this.spark = spark;
    }

    private static Timestamp at(String hhmm) {
        return Timestamp.from(Instant.parse("2026-11-05T" + hhmm + ":00Z"));
    }

    private static Row out(String key, String from, String to, String hhmm, String amount, String exit) {
        return RowFactory.create(key, from, to, at(hhmm), new BigDecimal(amount), exit == null ? "MOBILE" : exit,
                exit);
    }

    private static Row parcel(String trace, String account, String amount, String hhmm) {
        return RowFactory.create(trace, account, new BigDecimal(amount), at(hhmm), "src_" + trace);
    }

    private FundTracer.Result trace(List<Row> parcels, List<Row> outflows, int hops) {
        return FundTracer.trace(spark.createDataFrame(parcels, PARCELS), spark.createDataFrame(outflows, OUTFLOWS),
                spark.createDataFrame(List.of(), USED), hops, Dataset::localCheckpoint);
    }

    /** trace|hop|account to the row. */
    private static Map<String, Row> accounts(FundTracer.Result r) {
        Map<String, Row> m = new HashMap<>();
        for (Row row : r.accounts().collectAsList()) {
            m.put(row.getAs(FundTraces.TRACE_ID) + "|" + row.getAs(FundTraces.HOP) + "|"
                    + row.getAs(FundTraces.ACCOUNT_ID), row);
        }
        return m;
    }

    private static BigDecimal amount(Row row, String column) {
        return row.getAs(column);
    }

    /**
     * Every row: in = held + passed on + cashed out. Every trace: its source amount = held everywhere + money
     * that left the traced graph (cash-outs and hop-limit exits); what a hop passes on is what the next receives.
     */
    private static void assertConserved(FundTracer.Result r, Map<String, BigDecimal> sources, int hops) {
        Map<String, BigDecimal> accounted = new HashMap<>();
        Map<String, BigDecimal> passed = new HashMap<>();
        Map<String, BigDecimal> received = new HashMap<>();
        for (Row row : r.accounts().collectAsList()) {
            BigDecimal in = amount(row, FundTraces.AMOUNT_IN);
            BigDecimal held = amount(row, FundTraces.AMOUNT_HELD);
            assertEquals(in, held.add(amount(row, FundTraces.AMOUNT_PASSED_ON))
                    .add(amount(row, FundTraces.AMOUNT_CASHED_OUT)), row.toString());
            assertTrue(held.signum() >= 0, row.toString());
            String trace = row.getAs(FundTraces.TRACE_ID);
            int hop = row.getAs(FundTraces.HOP);
            accounted.merge(trace, held, BigDecimal::add);
            received.merge(trace + "|" + hop, in, BigDecimal::add);
            if (hop < hops) {
                passed.merge(trace + "|" + (hop + 1), amount(row, FundTraces.AMOUNT_PASSED_ON), BigDecimal::add);
            }
        }
        for (Row row : r.flows().collectAsList()) {
            if (row.getAs(FundTraceFlows.EXIT_KIND) != null) {
                accounted.merge(row.getAs(FundTraces.TRACE_ID), amount(row, FundTraceFlows.AMOUNT), BigDecimal::add);
            }
        }
        sources.forEach((trace, amount) -> assertEquals(0, amount.compareTo(accounted.get(trace)), trace));
        passed.forEach((key, amount) -> assertEquals(0, amount.compareTo(received.getOrDefault(key, BigDecimal.ZERO)),
                key));
    }

    @Test
    void splitsAcrossOutflowsAndConservesMoney() {
        FundTracer.Result r = trace(List.of(parcel("t1", "mule", "1000.00", "10:00")), List.of(
                out("o1", "mule", "a", "10:05", "600.00", null),
                out("o2", "mule", "b", "10:06", "400.00", null),
                out("o3", "b", null, "11:00", "400.00", ExitKind.ATM),
                out("o4", "a", "ext", "12:00", "250.00", ExitKind.OUTSIDE_BANK)), 4);
        Map<String, Row> m = accounts(r);
        assertEquals(Set.of("t1|1|mule", "t1|2|a", "t1|2|b"), m.keySet());
        Row mule = m.get("t1|1|mule");
        assertEquals(new BigDecimal("0.00"), amount(mule, FundTraces.AMOUNT_HELD));
        assertEquals(new BigDecimal("1000.00"), amount(mule, FundTraces.AMOUNT_PASSED_ON));
        assertNull(mule.getAs(FundTraces.HELD_SINCE));
        Row a = m.get("t1|2|a");
        assertEquals(new BigDecimal("600.00"), amount(a, FundTraces.AMOUNT_IN));
        assertEquals(new BigDecimal("350.00"), amount(a, FundTraces.AMOUNT_HELD));
        assertEquals(new BigDecimal("250.00"), amount(a, FundTraces.AMOUNT_CASHED_OUT));
        assertEquals(at("10:05"), a.getAs(FundTraces.HELD_SINCE));
        Row b = m.get("t1|2|b");
        assertEquals(new BigDecimal("400.00"), amount(b, FundTraces.AMOUNT_CASHED_OUT));
        List<Row> atm = r.flows().filter(col(FundTraceFlows.EXIT_KIND).equalTo(ExitKind.ATM)).collectAsList();
        assertEquals(1, atm.size());
        assertTrue(atm.get(0).<Boolean>getAs(FundTraceFlows.CASH_OUT));
        assertConserved(r, Map.of("t1", new BigDecimal("1000.00")), 4);
    }

    @Test
    void moneyArrivingAfterAnOutflowIsNotCarriedByIt() {
        FundTracer.Result r = trace(List.of(parcel("t1", "mule", "1000.00", "10:00")), List.of(
                out("before", "mule", "x", "09:00", "500.00", null),
                out("same_second", "mule", "y", "10:00", "300.00", null),
                out("after", "mule", "z", "11:00", "200.00", null)), 4);
        Map<String, Row> m = accounts(r);
        assertEquals(Set.of("t1|1|mule", "t1|2|z"), m.keySet());
        assertEquals(new BigDecimal("800.00"), amount(m.get("t1|1|mule"), FundTraces.AMOUNT_HELD));
        assertEquals(at("10:00"), m.get("t1|1|mule").getAs(FundTraces.HELD_SINCE));
        assertConserved(r, Map.of("t1", new BigDecimal("1000.00")), 4);
    }

    @Test
    void aCycleDoesNotSendTheSameMoneyRoundTwice() {
        List<Row> outflows = List.of(
                out("ab", "a", "b", "10:01", "100.00", null),
                out("bc", "b", "c", "10:02", "100.00", null),
                out("ca", "c", "a", "10:03", "100.00", null),
                out("ad", "a", "d", "10:04", "100.00", null));
        FundTracer.Result four = trace(List.of(parcel("t1", "a", "100.00", "10:00")), outflows, 4);
        Map<String, Row> m = accounts(four);
        assertEquals(Set.of("t1|1|a", "t1|2|b", "t1|3|c", "t1|4|a"), m.keySet());
        List<Row> limit = four.flows().filter(col(FundTraceFlows.EXIT_KIND).equalTo(ExitKind.HOP_LIMIT))
                .collectAsList();
        assertEquals(1, limit.size());
        assertEquals("ad", limit.get(0).getAs(FundTraceFlows.TXN_KEY));
        assertFalse(limit.get(0).<Boolean>getAs(FundTraceFlows.CASH_OUT));
        assertConserved(four, Map.of("t1", new BigDecimal("100.00")), 4);
        assertEquals(List.of(new BigDecimal("100.00")), four.used().filter(col(FundTracer.TXN_KEY).equalTo("ab"))
                .select(FundTracer.USED).as(Encoders.DECIMAL()).collectAsList());

        FundTracer.Result five = trace(List.of(parcel("t1", "a", "100.00", "10:00")), outflows, 5);
        assertEquals(new BigDecimal("100.00"), amount(accounts(five).get("t1|5|d"), FundTraces.AMOUNT_HELD));
        assertConserved(five, Map.of("t1", new BigDecimal("100.00")), 5);
    }

    @Test
    void stopsAtTheHopLimit() {
        List<Row> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chain.add(out("c" + i, "n" + i, "n" + (i + 1), "10:0" + (i + 1), "70.00", null));
        }
        FundTracer.Result r = trace(List.of(parcel("t1", "n0", "100.00", "10:00")), chain, 2);
        Map<String, Row> m = accounts(r);
        assertEquals(Set.of("t1|1|n0", "t1|2|n1"), m.keySet());
        assertEquals(new BigDecimal("30.00"), amount(m.get("t1|1|n0"), FundTraces.AMOUNT_HELD));
        assertEquals(new BigDecimal("70.00"), amount(m.get("t1|2|n1"), FundTraces.AMOUNT_PASSED_ON));
        assertEquals(1L, r.flows().filter(col(FundTraceFlows.EXIT_KIND).equalTo(ExitKind.HOP_LIMIT)).count());
        assertConserved(r, Map.of("t1", new BigDecimal("100.00")), 2);
    }

    @Test
    void tracesShareAnOutflowOldestFirstWithoutExceedingIt() {
        FundTracer.Result r = trace(List.of(parcel("t1", "mule", "100.00", "10:00"),
                        parcel("t2", "mule", "100.00", "10:10")),
                List.of(out("o1", "mule", "ext", "10:20", "150.00", ExitKind.OUTSIDE_BANK)), 4);
        Map<String, Row> m = accounts(r);
        assertEquals(new BigDecimal("100.00"), amount(m.get("t1|1|mule"), FundTraces.AMOUNT_CASHED_OUT));
        assertEquals(new BigDecimal("50.00"), amount(m.get("t2|1|mule"), FundTraces.AMOUNT_CASHED_OUT));
        assertEquals(new BigDecimal("50.00"), amount(m.get("t2|1|mule"), FundTraces.AMOUNT_HELD));
        assertConserved(r, Map.of("t1", new BigDecimal("100.00"), "t2", new BigDecimal("100.00")), 4);
    }

    @Test
    void capacityUsedByAnEarlierCallIsNotTracedAgain() {
        Dataset<Row> used = spark.createDataFrame(List.of(RowFactory.create("o1", new BigDecimal("60.00"))), USED);
        FundTracer.Result r = FundTracer.trace(
                spark.createDataFrame(List.of(parcel("t1", "mule", "100.00", "10:00")), PARCELS),
                spark.createDataFrame(List.of(out("o1", "mule", "x", "10:20", "100.00", null)), OUTFLOWS),
                used, 1, Dataset::localCheckpoint);
        Row mule = accounts(r).get("t1|1|mule");
        assertEquals(new BigDecimal("40.00"), amount(mule, FundTraces.AMOUNT_PASSED_ON));
        assertEquals(new BigDecimal("60.00"), amount(mule, FundTraces.AMOUNT_HELD));
    }
}

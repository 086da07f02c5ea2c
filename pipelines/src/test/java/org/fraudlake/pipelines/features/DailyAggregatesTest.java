package org.fraudlake.pipelines.features;

import static org.fraudlake.pipelines.features.Fixtures.date;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.fraudlake.pipelines.features.Fixtures.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Gold.AggAccountDaily;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold.AggPhoneDaily;
import org.fraudlake.schemas.tables.Gold.AccountLastActive;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class DailyAggregatesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);

    private static Dataset<Row> lastActive(SparkSession spark, Row... rows) {
        return frame(spark, Fixtures.LAST_ACTIVE, List.of(rows));
    }

    private static double amount(Row row, String column) {
        return row.<BigDecimal>getAs(column).doubleValue();
    }

    @Test
    void passThroughCountsOutflowCoveredByInflowOfTheHourOrDayBefore(SparkSession spark) {
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_mule", "IN", "1000", "2026-11-27T10:00", "acc_v1"),
                txn("acc_mule", "OUT", "900", "2026-11-27T10:20", "acc_x"),
                txn("acc_mule", "IN", "2000", "2026-11-27T12:00", "acc_v2"),
                txn("acc_mule", "OUT", "1800", "2026-11-27T12:30", "acc_x"),
                txn("acc_mule", "IN", "500", "2026-11-27T15:00", "acc_v3"),
                txn("acc_mule", "OUT", "450", "2026-11-27T15:10", "acc_x"),
                // Two outflows after one inflow: the second only gets what the first left.
                txn("acc_split", "IN", "1000", "2026-11-27T09:00", "acc_v4"),
                txn("acc_split", "OUT", "600", "2026-11-27T09:10", "acc_y"),
                txn("acc_split", "OUT", "600", "2026-11-27T09:20", "acc_y"),
                // Inflow late on D-1 passed on early on D: within 24 hours, not within one.
                txn("acc_night", "IN", "3000", "2026-11-26T21:00", "acc_v5"),
                txn("acc_night", "OUT", "3000", "2026-11-27T07:00", "acc_z")));
        Map<String, Row> daily = byKey(DailyAggregates.accountDaily(txns, lastActive(spark), D, D),
                AggAccountDaily.ACCOUNT_ID);
        assertEquals(Set.of("acc_mule", "acc_split", "acc_night"), daily.keySet());
        Row mule = daily.get("acc_mule");
        assertEquals(3500.0, amount(mule, AggAccountDaily.IN_AMT));
        assertEquals(3150.0, amount(mule, AggAccountDaily.PASS_THROUGH_1H_AMT));
        Row split = daily.get("acc_split");
        assertEquals(1000.0, amount(split, AggAccountDaily.PASS_THROUGH_1H_AMT));
        Row night = daily.get("acc_night");
        assertEquals(0L, night.<Long>getAs(AggAccountDaily.IN_CNT), "D-1 rows feed the window, not the day");
        assertEquals(0.0, amount(night, AggAccountDaily.PASS_THROUGH_1H_AMT));
        assertEquals(3000.0, amount(night, AggAccountDaily.PASS_THROUGH_24H_AMT));
    }

    @Test
    void countsUseCityTimeAndAmountPatterns(SparkSession spark) {
        LocalDate saturday = LocalDate.of(2026, 11, 28);
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                // 01:30 city time is 17:30 UTC the day before: still night, still Saturday in the city.
                txn("acc_a", "OUT", "9500", "2026-11-28T01:30", "acc_x", "MOBILE", "dev2", "10.0.0.1", "500"),
                txn("acc_a", "OUT", "3000", "2026-11-28T06:30", "acc_x", "ATM", "dev1", null, "200"),
                txn("acc_a", "IN", "49000", "2026-11-28T23:59", null, "COUNTER", "dev2", "10.0.0.1", null),
                txn("acc_a", "OUT", "120.50", "2026-11-28T12:00", "acc_x", "THIRD_PARTY", null, null, "-50")));
        Row a = DailyAggregates.accountDaily(txns, lastActive(spark), saturday, saturday).first();
        assertEquals(1L, a.<Long>getAs(AggAccountDaily.NIGHT_CNT));
        assertEquals(4L, a.<Long>getAs(AggAccountDaily.WEEKEND_CNT));
        assertEquals(3L, a.<Long>getAs(AggAccountDaily.ROUND_100_CNT));
        assertEquals(2L, a.<Long>getAs(AggAccountDaily.ROUND_1000_CNT));
        assertEquals(2L, a.<Long>getAs(AggAccountDaily.BELOW_THRESHOLD_CNT));
        assertEquals(3000.0, amount(a, AggAccountDaily.OUT_ATM_AMT));
        assertEquals(120.5, amount(a, AggAccountDaily.OUT_THIRD_PARTY_AMT));
        assertEquals(-50.0, amount(a, AggAccountDaily.LAST_BALANCE), "latest booking with a balance");
        assertEquals(List.of("dev1", "dev2"), a.getList(a.fieldIndex(AggAccountDaily.DEVICES)));
        assertEquals(List.of("10.0.0.1"), a.getList(a.fieldIndex(AggAccountDaily.IPS)));
        assertEquals(49000.0, amount(a, AggAccountDaily.MAX_IN_AMT));
        // another city's lines: 3,000 is just under its 3,200 line; 9,500 and 49,000 are under none of them
        ReportingLines city = new ReportingLines(new java.math.BigDecimal("20000"), new java.math.BigDecimal("3200"),
                List.of(new java.math.BigDecimal("3200")), new java.math.BigDecimal("0.9"), new java.math.BigDecimal("0.98"));
        Row b = DailyAggregates.accountDaily(txns, lastActive(spark), saturday, saturday, city).first();
        assertEquals(1L, b.<Long>getAs(AggAccountDaily.BELOW_THRESHOLD_CNT));
    }

    @Test
    void previousActiveDateComesFromTheRangeOrTheEarlierSnapshot(SparkSession spark) {
        LocalDate first = D.minusDays(2);
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_a", "IN", "10", "2026-11-25T10:00", "acc_x"),
                txn("acc_a", "IN", "10", "2026-11-27T10:00", "acc_x"),
                txn("acc_b", "IN", "10", "2026-11-26T10:00", "acc_x"),
                txn("acc_c", "IN", "10", "2026-11-27T10:00", "acc_x")));
        Dataset<Row> before = lastActive(spark, RowFactory.create("acc_a", date(LocalDate.of(2026, 8, 1))),
                RowFactory.create("acc_old", date(LocalDate.of(2026, 9, 1))));
        Dataset<Row> daily = DailyAggregates.accountDaily(txns, before, first, D).persist();
        Map<String, Row> rows = byKey(daily, AggAccountDaily.ACCOUNT_ID, Gold.BUSINESS_DATE);
        assertEquals(date(LocalDate.of(2026, 8, 1)), prevActive(rows, "acc_a", first));
        assertEquals(date(first), prevActive(rows, "acc_a", D));
        assertEquals(null, prevActive(rows, "acc_b", D.minusDays(1)));
        assertEquals(null, prevActive(rows, "acc_c", D));

        Map<String, Row> state = byKey(DailyAggregates.lastActive(before, daily, D), AccountLastActive.ACCOUNT_ID);
        assertEquals(Set.of("acc_a", "acc_b", "acc_c", "acc_old"), state.keySet());
        assertEquals(date(D), state.get("acc_a").getAs(AccountLastActive.LAST_ACTIVE_DATE));
        assertEquals(date(LocalDate.of(2026, 9, 1)), state.get("acc_old").getAs(AccountLastActive.LAST_ACTIVE_DATE));
        daily.unpersist();
    }

    private static java.sql.Date prevActive(Map<String, Row> rows, String account, LocalDate day) {
        return rows.get(account + "|" + day).getAs(AggAccountDaily.PREV_ACTIVE_DATE);
    }

    @Test
    void phoneAggregatesCountEachCallOnBothSides(SparkSession spark) {
        Dataset<Row> calls = frame(spark, Fixtures.CALLS, rows(
                Fixtures.call("ph_f", "ph_v", "2026-11-27T10:00", 0, "VOICE", "imei_1", true),
                Fixtures.call("ph_f", "ph_v", "2026-11-27T10:05", 12, "VOICE", "imei_2", true),
                Fixtures.call("ph_f", "ph_w", "2026-11-27T10:10", 0, "SMS", "imei_1", false),
                voice("ph_v", "ph_f", "2026-11-27T11:00", 300)));
        Map<String, Row> phones = byKey(DailyAggregates.phoneDaily(calls, D, D), AggPhoneDaily.PHONE);
        Row f = phones.get("ph_f");
        assertEquals(3L, f.<Long>getAs(AggPhoneDaily.OUT_CNT));
        assertEquals(2L, f.<Long>getAs(AggPhoneDaily.OUT_SHORT_CNT));
        assertEquals(1L, f.<Long>getAs(AggPhoneDaily.OUT_UNANSWERED_CNT));
        assertEquals(1L, f.<Long>getAs(AggPhoneDaily.OUT_SMS_CNT));
        assertEquals(2L, f.<Long>getAs(AggPhoneDaily.OUT_INTL_CNT));
        assertEquals(1L, f.<Long>getAs(AggPhoneDaily.IN_CNT));
        assertEquals(List.of("imei_1", "imei_2"), f.getList(f.fieldIndex(AggPhoneDaily.IMEIS)));
        Row v = phones.get("ph_v");
        assertEquals(2L, v.<Long>getAs(AggPhoneDaily.IN_INTL_CNT));
        assertEquals(300L, v.<Long>getAs(AggPhoneDaily.OUT_DURATION_S));

        Map<String, Row> pairs = byKey(DailyAggregates.phoneContactDaily(calls, D, D), AggPhoneContactDaily.CALLER,
                AggPhoneContactDaily.CALLEE);
        assertEquals(Set.of("ph_f|ph_v", "ph_f|ph_w", "ph_v|ph_f"), pairs.keySet());
        Row fv = pairs.get("ph_f|ph_v");
        assertEquals(2L, fv.<Long>getAs(AggPhoneContactDaily.CNT));
        assertEquals(Fixtures.at("2026-11-27T10:00"), fv.getAs(AggPhoneContactDaily.FIRST_TIME));
    }
}

package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.empty;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.label;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.fraudlake.testkit.DatasetAssertions.assertDatasetEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class AccountFeaturesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);

    /** Aggregates every day of {@code txns} and computes the features as of {@code asOf}. */
    private static Dataset<Row> features(SparkSession spark, AsOf asOf, Dataset<Row> txns, Dataset<Row> accounts,
                                         Dataset<Row> labels) {
        return features(spark, asOf, txns, accounts, labels, asOf.date().minusDays(60));
    }

    private static Dataset<Row> features(SparkSession spark, AsOf asOf, Dataset<Row> txns, Dataset<Row> accounts,
                                         Dataset<Row> labels, LocalDate first) {
        Dataset<Row> none = empty(spark, Fixtures.LAST_ACTIVE);
        Dataset<Row> daily = DailyAggregates.accountDaily(txns, none, first, asOf.date());
        return AccountFeatures.compute(asOf, AccountFeatures.totals(asOf, daily), daily,
                CounterpartyPairs.of(asOf, DailyAggregates.accountCounterpartyDaily(txns, first, asOf.date())),
                StateAsOf.accounts(accounts, asOf), StateAsOf.labeledAccounts(labels, asOf),
                empty(spark, Fixtures.CALL_PAYMENTS), first, SignalSettings.DEFAULTS);
    }

    @Test
    void infrastructureDevicesDoNotLinkHoldersAndDormancyStartsNoEarlierThanTheLake(SparkSession spark) {
        List<Row> accounts = new java.util.ArrayList<>();
        List<Row> txns = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            accounts.add(account("acc_" + i, "BANK_A", "id_h" + i, "PERSON", null, LocalDate.of(2015, 1, 1)));
            txns.add(txn("acc_" + i, "OUT", "100", "2026-11-27T09:00", "acc_x", "ATM", "atm_7", null, null));
        }
        txns.add(txn("acc_0", "OUT", "100", "2026-11-27T10:00", "acc_x", "MOBILE", "phone_a", null, null));
        txns.add(txn("acc_1", "OUT", "100", "2026-11-27T10:00", "acc_x", "MOBILE", "phone_a", null, null));
        LocalDate lakeStart = D.minusDays(5);
        Map<String, Row> rows = byKey(features(spark, AS_OF, frame(spark, Fixtures.TRANSACTIONS, txns),
                frame(spark, Fixtures.ACCOUNTS, accounts), empty(spark, Fixtures.CASE_LABELS), lakeStart),
                FeaturesAccount.ACCOUNT_ID);
        assertEquals(2L, rows.get("acc_0").<Long>getAs(FeaturesAccount.DEVICES_30D));
        assertEquals(1L, rows.get("acc_0").<Long>getAs(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D),
                "the handset shared with id_h1 counts, the ATM used by 12 holders does not");
        assertEquals(0L, rows.get("acc_5").<Long>getAs(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D));
        assertEquals(4, rows.get("acc_5").<Integer>getAs(FeaturesAccount.DORMANCY_DAYS),
                "opened in 2015, no activity on record since the lake began on D-5: idle 4 days, not 11 years");
    }

    @Test
    void passingOnNinetyPercentWithinTheHourGivesAPassThroughShareOfNinetyPercent(SparkSession spark) {
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_mule", "IN", "1000", "2026-11-25T10:00", "acc_v1"),
                txn("acc_mule", "OUT", "900", "2026-11-25T10:20", "acc_x"),
                txn("acc_mule", "IN", "2000", "2026-11-26T12:00", "acc_v2"),
                txn("acc_mule", "OUT", "1800", "2026-11-26T12:30", "acc_x"),
                txn("acc_mule", "IN", "500", "2026-11-27T15:00", "acc_v3"),
                txn("acc_mule", "OUT", "450", "2026-11-27T15:10", "acc_x")));
        Row mule = features(spark, AS_OF, txns, empty(spark, Fixtures.ACCOUNTS), empty(spark, Fixtures.CASE_LABELS))
                .first();
        assertEquals(0.9, mule.<Double>getAs(FeaturesAccount.PASS_THROUGH_1H_SHARE_30D), 1e-9);
        assertEquals(0.9, mule.<Double>getAs(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D), 1e-9);
        assertEquals(3L, mule.<Long>getAs(FeaturesAccount.IN_COUNTERPARTIES_30D));
        assertEquals(1L, mule.<Long>getAs(FeaturesAccount.OUT_COUNTERPARTIES_30D));
        assertEquals(500.0, mule.<Double>getAs(FeaturesAccount.IN_AMT_1D));
    }

    @Test
    void rollingSevenDaysFromDailyAggregatesEqualsADirectComputationOnRawRows(SparkSession spark) {
        Random random = new Random(7);
        List<Row> raw = new ArrayList<>();
        for (int day = 0; day < 12; day++) {
            LocalDate date = D.minusDays(day);
            for (int a = 0; a < 4; a++) {
                for (int k = 0; k <= random.nextInt(3); k++) {
                    String time = date + "T" + String.format("%02d:%02d", random.nextInt(24), random.nextInt(60));
                    raw.add(txn("acc_" + a, random.nextBoolean() ? "IN" : "OUT",
                            (1 + random.nextInt(5000)) + "." + random.nextInt(10) + "0", time, "acc_cp" + random.nextInt(6)));
                }
            }
        }
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, raw);
        Dataset<Row> fromAggregates = features(spark, AS_OF, txns, empty(spark, Fixtures.ACCOUNTS),
                empty(spark, Fixtures.CASE_LABELS));

        Column in = col(Transactions.DIRECTION).equalTo("IN");
        Column out = col(Transactions.DIRECTION).equalTo("OUT");
        Column amount = col(Transactions.AMOUNT);
        Dataset<Row> direct = txns.filter(AS_OF.within(7)).groupBy(Transactions.ACCOUNT_ID).agg(
                functions.sum(when(in, lit(1L)).otherwise(lit(0L))).as(FeaturesAccount.IN_CNT_7D),
                functions.coalesce(functions.sum(when(in, amount)), lit(0)).cast("double").as(FeaturesAccount.IN_AMT_7D),
                functions.sum(when(out, lit(1L)).otherwise(lit(0L))).as(FeaturesAccount.OUT_CNT_7D),
                functions.coalesce(functions.sum(when(out, amount)), lit(0)).cast("double").as(FeaturesAccount.OUT_AMT_7D),
                count_distinct(when(in, col(Transactions.COUNTERPARTY_ACCOUNT_ID))).cast("long")
                        .as(FeaturesAccount.IN_COUNTERPARTIES_7D),
                count_distinct(when(out, col(Transactions.COUNTERPARTY_ACCOUNT_ID))).cast("long")
                        .as(FeaturesAccount.OUT_COUNTERPARTIES_7D));
        String[] compared = {FeaturesAccount.ACCOUNT_ID, FeaturesAccount.IN_CNT_7D, FeaturesAccount.IN_AMT_7D,
                FeaturesAccount.OUT_CNT_7D, FeaturesAccount.OUT_AMT_7D, FeaturesAccount.IN_COUNTERPARTIES_7D,
                FeaturesAccount.OUT_COUNTERPARTIES_7D};
        assertEquals(4, direct.count());
        assertDatasetEquals(Fixtures.nullable(direct, compared), Fixtures.nullable(fromAggregates, compared));
    }

    @Test
    void aLabelConfirmedAfterTheDateDoesNotMakeACounterpartyRisky(SparkSession spark) {
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_a", "IN", "1000", "2026-11-20T10:00", "acc_mule"),
                txn("acc_a", "IN", "3000", "2026-11-21T10:00", "acc_fraud"),
                txn("acc_a", "IN", "4000", "2026-11-22T10:00", "acc_cleared"),
                txn("acc_a", "OUT", "2000", "2026-11-27T10:00", "acc_fraud")));
        Dataset<Row> labels = frame(spark, Fixtures.CASE_LABELS, rows(
                label("acc_mule", "MONEY_MULE", "2026-11-27T23:00"),
                label("acc_fraud", "FRAUD_ACCOUNT", "2026-11-28T00:30"),
                label("acc_cleared", "LAUNDERING", "2026-11-10T10:00"),
                label("acc_cleared", "CLEARED", "2026-11-25T10:00")));
        Dataset<Row> accounts = empty(spark, Fixtures.ACCOUNTS);

        Row onD = features(spark, AS_OF, txns, accounts, labels).first();
        assertEquals(1000.0 / 8000.0, onD.<Double>getAs(FeaturesAccount.IN_FROM_LABELED_SHARE_30D), 1e-12);
        assertEquals(0.0, onD.<Double>getAs(FeaturesAccount.OUT_TO_LABELED_SHARE_30D));
        Row dayAfter = features(spark, new AsOf(D.plusDays(1)), txns, accounts, labels).first();
        assertEquals(4000.0 / 8000.0, dayAfter.<Double>getAs(FeaturesAccount.IN_FROM_LABELED_SHARE_30D), 1e-12);
        assertEquals(1.0, dayAfter.<Double>getAs(FeaturesAccount.OUT_TO_LABELED_SHARE_30D));
    }

    @Test
    void devicesHoldersDormancyAndAgeFollowTheHolderAndTheCalendar(SparkSession spark) {
        Dataset<Row> accounts = frame(spark, Fixtures.ACCOUNTS, rows(
                account("acc_1", "BANK_A", "id_h1", "PERSON", LocalDate.of(1990, 6, 1), D.minusDays(3)),
                account("acc_2", "BANK_A", "id_h2", "PERSON", null, LocalDate.of(2020, 1, 1)),
                account("acc_3", "BANK_B", "id_h1", "PERSON", LocalDate.of(1990, 6, 1), D.minusDays(10)),
                account("acc_4", "BANK_A", "id_h3", "PERSON", null, LocalDate.of(2025, 1, 1)),
                account("acc_5", "BANK_B", "id_h4", "PERSON", null, D.minusDays(1)),
                account("acc_later", "BANK_B", "id_h4", "PERSON", null, D.plusDays(1))));
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_1", "OUT", "100", "2026-11-27T09:00", "acc_x", "MOBILE", "dev1", "ip1", null),
                txn("acc_2", "IN", "1000", "2026-11-07T09:00", "acc_x", "COUNTER", null, null, "1000"),
                txn("acc_2", "OUT", "900", "2026-11-25T09:00", "acc_y", "MOBILE", "dev1", null, "100"),
                txn("acc_2", "OUT", "10", "2026-11-26T09:00", "acc_y", "ONLINE", null, "ip1", null),
                txn("acc_3", "OUT", "100", "2026-11-27T09:30", "acc_x", "MOBILE", "dev1", null, null),
                txn("acc_4", "OUT", "100", "2026-10-23T09:00", "acc_x", "MOBILE", "dev1", "ip1", null)));
        Dataset<Row> features = features(spark, AS_OF, txns, accounts, empty(spark, Fixtures.CASE_LABELS));
        Map<String, Row> rows = byKey(features, FeaturesAccount.ACCOUNT_ID);
        assertEquals(Set.of("acc_1", "acc_2", "acc_3", "acc_5"), rows.keySet(), "acc_4 idle for 30 days, acc_later not open");

        Row a1 = rows.get("acc_1");
        assertEquals(1L, a1.<Long>getAs(FeaturesAccount.DEVICES_30D));
        assertEquals(1L, a1.<Long>getAs(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D), "id_h2 only: acc_3 is the same holder");
        assertEquals(1L, a1.<Long>getAs(FeaturesAccount.IP_OTHER_HOLDERS_30D));
        assertEquals(1L, a1.<Long>getAs(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_7D));
        assertEquals(2L, a1.<Long>getAs(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_30D));
        assertEquals(2L, a1.<Long>getAs(FeaturesAccount.HOLDER_BANKS_OPENED_30D));
        assertEquals(36, a1.<Integer>getAs(FeaturesAccount.HOLDER_AGE_YEARS));
        assertEquals(3, a1.<Integer>getAs(FeaturesAccount.ACCOUNT_AGE_DAYS));
        assertEquals(1, a1.<Integer>getAs(FeaturesAccount.IS_NEW_ACCOUNT));
        assertEquals(2, a1.<Integer>getAs(FeaturesAccount.DORMANCY_DAYS), "opened D-3, first booking on D");
        assertEquals("id_h1", a1.getAs(FeaturesAccount.HOLDER_ID));

        Row a2 = rows.get("acc_2");
        assertEquals(0, a2.<Integer>getAs(FeaturesAccount.DORMANCY_DAYS), "latest day D-1 follows D-2");
        assertEquals(0.1, a2.<Double>getAs(FeaturesAccount.BALANCE_LEFT_RATIO_30D), 1e-12);
        assertEquals(1L, a2.<Long>getAs(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D), "id_h1 (two accounts); id_h3 too old");
        assertEquals(3, a2.<Integer>getAs(FeaturesAccount.ACTIVE_DAYS_30D));
        assertEquals(0, a2.<Integer>getAs(FeaturesAccount.HOLDER_AGE_YEARS), "unknown birth date");

        Row a5 = rows.get("acc_5");
        assertEquals(1, a5.<Integer>getAs(FeaturesAccount.IS_NEW_ACCOUNT));
        assertEquals(0L, a5.<Long>getAs(FeaturesAccount.IN_CNT_30D));
        assertEquals(0.0, a5.<Double>getAs(FeaturesAccount.PASS_THROUGH_24H_SHARE_30D));
        assertEquals(1L, a5.<Long>getAs(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_7D), "acc_later is not open yet");

        List<String> expected = new ArrayList<>(List.of(FeaturesAccount.ACCOUNT_ID, FeaturesAccount.BANK,
                FeaturesAccount.HOLDER_ID));
        expected.addAll(FeaturesAccount.FEATURES);
        expected.add(Gold.BUSINESS_DATE);
        assertEquals(expected, List.of(features.columns()));
        for (StructField f : features.schema().fields()) {
            if (FeaturesAccount.FEATURES.contains(f.name())) {
                assertTrue(Set.of("bigint", "int", "double").contains(f.dataType().simpleString()), f.toString());
                for (Row r : rows.values()) {
                    assertTrue(!r.isNullAt(r.fieldIndex(f.name())), f.name() + " null for " + r);
                }
            }
        }
    }
}

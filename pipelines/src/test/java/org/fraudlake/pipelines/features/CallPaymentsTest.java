package org.fraudlake.pipelines.features;

import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.call;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.subscriber;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.fraudlake.pipelines.features.Fixtures.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggCallPaymentDaily;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class CallPaymentsTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);

    /** The look-alike city of {@link #paymentsToNewPayeesRightAfterAStrangersAnsweredCallAndNoLookAlike}. */
    private record City(Dataset<Row> txns, Dataset<Row> calls, Dataset<Row> accounts, Dataset<Row> subscribers,
                        Dataset<Row> counterparties, LocalDate first) {
        Dataset<Row> events(SignalSettings signals) {
            return CallPayments.of(AS_OF, txns, calls,
                    ContactPairs.of(AS_OF, DailyAggregates.phoneContactDaily(calls, first, D)), counterparties,
                    accounts, subscribers, Fixtures.empty(txns.sparkSession(), Fixtures.COMPANIES), signals);
        }
    }

    private static City city(SparkSession spark) {
        LocalDate old = LocalDate.of(2015, 1, 1);
        Dataset<Row> calls = frame(spark, Fixtures.CALLS, rows(
                voice("ph_f", "ph_v", "2026-11-27T09:00", 300),
                voice("ph_f", "ph_w", "2026-11-26T20:00", 600),
                call("ph_s", "ph_v", "2026-11-27T09:30", 0, "SMS", null, false),
                voice("ph_m", "ph_v", "2026-11-27T09:40", 0),
                voice("ph_e", "ph_fam", "2026-11-07T18:00", 120),
                voice("ph_fam", "ph_e", "2026-11-27T08:00", 600),
                voice("ph_f2", "ph_r", "2026-11-27T08:00", 200),
                voice("ph_f", "ph_late", "2026-11-27T12:00", 200),
                voice("ph_f", "ph_early", "2026-11-26T09:00", 200),
                voice("ph_f", "ph_y", "2026-11-27T09:00", 200),
                voice("ph_f", "ph_co", "2026-11-27T09:00", 200),
                voice("ph_son", "ph_g", "2026-11-06T19:00", 900),
                voice("ph_son", "ph_g", "2026-11-20T19:00", 900),
                voice("ph_son", "ph_g", "2026-11-27T08:00", 900)));
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_v", "OUT", "5000", "2026-11-27T10:00", "acc_mule"),
                txn("acc_w", "OUT", "4000", "2026-11-27T10:00", "acc_mule"),
                txn("acc_e", "OUT", "2000", "2026-11-27T09:00", "acc_shop"),
                txn("acc_r", "OUT", "3000", "2026-11-12T10:00", "acc_rent"),
                txn("acc_r", "OUT", "3000", "2026-11-27T10:00", "acc_rent"),
                txn("acc_late", "OUT", "3000", "2026-11-27T11:00", "acc_mule"),
                txn("acc_early", "OUT", "3000", "2026-11-27T10:00", "acc_mule"),
                txn("acc_y", "OUT", "500", "2026-11-27T10:00", "acc_mule"),
                txn("acc_co", "OUT", "9000", "2026-11-27T10:00", "acc_mule"),
                txn("acc_g", "OUT", "8000", "2026-11-27T09:00", "acc_son_new")));
        List<Row> accountRows = rows();
        List<Row> subscriberRows = rows();
        for (String who : List.of("v", "w", "e", "r", "late", "early", "y", "g")) {
            accountRows.add(account("acc_" + who, "BANK_A", "id_" + who, "PERSON", null, old));
            subscriberRows.add(subscriber("ph_" + who, "id_" + who, old, "POSTPAID"));
        }
        accountRows.add(account("acc_co", "BANK_A", "id_co", "COMPANY", null, old));
        accountRows.add(account("acc_mule", "BANK_B", "id_mule", "PERSON", null, D.minusDays(3)));
        subscriberRows.add(subscriber("ph_co", "id_co", old, "POSTPAID"));
        Dataset<Row> accounts = frame(spark, Fixtures.ACCOUNTS, accountRows);
        Dataset<Row> subscribers = frame(spark, Fixtures.SUBSCRIBERS, subscriberRows);
        LocalDate first = D.minusDays(40);
        Dataset<Row> counterparties = CounterpartyPairs.of(AS_OF,
                DailyAggregates.accountCounterpartyDaily(txns, first, D));
        return new City(txns, calls, accounts, subscribers, counterparties, first);
    }

    /**
     * Two victims pay the same new account after answered calls from the same stranger (one call the evening
     * before); every look-alike is left out: family who had been called back, a regular payee, an SMS, a missed
     * call, a call after the payment or more than 24 hours before it, a small payment, a company paying.
     */
    @Test
    void paymentsToNewPayeesRightAfterAStrangersAnsweredCallAndNoLookAlike(SparkSession spark) {
        City city = city(spark);
        Dataset<Row> events = city.events(SignalSettings.DEFAULTS);
        Dataset<Row> txns = city.txns();
        Dataset<Row> accounts = city.accounts();
        Dataset<Row> counterparties = city.counterparties();
        LocalDate first = city.first();

        Set<String> found = events.collectAsList().stream()
                .map(r -> r.getAs(AggCallPaymentDaily.CALLER) + ">" + r.getAs(AggCallPaymentDaily.PERSON_ID) + ">"
                        + r.getAs(AggCallPaymentDaily.PAYEE_ID))
                .collect(Collectors.toSet());
        assertEquals(Set.of("ph_f>id_v>acc_mule", "ph_f>id_w>acc_mule"), found,
                "the SMS, the missed call, the family call (ph_e had called ph_fam), the son who has called every week"
                        + " for three weeks, the regular rent, the call after the payment, the call 25 hours before,"
                        + " the payment under 1000, the company: none counts");

        Map<String, Row> callers = byKey(CallPayments.perCaller(AS_OF, events, "phone"), "phone");
        assertEquals(2L, callers.get("ph_f").<Long>getAs("_paid_new_7"));
        assertEquals(2L, callers.get("ph_f").<Long>getAs("_paid_new_30"));

        Dataset<Row> daily = DailyAggregates.accountDaily(txns, Fixtures.empty(spark, Fixtures.LAST_ACTIVE), first, D);
        Dataset<Row> features = AccountFeatures.compute(AS_OF, AccountFeatures.totals(AS_OF, daily), daily,
                counterparties, StateAsOf.accounts(accounts, AS_OF),
                StateAsOf.labeledAccounts(Fixtures.empty(spark, Fixtures.CASE_LABELS), AS_OF), events, first,
                SignalSettings.DEFAULTS);
        Map<String, Row> byAccount = byKey(features, FeaturesAccount.ACCOUNT_ID);
        Row mule = byAccount.get("acc_mule");
        assertEquals(2L, mule.<Long>getAs(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_7D));
        assertEquals(2L, mule.<Long>getAs(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_30D));
        assertEquals(1L, mule.<Long>getAs(FeaturesAccount.CALLERS_BEHIND_PAYERS_30D));
        assertEquals(null, byAccount.get("acc_shop"), "a shop outside the partner banks has no account row");
        assertEquals(0L, byAccount.get("acc_v").<Long>getAs(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_30D),
                "the payer is not the payee");
    }

    /**
     * The thresholds are the city's settings: with a payment minimum of 400 the payment of 500 counts, and with 30
     * familiar days the son who first called three weeks ago is still a stranger.
     */
    @Test
    void theMinimumPaymentAndTheFamiliarDaysAreSettings(SparkSession spark) {
        SignalSettings lenient = new SignalSettings(new java.math.BigDecimal("400"), 30, 30, 3, 10);
        Set<String> found = city(spark).events(lenient).collectAsList().stream()
                .map(r -> r.getAs(AggCallPaymentDaily.CALLER) + ">" + r.getAs(AggCallPaymentDaily.PERSON_ID))
                .collect(Collectors.toSet());
        assertEquals(Set.of("ph_f>id_v", "ph_f>id_w", "ph_f>id_y", "ph_son>id_g"), found);
    }

    /** An event of 10 days ago counts in 30 days, not in 7; one of 31 days ago in neither. */
    @Test
    void windowsCountDistinctPersonsByDay(SparkSession spark) {
        Dataset<Row> events = frame(spark, Fixtures.CALL_PAYMENTS, rows(
                event("id_a", "acc_m", "ph_f", D),
                event("id_a", "acc_m", "ph_f", D.minusDays(1)),
                event("id_b", "acc_m", "ph_g", D.minusDays(10)),
                event("id_c", "acc_m", "ph_f", D.minusDays(31))));
        Row m = byKey(CallPayments.perPayee(AS_OF, events, "acc"), "acc").get("acc_m");
        assertEquals(1L, m.<Long>getAs("_stranger_payers_7"));
        assertEquals(2L, m.<Long>getAs("_stranger_payers_30"));
        assertEquals(2L, m.<Long>getAs("_stranger_callers_30"));
        Row f = byKey(CallPayments.perCaller(AS_OF, events, "phone"), "phone").get("ph_f");
        assertEquals(1L, f.<Long>getAs("_paid_new_30"), "id_a twice is one person; id_c is 31 days old");
    }

    private static Row event(String person, String payee, String caller, LocalDate day) {
        java.sql.Timestamp t = Fixtures.at(day + "T10:00");
        return org.apache.spark.sql.RowFactory.create("BANK_A:" + person + day, person, "acc_" + person, payee,
                new java.math.BigDecimal("5000.00"), t, caller, "ph_" + person, t, 300, Fixtures.date(day));
    }
}

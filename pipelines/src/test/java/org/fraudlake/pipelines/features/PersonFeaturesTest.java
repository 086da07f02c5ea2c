package org.fraudlake.pipelines.features;

import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.company;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.subscriber;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.fraudlake.pipelines.features.Fixtures.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class PersonFeaturesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);

    @Test
    void aGroomedVictimPayingNewPayeesAfterCallsFromAnUnknownNumber(SparkSession spark) {
        Dataset<Row> calls = frame(spark, Fixtures.CALLS, rows(
                voice("ph_p", "ph_k", "2026-11-17T12:00", 60),
                voice("ph_f", "ph_p", "2026-11-24T15:00", 300),
                voice("ph_f", "ph_p", "2026-11-26T20:00", 600),
                voice("ph_f", "ph_p", "2026-11-27T09:00", 900),
                voice("ph_k", "ph_p", "2026-11-27T10:00", 100),
                voice("ph_f", "ph_p", "2026-11-27T10:30", 200),
                voice("ph_co", "ph_p", "2026-11-07T10:00", 30),
                voice("ph_o", "ph_k", "2026-11-25T10:00", 30),
                voice("ph_fam", "ph_p", "2026-11-01T18:00", 600),
                voice("ph_fam", "ph_p", "2026-11-08T18:00", 600),
                voice("ph_fam", "ph_p", "2026-11-15T18:00", 600),
                voice("ph_fam", "ph_p", "2026-11-22T18:00", 600),
                voice("ph_fam", "ph_p", "2026-11-27T10:45", 600),
                Fixtures.call("ph_sms", "ph_p", "2026-11-27T10:50", 0, "SMS", null, false),
                voice("ph_missed", "ph_p", "2026-11-27T10:55", 0)));
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_p1", "OUT", "200", "2026-11-17T10:00", "acc_q"),
                txn("acc_p2", "IN", "100", "2026-11-26T10:00", "acc_z"),
                txn("acc_p1", "OUT", "2000", "2026-11-27T08:00", "acc_s"),
                txn("acc_p1", "OUT", "5000", "2026-11-27T11:00", "acc_q"),
                txn("acc_p1", "OUT", "500", "2026-11-27T12:00", "acc_r"),
                txn("acc_co", "OUT", "9000", "2026-11-27T12:00", "acc_r")));
        Dataset<Row> accounts = frame(spark, Fixtures.ACCOUNTS, rows(
                account("acc_p1", "BANK_A", "id_p", "PERSON", LocalDate.of(1950, 3, 1), LocalDate.of(2020, 1, 1)),
                account("acc_p2", "BANK_B", "id_p", "PERSON", LocalDate.of(1950, 3, 1), D.minusDays(2)),
                account("acc_co", "BANK_B", "id_co", "COMPANY", null, LocalDate.of(2020, 1, 1))));
        Dataset<Row> subscribers = frame(spark, Fixtures.SUBSCRIBERS, rows(
                subscriber("ph_p", "id_p", LocalDate.of(2010, 1, 1), "POSTPAID"),
                subscriber("ph_o", "id_o", LocalDate.of(2010, 1, 1), "POSTPAID"),
                subscriber("ph_co", "id_co", LocalDate.of(2010, 1, 1), "POSTPAID")));
        Dataset<Row> companies = frame(spark, Fixtures.COMPANIES, rows(
                company("id_co", "id_r", "100000", LocalDate.of(2019, 1, 1), "ph_co")));
        LocalDate first = D.minusDays(40);

        Dataset<Row> daily = DailyAggregates.accountDaily(txns, Fixtures.empty(spark, Fixtures.LAST_ACTIVE), first, D);
        Dataset<Row> counterparties = CounterpartyPairs.of(AS_OF, DailyAggregates.accountCounterpartyDaily(txns, first, D));
        Dataset<Row> pairs = ContactPairs.of(AS_OF, DailyAggregates.phoneContactDaily(calls, first, D));
        Dataset<Row> features = PersonFeatures.compute(AS_OF, AccountFeatures.totals(AS_OF, daily), counterparties,
                pairs, DailyAggregates.phoneDaily(calls, first, D), txns, calls, accounts, subscribers, companies,
                CallPayments.of(AS_OF, txns, calls, pairs, counterparties, accounts, subscribers, companies,
                        SignalSettings.DEFAULTS), SignalSettings.DEFAULTS);
        Map<String, Row> rows = byKey(features, FeaturesPerson.PERSON_ID);
        assertEquals(Set.of("id_p", "id_o"), rows.keySet(), "companies are not persons");

        Row p = rows.get("id_p");
        assertEquals(2L, p.<Long>getAs(FeaturesPerson.ACCOUNTS_CNT));
        assertEquals(2L, p.<Long>getAs(FeaturesPerson.BANKS_CNT));
        assertEquals(1L, p.<Long>getAs(FeaturesPerson.ACCOUNTS_OPENED_7D));
        assertEquals(1L, p.<Long>getAs(FeaturesPerson.PHONES_CNT));
        assertEquals(76, p.<Integer>getAs(FeaturesPerson.AGE_YEARS));
        assertEquals(7500.0, p.<Double>getAs(FeaturesPerson.OUT_AMT_1D));
        assertEquals(7700.0, p.<Double>getAs(FeaturesPerson.OUT_AMT_30D));
        assertEquals(100.0, p.<Double>getAs(FeaturesPerson.IN_AMT_7D));
        assertEquals(0.0, p.<Double>getAs(FeaturesPerson.IN_AMT_1D));
        assertEquals(6L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLS_IN_7D), "ph_f 4, the SMS and the missed call;"
                + " ph_k is a contact (ph_p called it before the week), ph_fam familiar (calling since Nov 1)");
        assertEquals(3L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLERS_7D), "ph_f, ph_sms, ph_missed");
        assertEquals(2L, p.<Long>getAs(FeaturesPerson.PAYMENTS_OVER_1000_1D));
        assertEquals(5L, p.<Long>getAs(FeaturesPerson.CALLS_IN_24H_BEFORE_PAYMENT_MAX),
                "ph_f three times, ph_k and family's ph_fam before the 11:00 payment; not the SMS nor the missed call");
        assertEquals(4L, p.<Long>getAs(FeaturesPerson.CALLS_IN_6H_BEFORE_PAYMENT_MAX));
        assertEquals(3L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX), "ph_f's; not family's");
        assertEquals(2L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLS_IN_6H_BEFORE_PAYMENT_MAX));
        assertEquals(3L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLER_MAX_DAYS_30D),
                "ph_f; ph_fam called on 5 days but was a stranger on its first two only");
        assertEquals(1L, p.<Long>getAs(FeaturesPerson.UNKNOWN_CALLERS_REPEATED_30D));
        assertEquals(2L, p.<Long>getAs(FeaturesPerson.NEW_PAYEES_1D), "acc_q was paid on D-10");
        assertEquals(2500.0, p.<Double>getAs(FeaturesPerson.NEW_PAYEE_AMT_1D));
        assertEquals(1L, p.<Long>getAs(FeaturesPerson.PAID_NEW_PAYEE_AFTER_STRANGER_CALL_1D),
                "acc_s, 2,000 at 08:00, 12 hours after ph_f's answered call of Nov 26 20:00; acc_q was paid before;"
                        + " acc_r's 500 is under the minimum");
        assertEquals(2000.0, p.<Double>getAs(FeaturesPerson.PAID_NEW_PAYEE_AFTER_STRANGER_CALL_AMT_1D));

        Row o = rows.get("id_o");
        assertEquals(0L, o.<Long>getAs(FeaturesPerson.ACCOUNTS_CNT));
        assertEquals(1L, o.<Long>getAs(FeaturesPerson.PHONES_CNT));
        assertEquals(0, o.<Integer>getAs(FeaturesPerson.AGE_YEARS));
        assertEquals(0L, o.<Long>getAs(FeaturesPerson.CALLS_IN_24H_BEFORE_PAYMENT_MAX));
    }
}

package org.fraudlake.pipelines.features;

import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.call;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.label;
import static org.fraudlake.pipelines.features.Fixtures.link;
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
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class PhoneFeaturesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);

    @Test
    void aFraudCallerLooksLikeOne(SparkSession spark) {
        Dataset<Row> calls = frame(spark, Fixtures.CALLS, rows(
                call("ph_f", "ph_v", "2026-11-27T10:00", 0, "VOICE", "imei_1", false),
                call("ph_f", "ph_v", "2026-11-27T10:05", 20, "VOICE", "imei_1", false),
                call("ph_f", "ph_w", "2026-11-27T10:10", 0, "SMS", "imei_2", false),
                call("ph_f", "ph_u", "2026-11-27T12:00", 120, "VOICE", "imei_2", false),
                call("ph_f", "ph_x", "2026-11-26T09:00", 45, "VOICE", "imei_1", false),
                call("ph_f", "ph_w", "2026-11-24T09:00", 60, "VOICE", "imei_1", false),
                call("ph_f", "ph_x", "2026-11-17T09:00", 45, "VOICE", "imei_1", false),
                call("ph_g", "ph_w", "2026-11-25T09:00", 40, "VOICE", "imei_1", false),
                call("ph_v", "ph_f", "2026-11-27T11:30", 300, "VOICE", null, true),
                voice("ph_old", "ph_w", "2026-10-20T09:00", 40)));
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_v", "OUT", "5000", "2026-11-27T10:30", "acc_mule"),
                txn("acc_u", "OUT", "3000", "2026-11-27T11:00", "acc_mule")));
        Dataset<Row> labels = frame(spark, Fixtures.CASE_LABELS, rows(
                label("acc_mule", "MONEY_MULE", "2026-11-26T10:00")));
        Dataset<Row> links = frame(spark, Fixtures.ENTITY_LINKS, rows(
                link("PERSON", "id_v", "REGISTERED", "PHONE", "ph_v"),
                link("PERSON", "id_v", "HOLDS", "ACCOUNT", "acc_v"),
                link("PERSON", "id_u", "REGISTERED", "PHONE", "ph_u"),
                link("PERSON", "id_u", "HOLDS", "ACCOUNT", "acc_u")));
        Dataset<Row> subscribers = frame(spark, Fixtures.SUBSCRIBERS, rows(
                subscriber("ph_f", "id_f", D.minusDays(5), "PREPAID"),
                subscriber("ph_v", "id_v", LocalDate.of(2015, 1, 1), "POSTPAID"),
                subscriber("ph_new", "id_n", D.minusDays(2), "PREPAID"),
                subscriber("ph_future", "id_n", D.plusDays(2), "PREPAID")));
        Dataset<Row> accounts = frame(spark, Fixtures.ACCOUNTS, rows(
                account("acc_v", "BANK_A", "id_v", "PERSON", null, LocalDate.of(2015, 1, 1)),
                account("acc_u", "BANK_A", "id_u", "PERSON", null, LocalDate.of(2015, 1, 1))));
        subscribers = subscribers.union(frame(spark, Fixtures.SUBSCRIBERS, rows(
                subscriber("ph_u", "id_u", LocalDate.of(2015, 1, 1), "POSTPAID"))));
        LocalDate first = D.minusDays(60);

        Dataset<Row> pairs = ContactPairs.of(AS_OF, DailyAggregates.phoneContactDaily(calls, first, D));
        Dataset<Row> counterparties = CounterpartyPairs.of(AS_OF,
                DailyAggregates.accountCounterpartyDaily(txns, first, D));
        Dataset<Row> callPayments = CallPayments.of(AS_OF, txns, calls, pairs, counterparties, accounts, subscribers,
                Fixtures.empty(spark, Fixtures.COMPANIES), SignalSettings.DEFAULTS);
        Dataset<Row> features = PhoneFeatures.compute(AS_OF, DailyAggregates.phoneDaily(calls, first, D), pairs,
                StateAsOf.subscribers(subscribers, AS_OF), links, counterparties,
                StateAsOf.labeledAccounts(labels, AS_OF), callPayments);
        Map<String, Row> rows = byKey(features, FeaturesPhone.PHONE);
        assertEquals(Set.of("ph_f", "ph_v", "ph_w", "ph_u", "ph_x", "ph_g", "ph_new"), rows.keySet(),
                "ph_old silent for 30 days, ph_future not active yet");

        Row f = rows.get("ph_f");
        assertEquals(4L, f.<Long>getAs(FeaturesPhone.OUT_CNT_1D));
        assertEquals(6L, f.<Long>getAs(FeaturesPhone.OUT_CNT_7D));
        assertEquals(7L, f.<Long>getAs(FeaturesPhone.OUT_CNT_30D));
        assertEquals(7.0, f.<Double>getAs(FeaturesPhone.OUT_IN_RATIO_30D));
        assertEquals(3L, f.<Long>getAs(FeaturesPhone.CALLEES_1D));
        assertEquals(4L, f.<Long>getAs(FeaturesPhone.CALLEES_7D));
        assertEquals(2.0 / 6, f.<Double>getAs(FeaturesPhone.SHORT_CALL_SHARE_30D), 1e-12);
        assertEquals(1.0 / 6, f.<Double>getAs(FeaturesPhone.UNANSWERED_SHARE_30D), 1e-12);
        assertEquals(1.0 / 7, f.<Double>getAs(FeaturesPhone.SMS_SHARE_30D), 1e-12);
        assertEquals(2.0 / 3, f.<Double>getAs(FeaturesPhone.NEW_CALLEE_SHARE_1D), 1e-12, "ph_w was called on D-3");
        assertEquals(3.0 / 4, f.<Double>getAs(FeaturesPhone.NEW_CALLEE_SHARE_7D), 1e-12, "ph_x first called on D-10");
        assertEquals(2L, f.<Long>getAs(FeaturesPhone.HANDSETS_30D));
        assertEquals(2L, f.<Long>getAs(FeaturesPhone.NUMBERS_PER_HANDSET_MAX_30D), "ph_g used imei_1 too");
        assertEquals(5, f.<Integer>getAs(FeaturesPhone.NUMBER_AGE_DAYS));
        assertEquals(1, f.<Integer>getAs(FeaturesPhone.PREPAID));
        assertEquals(1.0, f.<Double>getAs(FeaturesPhone.IN_INTERNATIONAL_SHARE_30D));
        assertEquals(1L, f.<Long>getAs(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_30D), "ph_u paid before the call");
        assertEquals(1.0 / 4, f.<Double>getAs(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_SHARE_30D), 1e-12);
        assertEquals(1L, f.<Long>getAs(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_30D),
                "id_v paid a new payee 25 minutes after ph_f's answered call; id_u paid before ph_f called");
        assertEquals(1L, f.<Long>getAs(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_7D));
        assertEquals(1.0 / 4, f.<Double>getAs(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_SHARE_30D), 1e-12);

        Row w = rows.get("ph_w");
        assertEquals(2L, w.<Long>getAs(FeaturesPhone.CALLERS_30D));
        assertEquals(0, w.<Integer>getAs(FeaturesPhone.IS_SUBSCRIBER));
        Row fresh = rows.get("ph_new");
        assertEquals(1, fresh.<Integer>getAs(FeaturesPhone.IS_SUBSCRIBER));
        assertEquals(0L, fresh.<Long>getAs(FeaturesPhone.OUT_CNT_30D));
        assertEquals(0.0, fresh.<Double>getAs(FeaturesPhone.OUT_IN_RATIO_30D));
    }
}

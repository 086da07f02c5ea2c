package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.cappedShare;
import static org.fraudlake.pipelines.features.Exprs.countIf;
import static org.fraudlake.pipelines.features.Exprs.intOrZero;
import static org.fraudlake.pipelines.features.Exprs.longOrZero;
import static org.fraudlake.pipelines.features.Exprs.share;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggPhoneDaily;
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.EntityLinks;
import org.fraudlake.schemas.tables.Silver.Subscribers;

/**
 * gold/features_phone_daily for one date, from the daily phone aggregates of the 30-day window and the
 * {@link ContactPairs} of the 31-day history (so that a callee "new today" was not contacted in the 30 days
 * before), never from raw calls. "Callees later paid fraud": callee number, its registered holder (entity_links
 * REGISTERED), the holder's accounts (HOLDS), their outgoing transfers in the window to accounts labeled
 * FRAUD_ACCOUNT or MONEY_MULE as of D, counted when the latest such transfer came after the number's first
 * call to the callee in the window; the payers' numbers are few and broadcast to the pairs. Cost: groupings
 * of the 30-day phone aggregates by phone and by handset, two groupings of the pairs (by caller, by callee).
 */
public final class PhoneFeatures {
    private static final String IMEI = "_imei";
    private static final String PERSON = "_person";
    private static final String PAID_AT = "_paid_at";

    private PhoneFeatures() {
    }

    /**
     * @param asOf the date D
     * @param phoneDaily agg_phone_daily rows (days outside the 30-day window are ignored)
     * @param pairs {@link ContactPairs} as of D
     * @param subscribers silver subscribers known on D ({@link StateAsOf#subscribers})
     * @param entityLinks silver entity_links
     * @param counterparties {@link CounterpartyPairs} as of D
     * @param labeledAccounts {@link StateAsOf#labeledAccounts} as of D
     * @param callPayments agg_call_payment_daily rows ({@link CallPayments}; days outside the 30-day window are
     *                     ignored)
     */
    public static Dataset<Row> compute(AsOf asOf, Dataset<Row> phoneDaily, Dataset<Row> pairs,
                                       Dataset<Row> subscribers, Dataset<Row> entityLinks,
                                       Dataset<Row> counterparties, Dataset<Row> labeledAccounts,
                                       Dataset<Row> callPayments) {
        Dataset<Row> window = phoneDaily.filter(asOf.within(AsOf.WINDOW_DAYS));
        Dataset<Row> active = window.select(AggPhoneDaily.PHONE)
                .union(subscribers.filter(asOf.within(col(Subscribers.ACTIVATED_AT), AsOf.WINDOW_DAYS))
                        .select(col(Subscribers.PHONE).as(AggPhoneDaily.PHONE)))
                .distinct();
        Dataset<Row> subscriber = subscribers.select(col(Subscribers.PHONE).as(AggPhoneDaily.PHONE),
                col(Subscribers.CARRIER), col(Subscribers.ACTIVATED_AT), col(Subscribers.PLAN),
                col(Subscribers.PORTED_IN));
        String[] key = {AggPhoneDaily.PHONE};
        return active.join(rolling(asOf, window), key, "left")
                .join(callees(asOf, pairs), key, "left")
                .join(callers(asOf, pairs), key, "left")
                .join(handsets(window), key, "left")
                .join(laterPaid(pairs, entityLinks, counterparties, labeledAccounts), key, "left")
                .join(CallPayments.perCaller(asOf, callPayments, AggPhoneDaily.PHONE), key, "left")
                .join(subscriber, key, "left")
                .select(features(asOf));
    }

    private static Column since(AsOf asOf, int days, String column) {
        return sumIf(asOf.within(days), col(column));
    }

    static Dataset<Row> rolling(AsOf asOf, Dataset<Row> window) {
        return window.groupBy(AggPhoneDaily.PHONE).agg(
                since(asOf, 1, AggPhoneDaily.OUT_CNT).as("out_1"),
                since(asOf, 7, AggPhoneDaily.OUT_CNT).as("out_7"),
                sum(AggPhoneDaily.OUT_CNT).as("out_30"),
                since(asOf, 1, AggPhoneDaily.IN_CNT).as("in_1"),
                since(asOf, 7, AggPhoneDaily.IN_CNT).as("in_7"),
                sum(AggPhoneDaily.IN_CNT).as("in_30"),
                sum(AggPhoneDaily.OUT_VOICE_CNT).as("voice"),
                sum(AggPhoneDaily.OUT_SMS_CNT).as("sms"),
                sum(AggPhoneDaily.OUT_SHORT_CNT).as("short"),
                sum(AggPhoneDaily.OUT_UNANSWERED_CNT).as("unanswered"),
                sum(AggPhoneDaily.OUT_INTL_CNT).as("out_intl"),
                sum(AggPhoneDaily.IN_INTL_CNT).as("in_intl"),
                sum(AggPhoneDaily.OUT_DURATION_S).as("duration"));
    }

    /** Distinct callees per window, and those new to the caller (first called in the window, not before). */
    static Dataset<Row> callees(AsOf asOf, Dataset<Row> pairs) {
        Column last = col(ContactPairs.LAST_DAY);
        Column first = col(ContactPairs.FIRST_DAY);
        return pairs.filter(asOf.within(last, AsOf.WINDOW_DAYS))
                .groupBy(col(ContactPairs.CALLER).as(AggPhoneDaily.PHONE)).agg(
                        countIf(last.equalTo(asOf.day())).as("callees_1"),
                        countIf(asOf.within(last, 7)).as("callees_7"),
                        count(lit(1)).as("callees_30"),
                        countIf(first.equalTo(asOf.day())).as("new_1"),
                        countIf(asOf.within(first, 7)).as("new_7"));
    }

    static Dataset<Row> callers(AsOf asOf, Dataset<Row> pairs) {
        return pairs.filter(asOf.within(col(ContactPairs.LAST_DAY), AsOf.WINDOW_DAYS))
                .groupBy(col(ContactPairs.CALLEE).as(AggPhoneDaily.PHONE))
                .agg(count(lit(1)).as("callers_30"));
    }

    /** Handsets per number, and the most numbers on any of its handsets. */
    static Dataset<Row> handsets(Dataset<Row> window) {
        Dataset<Row> pairs = window.select(col(AggPhoneDaily.PHONE), explode(col(AggPhoneDaily.IMEIS)).as(IMEI))
                .distinct();
        Dataset<Row> perHandset = pairs.groupBy(IMEI).agg(count(lit(1)).as("_numbers"));
        return pairs.join(perHandset, IMEI).groupBy(AggPhoneDaily.PHONE)
                .agg(count(lit(1)).as("handsets"), max("_numbers").as("numbers_per_handset"));
    }

    /** Per caller: callees whose holder paid a fraud or mule account after the caller's first call to them. */
    static Dataset<Row> laterPaid(Dataset<Row> pairs, Dataset<Row> entityLinks, Dataset<Row> counterparties,
                                  Dataset<Row> labeledAccounts) {
        Dataset<Row> fraud = labeledAccounts.filter(col(StateAsOf.FRAUD_OR_MULE))
                .select(col(Accounts.ACCOUNT_ID).as(CounterpartyPairs.COUNTERPARTY_ID));
        Dataset<Row> paidByAccount = counterparties
                .filter(col(CounterpartyPairs.DIRECTION).equalTo("OUT")
                        .and(col(CounterpartyPairs.LAST_TIME_30D).isNotNull()))
                .join(broadcast(fraud), CounterpartyPairs.COUNTERPARTY_ID)
                .groupBy(CounterpartyPairs.ACCOUNT_ID)
                .agg(max(CounterpartyPairs.LAST_TIME_30D).as(PAID_AT));
        Dataset<Row> holds = entityLinks.filter(col(EntityLinks.RELATION).equalTo("HOLDS"))
                .select(col(EntityLinks.FROM_ID).as(PERSON),
                        col(EntityLinks.TO_ID).as(CounterpartyPairs.ACCOUNT_ID));
        Dataset<Row> registered = entityLinks.filter(col(EntityLinks.RELATION).equalTo("REGISTERED"))
                .select(col(EntityLinks.FROM_ID).as(PERSON), col(EntityLinks.TO_ID).as(ContactPairs.CALLEE));
        Dataset<Row> payerPhones = paidByAccount.join(holds, CounterpartyPairs.ACCOUNT_ID)
                .join(registered, PERSON)
                .groupBy(ContactPairs.CALLEE).agg(max(PAID_AT).as(PAID_AT));
        return pairs.filter(col(ContactPairs.FIRST_CALL_TIME_30D).isNotNull())
                .join(broadcast(payerPhones), ContactPairs.CALLEE)
                .filter(col(PAID_AT).gt(col(ContactPairs.FIRST_CALL_TIME_30D)))
                .groupBy(col(ContactPairs.CALLER).as(AggPhoneDaily.PHONE))
                .agg(count(lit(1)).as("later_paid"));
    }

    private static Column[] features(AsOf asOf) {
        Column out30 = col("out_30");
        Column voice = col("voice");
        return List.of(
                col(FeaturesPhone.PHONE),
                col(Subscribers.CARRIER).as(FeaturesPhone.CARRIER),
                longOrZero(col("out_1")).as(FeaturesPhone.OUT_CNT_1D),
                longOrZero(col("out_7")).as(FeaturesPhone.OUT_CNT_7D),
                longOrZero(out30).as(FeaturesPhone.OUT_CNT_30D),
                longOrZero(col("in_1")).as(FeaturesPhone.IN_CNT_1D),
                longOrZero(col("in_7")).as(FeaturesPhone.IN_CNT_7D),
                longOrZero(col("in_30")).as(FeaturesPhone.IN_CNT_30D),
                share(out30, greatest(coalesce(col("in_30"), lit(0L)), lit(1L))).as(FeaturesPhone.OUT_IN_RATIO_30D),
                longOrZero(col("callees_1")).as(FeaturesPhone.CALLEES_1D),
                longOrZero(col("callees_7")).as(FeaturesPhone.CALLEES_7D),
                longOrZero(col("callees_30")).as(FeaturesPhone.CALLEES_30D),
                longOrZero(col("callers_30")).as(FeaturesPhone.CALLERS_30D),
                share(col("short"), voice).as(FeaturesPhone.SHORT_CALL_SHARE_30D),
                share(col("unanswered"), voice).as(FeaturesPhone.UNANSWERED_SHARE_30D),
                share(col("sms"), out30).as(FeaturesPhone.SMS_SHARE_30D),
                share(col("duration"), voice).as(FeaturesPhone.OUT_AVG_DURATION_S_30D),
                share(col("new_1"), col("callees_1")).as(FeaturesPhone.NEW_CALLEE_SHARE_1D),
                share(col("new_7"), col("callees_7")).as(FeaturesPhone.NEW_CALLEE_SHARE_7D),
                longOrZero(col("handsets")).as(FeaturesPhone.HANDSETS_30D),
                longOrZero(col("numbers_per_handset")).as(FeaturesPhone.NUMBERS_PER_HANDSET_MAX_30D),
                intOrZero(greatest(datediff(asOf.day(), col(Subscribers.ACTIVATED_AT)), lit(0)))
                        .as(FeaturesPhone.NUMBER_AGE_DAYS),
                when(col(Subscribers.CARRIER).isNotNull(), lit(1)).otherwise(lit(0)).as(FeaturesPhone.IS_SUBSCRIBER),
                when(col(Subscribers.PLAN).equalTo("PREPAID"), lit(1)).otherwise(lit(0)).as(FeaturesPhone.PREPAID),
                when(col(Subscribers.PORTED_IN), lit(1)).otherwise(lit(0)).as(FeaturesPhone.PORTED_IN),
                share(col("out_intl"), out30).as(FeaturesPhone.OUT_INTERNATIONAL_SHARE_30D),
                share(col("in_intl"), col("in_30")).as(FeaturesPhone.IN_INTERNATIONAL_SHARE_30D),
                longOrZero(col("later_paid")).as(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_30D),
                share(col("later_paid"), col("callees_30")).as(FeaturesPhone.CALLEES_LATER_PAID_FRAUD_SHARE_30D),
                longOrZero(col("_paid_new_7")).as(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_7D),
                longOrZero(col("_paid_new_30")).as(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_30D),
                cappedShare(col("_paid_new_30"), col("callees_30")).as(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_SHARE_30D),
                asOf.day().as(Gold.BUSINESS_DATE)).toArray(Column[]::new);
    }
}

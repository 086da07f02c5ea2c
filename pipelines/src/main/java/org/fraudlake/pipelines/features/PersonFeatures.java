package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.countIf;
import static org.fraudlake.pipelines.features.Exprs.doubleOrZero;
import static org.fraudlake.pipelines.features.Exprs.longOrZero;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggPhoneDaily;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Companies;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * gold/features_person_daily for one date. Accounts are the person's silver accounts (holder type PERSON);
 * numbers are those registered to the person (subscribers), company holders left out. A caller is
 * <em>unknown</em> to a number on a day if the number had not called it on an earlier day of the 31-day
 * history and it first called less than {@link SignalSettings#familiarDays} days before
 * ({@link ContactPairs#daysCallerUnknown}); for the 7-day counts, so on the first of those 7 days. "Calls before a
 * payment" are answered voice calls (no SMS, no missed call). Flows, unknown callers, grooming and new payees come from the daily aggregates and
 * the contact and counterparty pairs; only "calls received before a payment" reads raw events, of D (transfers of at least
 * {@link SignalSettings#paymentMin}) and D-1..D (calls: the 24 hours before a transfer), joined on the person, so no
 * Cartesian product. Cost: groupings of the account totals and counterparty pairs by person, one join
 * of the contact pairs with the persons' numbers, one of the day's large transfers with the two days'
 * inbound calls (small, broadcast to the pairs).
 */
public final class PersonFeatures {
    private static final String PERSON = FeaturesPerson.PERSON_ID;
    static final String P = "_p";
    private static final String X = "_x";
    private static final String UNKNOWN = "_unknown";
    private static final String PAY_TS = "_pay_ts";
    private static final String CALL_TS = "_call_ts";
    private static final String CALL_DAY = "_call_day";

    private PersonFeatures() {
    }

    /**
     * @param asOf the date D
     * @param accountTotals {@link AccountFeatures#totals} as of D
     * @param counterparties {@link CounterpartyPairs} as of D
     * @param pairs {@link ContactPairs} as of D
     * @param phoneDaily agg_phone_daily rows (days outside the 30-day window are ignored)
     * @param transactions silver transactions of D (other days are ignored)
     * @param calls silver calls of D-1 and D (other days are ignored)
     * @param accounts silver accounts known on D
     * @param subscribers silver subscribers known on D
     * @param companies silver companies known on D
     * @param callPayments agg_call_payment_daily rows ({@link CallPayments}; days other than D are ignored)
     * @param signals the payment minimum, familiar and repeated days
     */
    public static Dataset<Row> compute(AsOf asOf, Dataset<Row> accountTotals, Dataset<Row> counterparties,
                                       Dataset<Row> pairs, Dataset<Row> phoneDaily, Dataset<Row> transactions,
                                       Dataset<Row> calls, Dataset<Row> accounts, Dataset<Row> subscribers,
                                       Dataset<Row> companies, Dataset<Row> callPayments, SignalSettings signals) {
        Dataset<Row> personAccounts = personAccounts(accounts);
        Dataset<Row> personPhones = personPhones(accounts, subscribers, companies);

        Dataset<Row> summary = accountSummary(asOf, personAccounts);
        Dataset<Row> flows = flows(accountTotals, personAccounts);
        Dataset<Row> phonesActive = phoneDaily.filter(asOf.within(AsOf.WINDOW_DAYS))
                .select(col(AggPhoneDaily.PHONE).as(P)).distinct()
                .join(personPhones, P).select(PERSON);
        Dataset<Row> active = flows.select(PERSON)
                .union(summary.filter(col("opened_30").gt(0)).select(PERSON))
                .union(phonesActive)
                .distinct();
        String[] key = {PERSON};
        return active.join(summary, key, "left")
                .join(personPhones.groupBy(PERSON).agg(count(lit(1)).as("phones")), key, "left")
                .join(flows, key, "left")
                .join(unknownCallers(asOf, pairs, personPhones, signals), key, "left")
                .join(callsBeforePayment(asOf, transactions, calls, personAccounts, personPhones, pairs, signals), key,
                        "left")
                .join(newPayees(asOf, counterparties, personAccounts), key, "left")
                .join(CallPayments.perPayer(asOf, callPayments, PERSON), key, "left")
                .select(features(asOf));
    }

    /** The accounts held by persons: account, person ({@value #PERSON}), bank, open date, holder's birth date. */
    static Dataset<Row> personAccounts(Dataset<Row> accounts) {
        return accounts.filter(col(Accounts.HOLDER_TYPE).equalTo(StateAsOf.PERSON)
                        .and(col(Accounts.HOLDER_ID).isNotNull()))
                .select(col(Accounts.ACCOUNT_ID), col(Accounts.HOLDER_ID).as(PERSON), col(Accounts.BANK),
                        col(Accounts.OPEN_DATE), col(Accounts.HOLDER_BIRTH_DATE));
    }

    /** The numbers registered to persons (companies' lines left out): number ({@value #P}), person. */
    static Dataset<Row> personPhones(Dataset<Row> accounts, Dataset<Row> subscribers, Dataset<Row> companies) {
        Dataset<Row> companyIds = companies.select(col(Companies.COMPANY_ID).as(PERSON))
                .union(accounts.filter(col(Accounts.HOLDER_TYPE).equalTo(StateAsOf.COMPANY))
                        .select(col(Accounts.HOLDER_ID).as(PERSON)));
        return subscribers.filter(col(Subscribers.HOLDER_ID).isNotNull())
                .select(col(Subscribers.PHONE).as(P), col(Subscribers.HOLDER_ID).as(PERSON))
                .join(companyIds, new String[]{PERSON}, "left_anti");
    }

    static Dataset<Row> accountSummary(AsOf asOf, Dataset<Row> personAccounts) {
        return personAccounts.groupBy(PERSON).agg(
                count(lit(1)).as("accounts"),
                size(collect_set(Accounts.BANK)).as("banks"),
                countIf(asOf.within(col(Accounts.OPEN_DATE), 7)).as("opened_7"),
                countIf(asOf.within(col(Accounts.OPEN_DATE), 30)).as("opened_30"),
                max(Accounts.HOLDER_BIRTH_DATE).as("birth"));
    }

    /** The person's flows: sums of the exact account totals. */
    static Dataset<Row> flows(Dataset<Row> accountTotals, Dataset<Row> personAccounts) {
        return accountTotals.join(personAccounts.select(Accounts.ACCOUNT_ID, PERSON), Accounts.ACCOUNT_ID)
                .groupBy(PERSON).agg(
                        sum(FeaturesAccount.IN_AMT_1D).as("in_1"),
                        sum(FeaturesAccount.IN_AMT_7D).as("in_7"),
                        sum(FeaturesAccount.IN_AMT_30D).as("in_30"),
                        sum(FeaturesAccount.OUT_AMT_1D).as("out_1"),
                        sum(FeaturesAccount.OUT_AMT_7D).as("out_7"),
                        sum(FeaturesAccount.OUT_AMT_30D).as("out_30"),
                        sum(FeaturesAccount.IN_CNT_30D).as("in_cnt_30"),
                        sum(FeaturesAccount.OUT_CNT_30D).as("out_cnt_30"));
    }

    /**
     * Calls from unknown numbers in the last 7 days, and unknown numbers calling on many days (grooming): per
     * person, the most days one unknown number called one of the person's numbers.
     */
    static Dataset<Row> unknownCallers(AsOf asOf, Dataset<Row> pairs, Dataset<Row> personPhones,
                                       SignalSettings signals) {
        Column unknownFor7Days = ContactPairs.strangerOn(AsOf.day(asOf.first(7)), signals.familiarDays());
        Column calls7 = when(unknownFor7Days, col(ContactPairs.CALLS_7D)).otherwise(lit(0L));
        Column days = bit_count(ContactPairs.daysCallerUnknown(asOf, signals.familiarDays())
                .bitwiseAND(ContactPairs.lastDays(AsOf.WINDOW_DAYS)));
        return pairs.filter(asOf.within(col(ContactPairs.LAST_DAY), AsOf.WINDOW_DAYS))
                .join(personPhones.withColumnRenamed(P, ContactPairs.CALLEE), ContactPairs.CALLEE)
                .select(col(PERSON), calls7.as("_calls_7"), days.as("_days"))
                .groupBy(PERSON).agg(
                        sum("_calls_7").as("unknown_calls_7"),
                        countIf(col("_calls_7").gt(0)).as("unknown_callers_7"),
                        max("_days").as("unknown_max_days"),
                        countIf(col("_days").geq(signals.repeatedDays())).as("unknown_repeated"));
    }

    /**
     * For each of D's outgoing transfers of at least {@link SignalSettings#paymentMin}: inbound answered voice calls
     * to the person's numbers in the 24 and 6 hours before it (all, and from unknown numbers); the maximum over the
     * day's transfers.
     */
    static Dataset<Row> callsBeforePayment(AsOf asOf, Dataset<Row> transactions, Dataset<Row> calls,
                                           Dataset<Row> personAccounts, Dataset<Row> personPhones,
                                           Dataset<Row> pairs, SignalSettings signals) {
        Dataset<Row> payments = DailyAggregates.transactionsInTime(transactions)
                .filter(col(Silver.BUSINESS_DATE).equalTo(asOf.day())
                        .and(col(Transactions.DIRECTION).equalTo("OUT"))
                        .and(col(Transactions.AMOUNT).geq(lit(signals.paymentMin()))))
                .join(personAccounts.select(Accounts.ACCOUNT_ID, PERSON), Transactions.ACCOUNT_ID)
                .select(col(PERSON), col(Transactions.TXN_KEY), unix_seconds(col(Transactions.TXN_TIME)).as(PAY_TS));
        Dataset<Row> inbound = DailyAggregates.callsInTime(calls)
                .filter(asOf.within(2).and(col(Calls.CALLER).notEqual(col(Calls.CALLEE)))
                        .and(col(Calls.KIND).equalTo("VOICE")).and(coalesce(col(Calls.DURATION_S), lit(0)).gt(0)))
                .select(col(Calls.CALLEE).as(P), col(Calls.CALLER).as(X), col(Silver.BUSINESS_DATE).as(CALL_DAY),
                        unix_seconds(col(Calls.START_TIME)).as(CALL_TS))
                .join(personPhones, P);
        Dataset<Row> before = payments.join(inbound, PERSON)
                .filter(col(CALL_TS).lt(col(PAY_TS)).and(col(CALL_TS).geq(col(PAY_TS).minus(AsOf.DAY_S))));
        Dataset<Row> withKnown = pairs.select(col(ContactPairs.CALLER).as(X), col(ContactPairs.CALLEE).as(P),
                        col(ContactPairs.REVERSE_FIRST_DAY), col(ContactPairs.FIRST_DAY))
                .join(broadcast(before), new String[]{X, P})
                .withColumn(UNKNOWN, ContactPairs.strangerOn(col(CALL_DAY), signals.familiarDays()));
        Column within6h = col(CALL_TS).geq(col(PAY_TS).minus(6 * AsOf.HOUR_S));
        Column unknown = col(UNKNOWN);
        Dataset<Row> perPayment = withKnown.groupBy(PERSON, Transactions.TXN_KEY).agg(
                count(lit(1)).as("_c24"),
                countIf(within6h).as("_c6"),
                countIf(unknown).as("_u24"),
                countIf(unknown.and(within6h)).as("_u6"));
        Dataset<Row> maxima = perPayment.groupBy(PERSON).agg(max("_c24").as("calls_24h"), max("_c6").as("calls_6h"),
                max("_u24").as("unknown_24h"), max("_u6").as("unknown_6h"));
        return payments.groupBy(PERSON).agg(count(lit(1)).as("payments"))
                .join(maxima, new String[]{PERSON}, "left");
    }

    /** Counterparties paid on D and not in the 30 days before, over all the person's accounts. */
    static Dataset<Row> newPayees(AsOf asOf, Dataset<Row> counterparties, Dataset<Row> personAccounts) {
        Dataset<Row> payees = counterparties.filter(col(CounterpartyPairs.DIRECTION).equalTo("OUT"))
                .join(personAccounts.select(Accounts.ACCOUNT_ID, PERSON), CounterpartyPairs.ACCOUNT_ID)
                .groupBy(PERSON, CounterpartyPairs.COUNTERPARTY_ID)
                .agg(min(CounterpartyPairs.FIRST_DAY).as("_first"), sum(CounterpartyPairs.AMT_1D).as("_amt"));
        Column isNew = col("_first").equalTo(asOf.day());
        return payees.groupBy(PERSON).agg(countIf(isNew).as("new_payees"), sumIf(isNew, col("_amt")).as("new_payee_amt"));
    }

    private static Column[] features(AsOf asOf) {
        return List.of(
                col(PERSON),
                longOrZero(col("accounts")).as(FeaturesPerson.ACCOUNTS_CNT),
                longOrZero(col("banks")).as(FeaturesPerson.BANKS_CNT),
                longOrZero(col("opened_7")).as(FeaturesPerson.ACCOUNTS_OPENED_7D),
                longOrZero(col("opened_30")).as(FeaturesPerson.ACCOUNTS_OPENED_30D),
                longOrZero(col("phones")).as(FeaturesPerson.PHONES_CNT),
                AccountFeatures.ageYears(asOf, col("birth")).as(FeaturesPerson.AGE_YEARS),
                doubleOrZero(col("in_1")).as(FeaturesPerson.IN_AMT_1D),
                doubleOrZero(col("in_7")).as(FeaturesPerson.IN_AMT_7D),
                doubleOrZero(col("in_30")).as(FeaturesPerson.IN_AMT_30D),
                doubleOrZero(col("out_1")).as(FeaturesPerson.OUT_AMT_1D),
                doubleOrZero(col("out_7")).as(FeaturesPerson.OUT_AMT_7D),
                doubleOrZero(col("out_30")).as(FeaturesPerson.OUT_AMT_30D),
                longOrZero(col("in_cnt_30")).as(FeaturesPerson.IN_CNT_30D),
                longOrZero(col("out_cnt_30")).as(FeaturesPerson.OUT_CNT_30D),
                longOrZero(col("unknown_calls_7")).as(FeaturesPerson.UNKNOWN_CALLS_IN_7D),
                longOrZero(col("unknown_callers_7")).as(FeaturesPerson.UNKNOWN_CALLERS_7D),
                longOrZero(col("payments")).as(FeaturesPerson.PAYMENTS_OVER_1000_1D),
                longOrZero(col("calls_24h")).as(FeaturesPerson.CALLS_IN_24H_BEFORE_PAYMENT_MAX),
                longOrZero(col("calls_6h")).as(FeaturesPerson.CALLS_IN_6H_BEFORE_PAYMENT_MAX),
                longOrZero(col("unknown_24h")).as(FeaturesPerson.UNKNOWN_CALLS_IN_24H_BEFORE_PAYMENT_MAX),
                longOrZero(col("unknown_6h")).as(FeaturesPerson.UNKNOWN_CALLS_IN_6H_BEFORE_PAYMENT_MAX),
                longOrZero(col("unknown_max_days")).as(FeaturesPerson.UNKNOWN_CALLER_MAX_DAYS_30D),
                longOrZero(col("unknown_repeated")).as(FeaturesPerson.UNKNOWN_CALLERS_REPEATED_30D),
                longOrZero(col("new_payees")).as(FeaturesPerson.NEW_PAYEES_1D),
                doubleOrZero(col("new_payee_amt")).as(FeaturesPerson.NEW_PAYEE_AMT_1D),
                longOrZero(col("_stranger_paid_1")).as(FeaturesPerson.PAID_NEW_PAYEE_AFTER_STRANGER_CALL_1D),
                doubleOrZero(col("_stranger_paid_amt_1")).as(FeaturesPerson.PAID_NEW_PAYEE_AFTER_STRANGER_CALL_AMT_1D),
                asOf.day().as(Gold.BUSINESS_DATE)).toArray(Column[]::new);
    }
}

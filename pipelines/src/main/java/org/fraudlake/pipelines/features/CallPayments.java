package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggCallPaymentDaily;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * gold/agg_call_payment_daily for one date D, and the features read from its 30-day window: a person pays a payee
 * none of their accounts had paid before, within 24 hours after an answered voice call from a number that was a
 * stranger to them. No carrier sees the payment and no bank sees the call; the center sees both. The caller
 * of many such callees is a fraud number, and an account such payers send money to is a first-layer account,
 * on the day of the first victim money, before any label or report names them.
 *
 * <p>What keeps look-alikes out: SMS and unanswered calls do not count (a courier's or a telemarketer's missed
 * calls); a caller the person's number had called on an earlier day, or that first called it
 * {@link SignalSettings#familiarDays} days or more before, is no stranger (family, a long-standing contact); a payee
 * paid in the 30 days before is not new (rent, a regular shop); small payments (under the payment minimum,
 * {@link SignalSettings#paymentMin}) do not count. A company's line calling its customers who
 * then pay the company is still counted: the models weigh it against the number's and the account's other
 * features.
 *
 * <p>Cost: D's payments of at least the minimum (few) joined with the answered inbound calls of D-1..D to the
 * payers' numbers on the person, then with the contact pairs (broadcast of the few matches); one grouping of
 * the person's counterparty pairs to tell new payees.
 */
public final class CallPayments {
    private static final String PERSON = AggCallPaymentDaily.PERSON_ID;
    private static final String PAY_TS = "_pay_ts";
    private static final String CALL_TS = "_call_ts";
    private static final String CALL_DAY = "_call_day";
    private static final String FIRST_PAID = "_first_paid";

    private CallPayments() {
    }

    /**
     * The rows of D.
     *
     * @param asOf the date D
     * @param transactions silver transactions of D (other days are ignored)
     * @param calls silver calls of D-1 and D (other days are ignored)
     * @param pairs {@link ContactPairs} as of D
     * @param counterparties {@link CounterpartyPairs} as of D
     * @param accounts silver accounts known on D
     * @param subscribers silver subscribers known on D
     * @param companies silver companies known on D
     */
    public static Dataset<Row> of(AsOf asOf, Dataset<Row> transactions, Dataset<Row> calls, Dataset<Row> pairs,
                                  Dataset<Row> counterparties, Dataset<Row> accounts, Dataset<Row> subscribers,
                                  Dataset<Row> companies, SignalSettings signals) {
        Dataset<Row> personAccounts = PersonFeatures.personAccounts(accounts).select(Accounts.ACCOUNT_ID, PERSON);
        Dataset<Row> personPhones = PersonFeatures.personPhones(accounts, subscribers, companies);
        Dataset<Row> newPayees = counterparties.filter(col(CounterpartyPairs.DIRECTION).equalTo("OUT"))
                .join(personAccounts, CounterpartyPairs.ACCOUNT_ID)
                .groupBy(col(PERSON), col(CounterpartyPairs.COUNTERPARTY_ID).as(AggCallPaymentDaily.PAYEE_ID))
                .agg(min(CounterpartyPairs.FIRST_DAY).as(FIRST_PAID))
                .filter(col(FIRST_PAID).equalTo(asOf.day()))
                .drop(FIRST_PAID);
        Dataset<Row> payments = DailyAggregates.transactionsInTime(transactions)
                .filter(col(Silver.BUSINESS_DATE).equalTo(asOf.day())
                        .and(col(Transactions.DIRECTION).equalTo("OUT"))
                        .and(col(Transactions.AMOUNT).geq(lit(signals.paymentMin()))))
                .join(personAccounts, Transactions.ACCOUNT_ID)
                .select(col(PERSON), col(Transactions.TXN_KEY), col(Transactions.ACCOUNT_ID),
                        DailyAggregates.counterpartyId().as(AggCallPaymentDaily.PAYEE_ID), col(Transactions.AMOUNT),
                        col(Transactions.TXN_TIME).as(AggCallPaymentDaily.PAY_TIME),
                        unix_seconds(col(Transactions.TXN_TIME)).as(PAY_TS))
                .join(newPayees, new String[]{PERSON, AggCallPaymentDaily.PAYEE_ID});
        Dataset<Row> answered = DailyAggregates.callsInTime(calls)
                .filter(asOf.within(2).and(col(Calls.KIND).equalTo("VOICE"))
                        .and(coalesce(col(Calls.DURATION_S), lit(0)).gt(0))
                        .and(col(Calls.CALLER).notEqual(col(Calls.CALLEE))))
                .select(col(Calls.CALLEE).as(PersonFeatures.P), col(Calls.CALLER).as(AggCallPaymentDaily.CALLER),
                        col(Silver.BUSINESS_DATE).as(CALL_DAY), col(Calls.START_TIME).as(AggCallPaymentDaily.CALL_TIME),
                        unix_seconds(col(Calls.START_TIME)).as(CALL_TS), col(Calls.DURATION_S))
                .join(personPhones, PersonFeatures.P);
        Dataset<Row> before = payments.join(answered, PERSON)
                .filter(col(CALL_TS).lt(col(PAY_TS)).and(col(CALL_TS).geq(col(PAY_TS).minus(AsOf.DAY_S))))
                .withColumnRenamed(PersonFeatures.P, AggCallPaymentDaily.CALLEE);
        Dataset<Row> known = pairs.select(col(ContactPairs.CALLER).as(AggCallPaymentDaily.CALLER),
                col(ContactPairs.CALLEE).as(AggCallPaymentDaily.CALLEE), col(ContactPairs.REVERSE_FIRST_DAY),
                col(ContactPairs.FIRST_DAY));
        // Every call of the history has its pair (the call itself), so the inner join keeps every match.
        return known.join(broadcast(before), new String[]{AggCallPaymentDaily.CALLER, AggCallPaymentDaily.CALLEE})
                .filter(ContactPairs.strangerOn(col(CALL_DAY), signals.familiarDays()))
                .select(col(Transactions.TXN_KEY).as(AggCallPaymentDaily.TXN_KEY), col(PERSON),
                        col(Transactions.ACCOUNT_ID).as(AggCallPaymentDaily.ACCOUNT_ID),
                        col(AggCallPaymentDaily.PAYEE_ID), col(Transactions.AMOUNT).as(AggCallPaymentDaily.AMOUNT),
                        col(AggCallPaymentDaily.PAY_TIME), col(AggCallPaymentDaily.CALLER),
                        col(AggCallPaymentDaily.CALLEE), col(AggCallPaymentDaily.CALL_TIME),
                        col(Calls.DURATION_S).as(AggCallPaymentDaily.DURATION_S), asOf.day().as(Gold.BUSINESS_DATE));
    }

    /**
     * Per caller number: the distinct persons it called who then paid a new payee (last 7 and 30 days).
     *
     * @param window agg_call_payment_daily rows (days outside the 30-day window are ignored)
     * @param key the name of the number's column in the result
     */
    static Dataset<Row> perCaller(AsOf asOf, Dataset<Row> window, String key) {
        Column person = col(PERSON);
        return window.filter(asOf.within(AsOf.WINDOW_DAYS))
                .groupBy(col(AggCallPaymentDaily.CALLER).as(key)).agg(
                        countDistinct(when(asOf.within(7), person)).as("_paid_new_7"),
                        countDistinct(person).as("_paid_new_30"));
    }

    /**
     * Per paying person, on D: the payments to new payees after a stranger's call, and their amount.
     *
     * @param window agg_call_payment_daily rows (days other than D are ignored)
     * @param key the name of the person's column in the result
     */
    static Dataset<Row> perPayer(AsOf asOf, Dataset<Row> window, String key) {
        Dataset<Row> payments = window.filter(col(Gold.BUSINESS_DATE).equalTo(asOf.day()))
                .select(col(PERSON), col(AggCallPaymentDaily.TXN_KEY), col(AggCallPaymentDaily.AMOUNT)).distinct();
        return payments.groupBy(col(PERSON).as(key)).agg(
                count(lit(1)).as("_stranger_paid_1"),
                sum(AggCallPaymentDaily.AMOUNT).as("_stranger_paid_amt_1"));
    }

    /**
     * Per payee: the distinct persons who paid it after a stranger's call, and the distinct strangers behind them.
     *
     * @param window agg_call_payment_daily rows (days outside the 30-day window are ignored)
     * @param key the name of the payee's column in the result
     */
    static Dataset<Row> perPayee(AsOf asOf, Dataset<Row> window, String key) {
        Column person = col(PERSON);
        return window.filter(asOf.within(AsOf.WINDOW_DAYS))
                .groupBy(col(AggCallPaymentDaily.PAYEE_ID).as(key)).agg(
                        countDistinct(when(asOf.within(7), person)).as("_stranger_payers_7"),
                        countDistinct(person).as("_stranger_payers_30"),
                        countDistinct(col(AggCallPaymentDaily.CALLER)).as("_stranger_callers_30"));
    }
}

package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.AMOUNT;
import static org.fraudlake.pipelines.features.Exprs.countIf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AccountLastActive;
import org.fraudlake.schemas.tables.Gold.AggAccountCounterpartyDaily;
import org.fraudlake.schemas.tables.Gold.AggAccountDaily;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold.AggPhoneDaily;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * The per-day aggregates of silver events that every rolling window is built from, one transform per gold
 * {@code agg_*} table. Each takes the silver rows of one or more business dates and returns one row per
 * entity (and day) for the days in {@code [first, last]}; events timed after the end of their own business
 * date are left out, so a day's aggregate depends on that day's partition alone (and, for pass-through, the
 * day before). Amounts stay exact ({@code decimal(18,2)}), sets are sorted, ties are broken by key: the
 * same input gives the same output on any partitioning.
 *
 * <p>Cost: one shuffle per table (the grouping); {@link #accountDaily} adds one sort of the two days'
 * transactions per account for the pass-through windows and one small window over the aggregated rows.
 */
public final class DailyAggregates {
    static final String TS = "_ts";

    private DailyAggregates() {
    }

    /** The counterparty key of a booking: its account token, else its name token. */
    static Column counterpartyId() {
        return coalesce(col(Transactions.COUNTERPARTY_ACCOUNT_ID), col(Transactions.COUNTERPARTY_NAME));
    }

    /** Transactions timed before the end of their business date. */
    static Dataset<Row> transactionsInTime(Dataset<Row> transactions) {
        return transactions.filter(AsOf.beforeEndOfBusinessDate(col(Transactions.TXN_TIME), col(Silver.BUSINESS_DATE)));
    }

    /** Calls timed before the end of their business date. */
    static Dataset<Row> callsInTime(Dataset<Row> calls) {
        return calls.filter(AsOf.beforeEndOfBusinessDate(col(Calls.START_TIME), col(Silver.BUSINESS_DATE)));
    }

    private static Column between(LocalDate first, LocalDate last) {
        Column d = col(Silver.BUSINESS_DATE);
        return d.geq(AsOf.day(first)).and(d.leq(AsOf.day(last)));
    }

    /**
     * gold/agg_account_daily for the days {@code [first, last]}, a contiguous range.
     *
     * <p>Pass-through: for each outgoing booking at time t of amount o, the part covered by inflow of the
     * window before it is {@code clamp(in[t-h, t] - otherOut[t-h, t], 0, o)}: inflow of the last h hours not
     * already claimed by earlier outflow of those hours. Summed per day it is additive, so the share of
     * inflow passed on over any window is the window's covered outflow over its inflow (capped at 1). It
     * under-counts when outflow paid from an older balance precedes the inflow in the same h hours, the safe
     * direction for a risk feature. The 24-hour window reaches into the day before {@code first}, so
     * {@code transactions} should hold that day too.
     *
     * @param transactions silver transactions of {@code [first - 1, last]}
     * @param lastActiveBefore {@code account_id, last_active_date} as of the day before {@code first}
     */
    public static Dataset<Row> accountDaily(Dataset<Row> transactions, Dataset<Row> lastActiveBefore,
                                            LocalDate first, LocalDate last) {
        return accountDaily(transactions, lastActiveBefore, first, last, ReportingLines.DEFAULTS);
    }

    /** {@link #accountDaily(Dataset, Dataset, LocalDate, LocalDate)} with the city's reporting lines. */
    public static Dataset<Row> accountDaily(Dataset<Row> transactions, Dataset<Row> lastActiveBefore,
                                            LocalDate first, LocalDate last, ReportingLines lines) {
        Column amount = col(Transactions.AMOUNT);
        Column isIn = col(Transactions.DIRECTION).equalTo("IN");
        Column isOut = col(Transactions.DIRECTION).equalTo("OUT");
        Column inAmt = when(isIn, amount).otherwise(lit(BigDecimal.ZERO));
        Column outAmt = when(isOut, amount).otherwise(lit(BigDecimal.ZERO));
        WindowSpec byTime = Window.partitionBy(Transactions.ACCOUNT_ID).orderBy(TS);
        WindowSpec hour = byTime.rangeBetween(-AsOf.HOUR_S, 0);
        WindowSpec day = byTime.rangeBetween(-AsOf.DAY_S, 0);
        Dataset<Row> covered = transactionsInTime(transactions)
                .withColumn(TS, unix_seconds(col(Transactions.TXN_TIME)))
                .withColumn("_pt1h", when(isOut, covered(sum(inAmt).over(hour), sum(outAmt).over(hour), amount)))
                .withColumn("_pt24h", when(isOut, covered(sum(inAmt).over(day), sum(outAmt).over(day), amount)))
                .filter(between(first, last));

        Column balanceKnown = col(Transactions.BALANCE_AFTER).isNotNull();
        Dataset<Row> daily = covered.groupBy(col(Transactions.ACCOUNT_ID), col(Silver.BUSINESS_DATE)).agg(
                countIf(isIn).as(AggAccountDaily.IN_CNT),
                decimal(sum(inAmt)).as(AggAccountDaily.IN_AMT),
                countIf(isOut).as(AggAccountDaily.OUT_CNT),
                decimal(sum(outAmt)).as(AggAccountDaily.OUT_AMT),
                decimal(max(inAmt)).as(AggAccountDaily.MAX_IN_AMT),
                decimal(max(outAmt)).as(AggAccountDaily.MAX_OUT_AMT),
                countIf(AsOf.localHour(col(Transactions.TXN_TIME)).lt(6)).as(AggAccountDaily.NIGHT_CNT),
                countIf(AsOf.localWeekend(col(Transactions.TXN_TIME))).as(AggAccountDaily.WEEKEND_CNT),
                countIf(amount.mod(100).equalTo(0)).as(AggAccountDaily.ROUND_100_CNT),
                countIf(amount.mod(1000).equalTo(0)).as(AggAccountDaily.ROUND_1000_CNT),
                countIf(lines.justBelowAny(amount)).as(AggAccountDaily.BELOW_THRESHOLD_CNT),
                decimal(sum(when(col(Transactions.CHANNEL).equalTo("ATM"), outAmt).otherwise(lit(BigDecimal.ZERO))))
                        .as(AggAccountDaily.OUT_ATM_AMT),
                decimal(sum(when(col(Transactions.CHANNEL).equalTo("THIRD_PARTY"), outAmt)
                        .otherwise(lit(BigDecimal.ZERO)))).as(AggAccountDaily.OUT_THIRD_PARTY_AMT),
                decimal(coalesce(sum("_pt1h"), lit(BigDecimal.ZERO))).as(AggAccountDaily.PASS_THROUGH_1H_AMT),
                decimal(coalesce(sum("_pt24h"), lit(BigDecimal.ZERO))).as(AggAccountDaily.PASS_THROUGH_24H_AMT),
                decimal(max_by(col(Transactions.BALANCE_AFTER), when(balanceKnown,
                        struct(col(Transactions.TXN_TIME), col(Transactions.TXN_KEY)))))
                        .as(AggAccountDaily.LAST_BALANCE),
                max(when(balanceKnown, col(Transactions.TXN_TIME))).as(AggAccountDaily.LAST_BALANCE_TIME),
                array_sort(collect_set(col(Transactions.DEVICE_ID))).as(AggAccountDaily.DEVICES),
                array_sort(collect_set(col(Transactions.IP))).as(AggAccountDaily.IPS));

        Column previousInRange = lag(col(Silver.BUSINESS_DATE), 1)
                .over(Window.partitionBy(Transactions.ACCOUNT_ID).orderBy(Silver.BUSINESS_DATE));
        return daily.join(lastActiveBefore.select(col(AccountLastActive.ACCOUNT_ID).as(AggAccountDaily.ACCOUNT_ID),
                                col(AccountLastActive.LAST_ACTIVE_DATE).as("_before")),
                        new String[]{AggAccountDaily.ACCOUNT_ID}, "left")
                .withColumn(AggAccountDaily.PREV_ACTIVE_DATE, coalesce(previousInRange, col("_before")))
                .select(col(AggAccountDaily.ACCOUNT_ID), col(AggAccountDaily.IN_CNT), col(AggAccountDaily.IN_AMT),
                        col(AggAccountDaily.OUT_CNT), col(AggAccountDaily.OUT_AMT), col(AggAccountDaily.MAX_IN_AMT),
                        col(AggAccountDaily.MAX_OUT_AMT), col(AggAccountDaily.NIGHT_CNT),
                        col(AggAccountDaily.WEEKEND_CNT), col(AggAccountDaily.ROUND_100_CNT),
                        col(AggAccountDaily.ROUND_1000_CNT), col(AggAccountDaily.BELOW_THRESHOLD_CNT),
                        col(AggAccountDaily.OUT_ATM_AMT), col(AggAccountDaily.OUT_THIRD_PARTY_AMT),
                        col(AggAccountDaily.PASS_THROUGH_1H_AMT), col(AggAccountDaily.PASS_THROUGH_24H_AMT),
                        col(AggAccountDaily.LAST_BALANCE), col(AggAccountDaily.LAST_BALANCE_TIME),
                        col(AggAccountDaily.DEVICES), col(AggAccountDaily.IPS),
                        col(AggAccountDaily.PREV_ACTIVE_DATE), col(Gold.BUSINESS_DATE));
    }

    /** Outflow {@code o} covered by inflow {@code in} of the window, less the window's other outflow. */
    private static Column covered(Column windowIn, Column windowOut, Column o) {
        Column otherOut = windowOut.minus(o);
        return least(o, greatest(windowIn.minus(otherOut), lit(BigDecimal.ZERO)));
    }

    private static Column decimal(Column c) {
        return c.cast(AMOUNT);
    }

    /**
     * gold/agg_account_counterparty_daily for the days {@code [first, last]}: per account, direction,
     * counterparty and day, the bookings' count, amount and first and last times.
     */
    public static Dataset<Row> accountCounterpartyDaily(Dataset<Row> transactions, LocalDate first, LocalDate last) {
        Column cp = counterpartyId();
        return transactionsInTime(transactions)
                .filter(between(first, last).and(cp.isNotNull()))
                .groupBy(col(Transactions.ACCOUNT_ID), col(Transactions.DIRECTION),
                        cp.as(AggAccountCounterpartyDaily.COUNTERPARTY_ID), col(Silver.BUSINESS_DATE))
                .agg(max(Transactions.COUNTERPARTY_BANK).as(AggAccountCounterpartyDaily.COUNTERPARTY_BANK),
                        count(lit(1)).as(AggAccountCounterpartyDaily.CNT),
                        decimal(sum(Transactions.AMOUNT)).as(AggAccountCounterpartyDaily.AMT),
                        min(Transactions.TXN_TIME).as(AggAccountCounterpartyDaily.FIRST_TIME),
                        max(Transactions.TXN_TIME).as(AggAccountCounterpartyDaily.LAST_TIME))
                .select(col(AggAccountCounterpartyDaily.ACCOUNT_ID), col(AggAccountCounterpartyDaily.DIRECTION),
                        col(AggAccountCounterpartyDaily.COUNTERPARTY_ID),
                        col(AggAccountCounterpartyDaily.COUNTERPARTY_BANK), col(AggAccountCounterpartyDaily.CNT),
                        col(AggAccountCounterpartyDaily.AMT), col(AggAccountCounterpartyDaily.FIRST_TIME),
                        col(AggAccountCounterpartyDaily.LAST_TIME), col(Gold.BUSINESS_DATE));
    }

    /**
     * gold/agg_phone_daily for the days {@code [first, last]}: each call counted once on the caller's side
     * (outbound) and once on the callee's (inbound), in one grouping.
     */
    public static Dataset<Row> phoneDaily(Dataset<Row> calls, LocalDate first, LocalDate last) {
        return phoneDaily(calls, first, last, SignalSettings.DEFAULTS.shortCallSeconds());
    }

    /** {@link #phoneDaily(Dataset, LocalDate, LocalDate)}, voice calls under {@code shortCallSeconds} short. */
    public static Dataset<Row> phoneDaily(Dataset<Row> calls, LocalDate first, LocalDate last, int shortCallSeconds) {
        Dataset<Row> inTime = callsInTime(calls).filter(between(first, last));
        Column voice = col(Calls.KIND).equalTo("VOICE");
        Column sms = col(Calls.KIND).equalTo("SMS");
        Column intl = coalesce(col(Calls.INTERNATIONAL), lit(false));
        Dataset<Row> sides = inTime.select(col(Calls.CALLER).as(AggPhoneDaily.PHONE), lit(true).as("_out"),
                        col(Calls.KIND), col(Calls.DURATION_S), intl.as("_intl"), col(Calls.CALLER_IMEI),
                        col(Silver.BUSINESS_DATE))
                .unionByName(inTime.select(col(Calls.CALLEE).as(AggPhoneDaily.PHONE), lit(false).as("_out"),
                        col(Calls.KIND), col(Calls.DURATION_S), intl.as("_intl"),
                        lit(null).cast("string").as(Calls.CALLER_IMEI), col(Silver.BUSINESS_DATE)));
        Column out = col("_out");
        Column in = col("_out").equalTo(false);
        Column duration = coalesce(col(Calls.DURATION_S), lit(0));
        return sides.filter(col(AggPhoneDaily.PHONE).isNotNull())
                .groupBy(col(AggPhoneDaily.PHONE), col(Silver.BUSINESS_DATE)).agg(
                        countIf(out).as(AggPhoneDaily.OUT_CNT),
                        countIf(out.and(voice)).as(AggPhoneDaily.OUT_VOICE_CNT),
                        countIf(out.and(sms)).as(AggPhoneDaily.OUT_SMS_CNT),
                        countIf(out.and(voice).and(duration.lt(shortCallSeconds))).as(AggPhoneDaily.OUT_SHORT_CNT),
                        countIf(out.and(voice).and(duration.equalTo(0))).as(AggPhoneDaily.OUT_UNANSWERED_CNT),
                        countIf(out.and(col("_intl"))).as(AggPhoneDaily.OUT_INTL_CNT),
                        coalesce(sum(when(out, duration.cast("long"))), lit(0L)).as(AggPhoneDaily.OUT_DURATION_S),
                        countIf(in).as(AggPhoneDaily.IN_CNT),
                        countIf(in.and(voice)).as(AggPhoneDaily.IN_VOICE_CNT),
                        countIf(in.and(sms)).as(AggPhoneDaily.IN_SMS_CNT),
                        countIf(in.and(col("_intl"))).as(AggPhoneDaily.IN_INTL_CNT),
                        array_sort(collect_set(col(Calls.CALLER_IMEI))).as(AggPhoneDaily.IMEIS))
                .select(col(AggPhoneDaily.PHONE), col(AggPhoneDaily.OUT_CNT), col(AggPhoneDaily.OUT_VOICE_CNT),
                        col(AggPhoneDaily.OUT_SMS_CNT), col(AggPhoneDaily.OUT_SHORT_CNT),
                        col(AggPhoneDaily.OUT_UNANSWERED_CNT), col(AggPhoneDaily.OUT_INTL_CNT),
                        col(AggPhoneDaily.OUT_DURATION_S), col(AggPhoneDaily.IN_CNT), col(AggPhoneDaily.IN_VOICE_CNT),
                        col(AggPhoneDaily.IN_SMS_CNT), col(AggPhoneDaily.IN_INTL_CNT), col(AggPhoneDaily.IMEIS),
                        col(Gold.BUSINESS_DATE));
    }

    /** gold/agg_phone_contact_daily for the days {@code [first, last]}: per caller, callee and day. */
    public static Dataset<Row> phoneContactDaily(Dataset<Row> calls, LocalDate first, LocalDate last) {
        Column duration = coalesce(col(Calls.DURATION_S), lit(0)).cast("long");
        return callsInTime(calls)
                .filter(between(first, last).and(col(Calls.CALLER).isNotNull()).and(col(Calls.CALLEE).isNotNull()))
                .groupBy(col(Calls.CALLER), col(Calls.CALLEE), col(Silver.BUSINESS_DATE)).agg(
                        count(lit(1)).as(AggPhoneContactDaily.CNT),
                        countIf(col(Calls.KIND).equalTo("VOICE")).as(AggPhoneContactDaily.VOICE_CNT),
                        countIf(col(Calls.KIND).equalTo("SMS")).as(AggPhoneContactDaily.SMS_CNT),
                        sum(duration).as(AggPhoneContactDaily.DURATION_S),
                        min(Calls.START_TIME).as(AggPhoneContactDaily.FIRST_TIME),
                        max(Calls.START_TIME).as(AggPhoneContactDaily.LAST_TIME))
                .select(col(AggPhoneContactDaily.CALLER), col(AggPhoneContactDaily.CALLEE),
                        col(AggPhoneContactDaily.CNT), col(AggPhoneContactDaily.VOICE_CNT),
                        col(AggPhoneContactDaily.SMS_CNT), col(AggPhoneContactDaily.DURATION_S),
                        col(AggPhoneContactDaily.FIRST_TIME), col(AggPhoneContactDaily.LAST_TIME),
                        col(Gold.BUSINESS_DATE));
    }

    /**
     * gold/account_last_active as of {@code asOf}: the earlier state updated with the days' activity.
     *
     * @param before {@code account_id, last_active_date}, the state before the aggregated days
     * @param accountDaily agg_account_daily rows of the days up to {@code asOf}
     */
    public static Dataset<Row> lastActive(Dataset<Row> before, Dataset<Row> accountDaily, LocalDate asOf) {
        return before.select(col(AccountLastActive.ACCOUNT_ID), col(AccountLastActive.LAST_ACTIVE_DATE))
                .unionByName(accountDaily.filter(col(Gold.BUSINESS_DATE).leq(AsOf.day(asOf)))
                        .select(col(AggAccountDaily.ACCOUNT_ID).as(AccountLastActive.ACCOUNT_ID),
                                col(Gold.BUSINESS_DATE).as(AccountLastActive.LAST_ACTIVE_DATE)))
                .groupBy(AccountLastActive.ACCOUNT_ID)
                .agg(max(AccountLastActive.LAST_ACTIVE_DATE).as(AccountLastActive.LAST_ACTIVE_DATE))
                .withColumn(Gold.BUSINESS_DATE, AsOf.day(asOf));
    }

    /** The last active date per account from agg_account_daily rows (all days before some date). */
    public static Dataset<Row> lastActiveFromAggregates(Dataset<Row> accountDaily) {
        return accountDaily.groupBy(col(AggAccountDaily.ACCOUNT_ID).as(AccountLastActive.ACCOUNT_ID))
                .agg(max(Gold.BUSINESS_DATE).as(AccountLastActive.LAST_ACTIVE_DATE));
    }
}

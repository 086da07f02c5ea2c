package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.cappedShare;
import static org.fraudlake.pipelines.features.Exprs.countIf;
import static org.fraudlake.pipelines.features.Exprs.doubleOrZero;
import static org.fraudlake.pipelines.features.Exprs.intOrZero;
import static org.fraudlake.pipelines.features.Exprs.longOrZero;
import static org.fraudlake.pipelines.features.Exprs.share;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggAccountDaily;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;

/**
 * gold/features_account_daily for one date, from the daily aggregates of the last 30 days: never from raw
 * transactions. {@link #totals} is one grouping of the 30 daily rows per account, each window a conditional
 * sum (it also feeds the person and company flows); distinct counterparties per window come from each
 * counterparty's last day ({@link CounterpartyPairs}: a counterparty is in the 7-day window iff its last day
 * is); the device and IP graph is built from the daily device/IP sets. Cost: the totals grouping, one grouping
 * of the counterparty pairs, two of the device/IP keys, joins of per-account frames; labels are broadcast.
 */
public final class AccountFeatures {
    private static final String RISKY = "_risky";
    private static final String OWN_HOLDER = "_own_holder";
    private static final String KIND = "_kind";
    private static final String KEY = "_key";
    private static final String HOLDERS = "_holders";

    private AccountFeatures() {
    }

    /**
     * @param asOf the date D
     * @param totals {@link #totals} as of D
     * @param accountDaily agg_account_daily rows (days outside the 30-day window are ignored)
     * @param counterparties {@link CounterpartyPairs} as of D
     * @param accounts silver accounts known on D ({@link StateAsOf#accounts})
     * @param labeledAccounts {@link StateAsOf#labeledAccounts} as of D
     * @param callPayments agg_call_payment_daily rows ({@link CallPayments}; days outside the 30-day window are
     *                     ignored)
     * @param historyStart the first business date the lake has transactions for: an account with no earlier
     *                     activity on record counts as idle since it opened or since then, whichever is later
     *                     (what happened before the lake existed is unknown, not dormancy)
     * @param signals the holders above which a shared device or IP is infrastructure
     */
    public static Dataset<Row> compute(AsOf asOf, Dataset<Row> totals, Dataset<Row> accountDaily,
                                       Dataset<Row> counterparties, Dataset<Row> accounts,
                                       Dataset<Row> labeledAccounts, Dataset<Row> callPayments,
                                       LocalDate historyStart, SignalSettings signals) {
        Dataset<Row> window = accountDaily.filter(asOf.within(AsOf.WINDOW_DAYS));
        Dataset<Row> info = accounts.select(col(Accounts.ACCOUNT_ID), col(Accounts.BANK), col(Accounts.HOLDER_ID),
                col(Accounts.OPEN_DATE));
        Dataset<Row> active = totals.select(AggAccountDaily.ACCOUNT_ID)
                .union(accounts.filter(asOf.within(col(Accounts.OPEN_DATE), AsOf.WINDOW_DAYS))
                        .select(Accounts.ACCOUNT_ID))
                .distinct();
        String[] key = {AggAccountDaily.ACCOUNT_ID};
        Dataset<Row> joined = active
                .join(totals, key, "left")
                .join(counterparties(asOf, counterparties, labeledAccounts), key, "left")
                .join(sharedKeys(window, accounts, signals.maxKeyHolders()), key, "left")
                .join(CallPayments.perPayee(asOf, callPayments, AggAccountDaily.ACCOUNT_ID), key, "left")
                .join(info, key, "left")
                .join(holders(asOf, accounts), new String[]{Accounts.HOLDER_ID}, "left");
        return joined.select(features(asOf, historyStart));
    }

    private static Column since(AsOf asOf, int days, String column) {
        return sumIf(asOf.within(days), col(column));
    }

    /**
     * Window sums per account over the daily aggregates, exact: counts and amounts per window under their
     * feature names ({@link FeaturesAccount#IN_AMT_7D} ...) but as long and decimal, and the sums the other
     * features are ratios of. One grouping of the 30-day rows.
     */
    public static Dataset<Row> totals(AsOf asOf, Dataset<Row> accountDaily) {
        List<Column> aggs = new ArrayList<>();
        String[][] names = {
                {AggAccountDaily.IN_CNT, FeaturesAccount.IN_CNT_1D, FeaturesAccount.IN_CNT_7D, FeaturesAccount.IN_CNT_30D},
                {AggAccountDaily.IN_AMT, FeaturesAccount.IN_AMT_1D, FeaturesAccount.IN_AMT_7D, FeaturesAccount.IN_AMT_30D},
                {AggAccountDaily.OUT_CNT, FeaturesAccount.OUT_CNT_1D, FeaturesAccount.OUT_CNT_7D,
                        FeaturesAccount.OUT_CNT_30D},
                {AggAccountDaily.OUT_AMT, FeaturesAccount.OUT_AMT_1D, FeaturesAccount.OUT_AMT_7D,
                        FeaturesAccount.OUT_AMT_30D}};
        for (String[] n : names) {
            aggs.add(since(asOf, 1, n[0]).as(n[1]));
            aggs.add(since(asOf, 7, n[0]).as(n[2]));
            aggs.add(sum(n[0]).as(n[3]));
        }
        aggs.add(since(asOf, 7, AggAccountDaily.PASS_THROUGH_1H_AMT).as("pt1h_7"));
        aggs.add(sum(AggAccountDaily.PASS_THROUGH_1H_AMT).as("pt1h_30"));
        aggs.add(since(asOf, 7, AggAccountDaily.PASS_THROUGH_24H_AMT).as("pt24h_7"));
        aggs.add(sum(AggAccountDaily.PASS_THROUGH_24H_AMT).as("pt24h_30"));
        aggs.add(max(AggAccountDaily.MAX_IN_AMT).as("max_in"));
        aggs.add(max(AggAccountDaily.MAX_OUT_AMT).as("max_out"));
        aggs.add(sum(AggAccountDaily.NIGHT_CNT).as("night"));
        aggs.add(sum(AggAccountDaily.WEEKEND_CNT).as("weekend"));
        aggs.add(sum(AggAccountDaily.ROUND_100_CNT).as("round100"));
        aggs.add(sum(AggAccountDaily.ROUND_1000_CNT).as("round1000"));
        aggs.add(sum(AggAccountDaily.BELOW_THRESHOLD_CNT).as("below"));
        aggs.add(sum(AggAccountDaily.OUT_ATM_AMT).as("atm"));
        aggs.add(sum(AggAccountDaily.OUT_THIRD_PARTY_AMT).as("third_party"));
        aggs.add(max_by(col(AggAccountDaily.LAST_BALANCE), col(AggAccountDaily.LAST_BALANCE_TIME)).as("balance"));
        aggs.add(max(Gold.BUSINESS_DATE).as("last_active"));
        aggs.add(max_by(col(AggAccountDaily.PREV_ACTIVE_DATE), col(Gold.BUSINESS_DATE)).as("prev_active"));
        aggs.add(count(lit(1)).as("active_days"));
        return accountDaily.filter(asOf.within(AsOf.WINDOW_DAYS)).groupBy(AggAccountDaily.ACCOUNT_ID)
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    /** Distinct counterparties per window and direction, counterparty banks, and flows with labeled accounts. */
    static Dataset<Row> counterparties(AsOf asOf, Dataset<Row> pairs, Dataset<Row> labeledAccounts) {
        Dataset<Row> risky = labeledAccounts.filter(col(StateAsOf.COUNTERPARTY_RISK))
                .select(col(Accounts.ACCOUNT_ID).as(CounterpartyPairs.COUNTERPARTY_ID), lit(true).as(RISKY));
        Column in = col(CounterpartyPairs.DIRECTION).equalTo("IN");
        Column out = col(CounterpartyPairs.DIRECTION).equalTo("OUT");
        Column last = col(CounterpartyPairs.LAST_DAY);
        Column isRisky = coalesce(col(RISKY), lit(false));
        Column amount = col(CounterpartyPairs.AMT_30D);
        return pairs.filter(CounterpartyPairs.inWindow(asOf))
                .join(broadcast(risky), new String[]{CounterpartyPairs.COUNTERPARTY_ID}, "left")
                .groupBy(CounterpartyPairs.ACCOUNT_ID).agg(
                        countIf(in.and(last.equalTo(asOf.day()))).as("in_cp_1"),
                        countIf(in.and(asOf.within(last, 7))).as("in_cp_7"),
                        countIf(in).as("in_cp_30"),
                        countIf(out.and(last.equalTo(asOf.day()))).as("out_cp_1"),
                        countIf(out.and(asOf.within(last, 7))).as("out_cp_7"),
                        countIf(out).as("out_cp_30"),
                        size(collect_set(CounterpartyPairs.COUNTERPARTY_BANK)).as("cp_banks"),
                        sumIf(in.and(isRisky), amount).as("in_labeled"),
                        sumIf(out.and(isRisky), amount).as("out_labeled"));
    }

    /**
     * Devices and IPs per account over the window, and how many other holders used the same ones. Holders
     * are silver holder tokens; an account unknown to silver counts as its own holder. A device or IP used by
     * more than {@code maxKeyHolders} holders ({@link SignalSettings#maxKeyHolders}) is infrastructure (a branch
     * terminal, a carrier's NAT, a VPN exit), not a controller's handset: it counts among the account's devices and
     * IPs but not towards the holders it shares them with.
     */
    static Dataset<Row> sharedKeys(Dataset<Row> window, Dataset<Row> accounts, int maxKeyHolders) {
        Dataset<Row> holder = accounts.select(col(Accounts.ACCOUNT_ID), col(Accounts.HOLDER_ID));
        Dataset<Row> pairs = window.select(col(AggAccountDaily.ACCOUNT_ID), lit("D").as(KIND),
                        explode(col(AggAccountDaily.DEVICES)).as(KEY))
                .union(window.select(col(AggAccountDaily.ACCOUNT_ID), lit("I").as(KIND),
                        explode(col(AggAccountDaily.IPS)).as(KEY)))
                .distinct()
                .join(holder, new String[]{AggAccountDaily.ACCOUNT_ID}, "left")
                .withColumn(OWN_HOLDER, coalesce(col(Accounts.HOLDER_ID), col(AggAccountDaily.ACCOUNT_ID)))
                .drop(Accounts.HOLDER_ID);
        Dataset<Row> keyHolders = pairs.groupBy(KIND, KEY).agg(collect_set(OWN_HOLDER).as(HOLDERS));
        Column personal = size(col(HOLDERS)).leq(maxKeyHolders);
        Column device = col(KIND).equalTo("D");
        Column ip = col(KIND).equalTo("I");
        return pairs.join(keyHolders, new String[]{KIND, KEY})
                .groupBy(AggAccountDaily.ACCOUNT_ID, OWN_HOLDER).agg(
                        countIf(device).as("devices"),
                        countIf(ip).as("ips"),
                        array_distinct(flatten(collect_list(when(device.and(personal), col(HOLDERS))))).as("_dev_holders"),
                        array_distinct(flatten(collect_list(when(ip.and(personal), col(HOLDERS))))).as("_ip_holders"))
                .select(col(AggAccountDaily.ACCOUNT_ID), col("devices"), col("ips"),
                        size(array_remove(col("_dev_holders"), col(OWN_HOLDER))).as("dev_other_holders"),
                        size(array_remove(col("_ip_holders"), col(OWN_HOLDER))).as("ip_other_holders"));
    }

    /** Per holder: accounts opened in the last 7 and 30 days (all partner banks), their banks, birth date. */
    static Dataset<Row> holders(AsOf asOf, Dataset<Row> accounts) {
        Column opened30 = asOf.within(col(Accounts.OPEN_DATE), 30);
        return accounts.filter(col(Accounts.HOLDER_ID).isNotNull()).groupBy(Accounts.HOLDER_ID).agg(
                countIf(asOf.within(col(Accounts.OPEN_DATE), 7)).as("opened_7"),
                countIf(opened30).as("opened_30"),
                size(collect_set(when(opened30, col(Accounts.BANK)))).as("banks_opened_30"),
                max(Accounts.HOLDER_BIRTH_DATE).as("birth"));
    }

    /** Whole years from {@code birth} to D; 0 when unknown. */
    static Column ageYears(AsOf asOf, Column birth) {
        return intOrZero(floor(months_between(asOf.day(), birth).divide(12)));
    }

    private static List<Column> rollingFeatures() {
        List<Column> out = new ArrayList<>();
        for (String name : List.of(FeaturesAccount.IN_CNT_1D, FeaturesAccount.IN_CNT_7D, FeaturesAccount.IN_CNT_30D)) {
            out.add(longOrZero(col(name)).as(name));
        }
        for (String name : List.of(FeaturesAccount.IN_AMT_1D, FeaturesAccount.IN_AMT_7D, FeaturesAccount.IN_AMT_30D)) {
            out.add(doubleOrZero(col(name)).as(name));
        }
        for (String name : List.of(FeaturesAccount.OUT_CNT_1D, FeaturesAccount.OUT_CNT_7D,
                FeaturesAccount.OUT_CNT_30D)) {
            out.add(longOrZero(col(name)).as(name));
        }
        for (String name : List.of(FeaturesAccount.OUT_AMT_1D, FeaturesAccount.OUT_AMT_7D,
                FeaturesAccount.OUT_AMT_30D)) {
            out.add(doubleOrZero(col(name)).as(name));
        }
        return out;
    }

    private static Column[] features(AsOf asOf, LocalDate historyStart) {
        Column txns = coalesce(col(FeaturesAccount.IN_CNT_30D), lit(0L))
                .plus(coalesce(col(FeaturesAccount.OUT_CNT_30D), lit(0L)));
        Column in7 = col(FeaturesAccount.IN_AMT_7D);
        Column in30 = col(FeaturesAccount.IN_AMT_30D);
        Column out30 = col(FeaturesAccount.OUT_AMT_30D);
        Column openDate = col(Accounts.OPEN_DATE);
        Column idleSince = coalesce(col("prev_active"), greatest(openDate, lit(historyStart.toString()).cast("date")));
        List<Column> c = new ArrayList<>();
        c.add(col(FeaturesAccount.ACCOUNT_ID));
        c.add(col(Accounts.BANK).as(FeaturesAccount.BANK));
        c.add(col(Accounts.HOLDER_ID).as(FeaturesAccount.HOLDER_ID));
        c.addAll(rollingFeatures());
        c.add(doubleOrZero(col("max_in")).as(FeaturesAccount.MAX_IN_AMT_30D));
        c.add(doubleOrZero(col("max_out")).as(FeaturesAccount.MAX_OUT_AMT_30D));
        c.add(longOrZero(col("in_cp_1")).as(FeaturesAccount.IN_COUNTERPARTIES_1D));
        c.add(longOrZero(col("in_cp_7")).as(FeaturesAccount.IN_COUNTERPARTIES_7D));
        c.add(longOrZero(col("in_cp_30")).as(FeaturesAccount.IN_COUNTERPARTIES_30D));
        c.add(longOrZero(col("out_cp_1")).as(FeaturesAccount.OUT_COUNTERPARTIES_1D));
        c.add(longOrZero(col("out_cp_7")).as(FeaturesAccount.OUT_COUNTERPARTIES_7D));
        c.add(longOrZero(col("out_cp_30")).as(FeaturesAccount.OUT_COUNTERPARTIES_30D));
        c.add(longOrZero(col("cp_banks")).as(FeaturesAccount.COUNTERPARTY_BANKS_30D));
        c.add(cappedShare(col("pt1h_7"), in7).as(FeaturesAccount.PASS_THROUGH_1H_SHARE_7D));
        c.add(cappedShare(col("pt1h_30"), in30).as(FeaturesAccount.PASS_THROUGH_1H_SHARE_30D));
        c.add(cappedShare(col("pt24h_7"), in7).as(FeaturesAccount.PASS_THROUGH_24H_SHARE_7D));
        c.add(cappedShare(col("pt24h_30"), in30).as(FeaturesAccount.PASS_THROUGH_24H_SHARE_30D));
        c.add(share(col("balance"), in30).as(FeaturesAccount.BALANCE_LEFT_RATIO_30D));
        c.add(intOrZero(greatest(datediff(asOf.day(), openDate), lit(0))).as(FeaturesAccount.ACCOUNT_AGE_DAYS));
        c.add(when(asOf.within(openDate, AsOf.WINDOW_DAYS), lit(1)).otherwise(lit(0)).as(FeaturesAccount.IS_NEW_ACCOUNT));
        c.add(intOrZero(greatest(datediff(col("last_active"), idleSince).minus(1), lit(0)))
                .as(FeaturesAccount.DORMANCY_DAYS));
        c.add(intOrZero(col("active_days")).as(FeaturesAccount.ACTIVE_DAYS_30D));
        c.add(share(col("night"), txns).as(FeaturesAccount.NIGHT_TXN_SHARE_30D));
        c.add(share(col("weekend"), txns).as(FeaturesAccount.WEEKEND_TXN_SHARE_30D));
        c.add(share(col("round100"), txns).as(FeaturesAccount.ROUND_100_SHARE_30D));
        c.add(share(col("round1000"), txns).as(FeaturesAccount.ROUND_1000_SHARE_30D));
        c.add(share(col("below"), txns).as(FeaturesAccount.BELOW_THRESHOLD_SHARE_30D));
        c.add(share(col("atm"), out30).as(FeaturesAccount.ATM_OUT_SHARE_30D));
        c.add(share(col("third_party"), out30).as(FeaturesAccount.THIRD_PARTY_OUT_SHARE_30D));
        c.add(longOrZero(col("devices")).as(FeaturesAccount.DEVICES_30D));
        c.add(longOrZero(col("ips")).as(FeaturesAccount.IPS_30D));
        c.add(longOrZero(col("dev_other_holders")).as(FeaturesAccount.DEVICE_OTHER_HOLDERS_30D));
        c.add(longOrZero(col("ip_other_holders")).as(FeaturesAccount.IP_OTHER_HOLDERS_30D));
        c.add(longOrZero(col("opened_7")).as(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_7D));
        c.add(longOrZero(col("opened_30")).as(FeaturesAccount.HOLDER_ACCOUNTS_OPENED_30D));
        c.add(longOrZero(col("banks_opened_30")).as(FeaturesAccount.HOLDER_BANKS_OPENED_30D));
        c.add(ageYears(asOf, col("birth")).as(FeaturesAccount.HOLDER_AGE_YEARS));
        c.add(share(col("in_labeled"), in30).as(FeaturesAccount.IN_FROM_LABELED_SHARE_30D));
        c.add(share(col("out_labeled"), out30).as(FeaturesAccount.OUT_TO_LABELED_SHARE_30D));
        c.add(longOrZero(col("_stranger_payers_7")).as(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_7D));
        c.add(longOrZero(col("_stranger_payers_30")).as(FeaturesAccount.PAYERS_AFTER_STRANGER_CALL_30D));
        c.add(longOrZero(col("_stranger_callers_30")).as(FeaturesAccount.CALLERS_BEHIND_PAYERS_30D));
        c.add(asOf.day().as(Gold.BUSINESS_DATE));
        return c.toArray(Column[]::new);
    }
}

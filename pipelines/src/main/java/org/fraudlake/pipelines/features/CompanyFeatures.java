package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.countIf;
import static org.fraudlake.pipelines.features.Exprs.doubleOrZero;
import static org.fraudlake.pipelines.features.Exprs.intOrZero;
import static org.fraudlake.pipelines.features.Exprs.longOrZero;
import static org.fraudlake.pipelines.features.Exprs.share;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggAccountDaily;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesCompany;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Companies;

/**
 * gold/features_company_daily for one date: every company in the registry or holding a partner account on D.
 * A counterparty is a person or a company when its account is a partner account of that holder type;
 * counterparties outside the partner banks count in totals only. Payout regularity: days with outflow, the
 * coefficient of variation of the daily outflow over those days (from exact sums of the amounts and their
 * squares, so re-runs give the same bits), and the share of payees paid on several days (distinct days as a
 * bit mask, no sets). Cost: groupings of the company accounts' totals, daily rows and counterparty pairs;
 * the registry (small) is grouped by legal representative and phone.
 */
public final class CompanyFeatures {
    private static final String COMPANY = FeaturesCompany.COMPANY_ID;
    private static final String CP_HOLDER = "_cp_holder";
    private static final String CP_TYPE = "_cp_type";
    private static final String DAY_OUT = "_day_out";

    private CompanyFeatures() {
    }

    /**
     * @param asOf the date D
     * @param accountTotals {@link AccountFeatures#totals} as of D
     * @param accountDaily agg_account_daily rows (days outside the 30-day window are ignored)
     * @param counterparties {@link CounterpartyPairs} as of D
     * @param accounts silver accounts known on D
     * @param companies silver companies known on D
     */
    public static Dataset<Row> compute(AsOf asOf, Dataset<Row> accountTotals, Dataset<Row> accountDaily,
                                       Dataset<Row> counterparties, Dataset<Row> accounts, Dataset<Row> companies) {
        Dataset<Row> companyAccounts = accounts.filter(col(Accounts.HOLDER_TYPE).equalTo(StateAsOf.COMPANY)
                        .and(col(Accounts.HOLDER_ID).isNotNull()))
                .select(col(Accounts.ACCOUNT_ID), col(Accounts.HOLDER_ID).as(COMPANY));
        Dataset<Row> ids = companies.select(col(Companies.COMPANY_ID).as(COMPANY))
                .union(companyAccounts.select(COMPANY)).distinct();
        String[] key = {COMPANY};
        return ids
                .join(companyAccounts.groupBy(COMPANY).agg(count(lit(1)).as("accounts")), key, "left")
                .join(flows(asOf, accountTotals, accountDaily, companyAccounts), key, "left")
                .join(counterparties(asOf, counterparties, companyAccounts, accounts), key, "left")
                .join(payees(asOf, counterparties, companyAccounts), key, "left")
                .join(shared(companies, Companies.LEGAL_REP_ID, "rep_shared"), key, "left")
                .join(shared(companies, Companies.PHONE, "phone_shared"), key, "left")
                .join(companies.select(col(Companies.COMPANY_ID).as(COMPANY), col(Companies.REGISTERED_CAPITAL),
                        col(Companies.REG_DATE)), key, "left")
                .select(features(asOf));
    }

    /** 30-day totals (from the exact account totals) and the regularity of the daily outflow. */
    static Dataset<Row> flows(AsOf asOf, Dataset<Row> accountTotals, Dataset<Row> accountDaily,
                              Dataset<Row> companyAccounts) {
        Dataset<Row> totals = accountTotals.join(companyAccounts, AggAccountDaily.ACCOUNT_ID).groupBy(COMPANY).agg(
                sum(FeaturesAccount.IN_CNT_30D).as("in_cnt"), sum(FeaturesAccount.IN_AMT_30D).as("in_amt"),
                sum(FeaturesAccount.OUT_CNT_30D).as("out_cnt"), sum(FeaturesAccount.OUT_AMT_30D).as("out_amt"));
        Column dayOut = col(DAY_OUT);
        Dataset<Row> regularity = accountDaily.filter(asOf.within(AsOf.WINDOW_DAYS))
                .join(companyAccounts, AggAccountDaily.ACCOUNT_ID)
                .groupBy(COMPANY, Gold.BUSINESS_DATE).agg(sum(AggAccountDaily.OUT_AMT).as(DAY_OUT))
                .filter(dayOut.gt(0))
                .groupBy(COMPANY).agg(count(lit(1)).as("out_days"), sum(DAY_OUT).as("_out_sum"),
                        sum(dayOut.multiply(dayOut)).as("_out_sq"));
        Column days = col("out_days").cast("double");
        Column mean = col("_out_sum").cast("double").divide(days);
        Column variance = greatest(col("_out_sq").cast("double").divide(days).minus(pow(mean, 2)), lit(0.0));
        Column cv = when(mean.gt(0), sqrt(variance).divide(mean)).otherwise(lit(0.0));
        return totals.join(regularity.withColumn("out_cv", cv), new String[]{COMPANY}, "left");
    }

    /** Flows with persons and with other companies, by the counterparty account's holder. */
    static Dataset<Row> counterparties(AsOf asOf, Dataset<Row> pairs, Dataset<Row> companyAccounts,
                                       Dataset<Row> accounts) {
        Dataset<Row> holders = accounts.select(col(Accounts.ACCOUNT_ID).as(CounterpartyPairs.COUNTERPARTY_ID),
                col(Accounts.HOLDER_ID).as(CP_HOLDER), col(Accounts.HOLDER_TYPE).as(CP_TYPE));
        Column in = col(CounterpartyPairs.DIRECTION).equalTo("IN");
        Column out = col(CounterpartyPairs.DIRECTION).equalTo("OUT");
        Column person = col(CP_TYPE).equalTo(StateAsOf.PERSON);
        Column otherCompany = col(CP_TYPE).equalTo(StateAsOf.COMPANY).and(col(CP_HOLDER).notEqual(col(COMPANY)));
        Column amt = col(CounterpartyPairs.AMT_30D);
        return pairs.filter(CounterpartyPairs.inWindow(asOf))
                .join(companyAccounts, CounterpartyPairs.ACCOUNT_ID)
                .join(holders, new String[]{CounterpartyPairs.COUNTERPARTY_ID}, "left")
                .groupBy(COMPANY).agg(
                        sumIf(in.and(person), col(CounterpartyPairs.CNT_30D)).as("in_persons_cnt"),
                        size(collect_set(when(in.and(person), col(CP_HOLDER)))).as("in_persons"),
                        sumIf(out.and(person), amt).as("out_persons_amt"),
                        sumIf(in.and(otherCompany), amt).as("in_companies_amt"),
                        sumIf(out.and(otherCompany), amt).as("out_companies_amt"),
                        size(collect_set(when(otherCompany, col(CP_HOLDER)))).as("cp_companies"));
    }

    /** Payees over the window and how many were paid on at least two distinct days. */
    static Dataset<Row> payees(AsOf asOf, Dataset<Row> pairs, Dataset<Row> companyAccounts) {
        return pairs.filter(CounterpartyPairs.inWindow(asOf).and(col(CounterpartyPairs.DIRECTION).equalTo("OUT")))
                .join(companyAccounts, CounterpartyPairs.ACCOUNT_ID)
                .groupBy(COMPANY, CounterpartyPairs.COUNTERPARTY_ID)
                .agg(bit_count(bit_or(col(CounterpartyPairs.DAY_MASK_30D))).as("_days"))
                .groupBy(COMPANY)
                .agg(count(lit(1)).as("payees"), countIf(col("_days").geq(2)).as("repeat_payees"));
    }

    /** Per company: how many other companies share its value of {@code column} (0 when it has none). */
    static Dataset<Row> shared(Dataset<Row> companies, String column, String as) {
        Dataset<Row> values = companies.filter(col(column).isNotNull())
                .select(col(Companies.COMPANY_ID).as(COMPANY), col(column)).distinct();
        return values.join(values.groupBy(column).agg(count(lit(1)).as("_n")), column)
                .select(col(COMPANY), col("_n").minus(1).as(as));
    }

    private static Column[] features(AsOf asOf) {
        Column flow = col("in_amt").plus(col("out_amt"));
        return List.of(
                col(COMPANY),
                longOrZero(col("accounts")).as(FeaturesCompany.ACCOUNTS_CNT),
                longOrZero(col("in_cnt")).as(FeaturesCompany.IN_CNT_30D),
                doubleOrZero(col("in_amt")).as(FeaturesCompany.IN_AMT_30D),
                longOrZero(col("out_cnt")).as(FeaturesCompany.OUT_CNT_30D),
                doubleOrZero(col("out_amt")).as(FeaturesCompany.OUT_AMT_30D),
                longOrZero(col("in_persons_cnt")).as(FeaturesCompany.IN_FROM_PERSONS_CNT_30D),
                longOrZero(col("in_persons")).as(FeaturesCompany.IN_DISTINCT_PERSONS_30D),
                longOrZero(col("out_days")).as(FeaturesCompany.OUT_ACTIVE_DAYS_30D),
                doubleOrZero(col("out_cv")).as(FeaturesCompany.OUT_DAILY_AMT_CV_30D),
                longOrZero(col("payees")).as(FeaturesCompany.PAYEES_30D),
                share(col("repeat_payees"), col("payees")).as(FeaturesCompany.PAYEE_REPEAT_SHARE_30D),
                share(col("out_persons_amt"), col("out_amt")).as(FeaturesCompany.OUT_TO_PERSONS_AMT_SHARE_30D),
                doubleOrZero(col("in_companies_amt")).as(FeaturesCompany.IN_FROM_COMPANIES_AMT_30D),
                doubleOrZero(col("out_companies_amt")).as(FeaturesCompany.OUT_TO_COMPANIES_AMT_30D),
                longOrZero(col("cp_companies")).as(FeaturesCompany.COUNTERPARTY_COMPANIES_30D),
                longOrZero(col("rep_shared")).as(FeaturesCompany.LEGAL_REP_SHARED_COMPANIES),
                longOrZero(col("phone_shared")).as(FeaturesCompany.PHONE_SHARED_COMPANIES),
                doubleOrZero(col(Companies.REGISTERED_CAPITAL)).as(FeaturesCompany.REGISTERED_CAPITAL),
                share(flow, col(Companies.REGISTERED_CAPITAL)).as(FeaturesCompany.FLOW_TO_CAPITAL_RATIO_30D),
                intOrZero(greatest(datediff(asOf.day(), col(Companies.REG_DATE)), lit(0)))
                        .as(FeaturesCompany.COMPANY_AGE_DAYS),
                asOf.day().as(Gold.BUSINESS_DATE)).toArray(Column[]::new);
    }
}

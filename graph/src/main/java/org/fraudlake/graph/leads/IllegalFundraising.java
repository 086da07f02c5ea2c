package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;

/**
 * Illegal fund-raising: a company (across its accounts) that takes payments of at least {@link #MIN_INVESTMENT}
 * from at least {@link #MIN_INVESTORS} different persons, pays persons in batches (a day with at least
 * {@link #MIN_BATCH} person payees), and pays back the same people who paid in: at least {@link #MIN_RETURNED}
 * payees (and {@link #MIN_RETURNED_SHARE} of the payers) were also payers: the "returns". Outflows of at
 * least {@link #MIN_SIPHON} to parties that never paid in are the siphoning, shown as members and evidence.
 *
 * <p>Look-alikes: payroll and pension fan-out (payees never paid the company), shops with thousands of
 * inflows (the payers are never paid back in batches). Cost: two aggregations of the window's transfers
 * touching company accounts and one join of payers with payees per company. The thresholds are settings
 * ({@code leads.illegal-fundraising.*}, see {@link LeadRules}).
 */
public final class IllegalFundraising {
    /** Smallest payment in that counts as an investment. */
    public static final LeadRules.Rule MIN_INVESTMENT = rule("min-investment", LeadRules.Kind.AMOUNT, "1000",
            "Smallest payment (CNY) from a person to a company that counts as an investment.");
    /** Fewest different persons investing. */
    public static final LeadRules.Rule MIN_INVESTORS = rule("min-investors", LeadRules.Kind.COUNT, "5",
            "Fewest different persons that invest in a company in the window.");
    /** Fewest person payees on one day of a batch. */
    public static final LeadRules.Rule MIN_BATCH = rule("min-batch", LeadRules.Kind.COUNT, "5",
            "Fewest persons a company pays on one day for the day to be a batch of payouts.");
    /** Fewest payees that were also payers. */
    public static final LeadRules.Rule MIN_RETURNED = rule("min-returned", LeadRules.Kind.COUNT, "3",
            "Fewest payees of the company that were also its investors (the returns).");
    /** Least share of the payers paid back. */
    public static final LeadRules.Rule MIN_RETURNED_SHARE = rule("min-returned-share", LeadRules.Kind.SHARE, "0.2",
            "Least share of the investors that are paid back.");
    /** Smallest outflow to a non-investor that is siphoning. */
    public static final LeadRules.Rule MIN_SIPHON = rule("min-siphon", LeadRules.Kind.AMOUNT, "100000",
            "Smallest outflow (CNY) to a party that never paid in that is shown as siphoning.");

    private static final String FIRM = "_firm";
    private static final String PARTY = "_party";

    private IllegalFundraising() {
    }

    /**
     * Leads from transfers with holders in the window, under the default rules.
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date) {
        return detect(flows, date, LeadRules.DEFAULTS);
    }

    /** As {@link #detect(Dataset, LocalDate)} under {@code rules}. */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date, LeadRules rules) {
        Column evidence = LeadRows.evidence(LeadRows.TRANSACTION, col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME));
        Dataset<Row> inflows = flows.filter(col(Flows.DST_HOLDER_TYPE).equalTo(Flows.COMPANY)
                        .and(col(Flows.SRC_HOLDER_TYPE).equalTo(Flows.PERSON))
                        .and(col(Flows.AMOUNT).geq(lit(rules.amount(MIN_INVESTMENT)))))
                .select(col(Flows.DST_HOLDER).as(FIRM), col(Flows.SRC_HOLDER).as(PARTY), col(Flows.SRC).as("_acc"),
                        col(Flows.DST).as("_firm_acc"), evidence.as("_ev"));
        Dataset<Row> outflows = flows.filter(col(Flows.SRC_HOLDER_TYPE).equalTo(Flows.COMPANY)
                        .and(col(Flows.DST).isNotNull()))
                .select(col(Flows.SRC_HOLDER).as(FIRM), Flows.party(col(Flows.DST_HOLDER), col(Flows.DST)).as(PARTY),
                        col(Flows.DST_HOLDER_TYPE).as("_type"), col(Flows.DST).as("_acc"), col(Flows.SRC).as("_firm_acc"),
                        col(Flows.AMOUNT).cast("double").as("_amt"), functions.to_date(col(Flows.TIME)).as("_day"),
                        evidence.as("_ev"));

        Dataset<Row> payers = inflows.groupBy(FIRM).agg(functions.collect_set(col(PARTY)).as("_payers"),
                functions.collect_list(col("_ev")).as("_in_ev"),
                functions.collect_set(col("_firm_acc")).as("_firm_accs"));
        Dataset<Row> batches = outflows.filter(col("_type").equalTo(Flows.PERSON))
                .groupBy(FIRM, "_day").agg(functions.countDistinct(col(PARTY)).as("_payees"))
                .filter(col("_payees").geq(rules.count(MIN_BATCH)))
                .groupBy(FIRM).agg(functions.count(lit(1)).as("_batch_days"));
        Dataset<Row> candidates = payers.filter(functions.size(col("_payers")).geq(rules.count(MIN_INVESTORS)))
                .join(batches, FIRM);
        Column siphon = functions.not(col("_returned")).and(col("_amt").geq(rules.amount(MIN_SIPHON).doubleValue()));
        Dataset<Row> returns = outflows.join(candidates.select(FIRM, "_payers"), FIRM)
                .withColumn("_returned", functions.array_contains(col("_payers"), col(PARTY)))
                .groupBy(FIRM).agg(
                        functions.collect_set(functions.when(col("_returned"), col(PARTY))).as("_returned_to"),
                        functions.collect_list(functions.when(col("_returned"), col("_ev"))).as("_return_ev"),
                        functions.collect_set(functions.when(siphon, col("_acc"))).as("_siphon_to"),
                        functions.collect_list(functions.when(siphon, col("_ev"))).as("_siphon_ev"),
                        functions.collect_set(col("_firm_acc")).as("_out_accs"));
        Column returned = functions.size(col("_returned_to"));
        Dataset<Row> leads = candidates.join(returns, FIRM)
                .filter(returned.geq(rules.count(MIN_RETURNED))
                        .and(returned.geq(functions.size(col("_payers")).multiply(rules.share(MIN_RETURNED_SHARE)))));
        Dataset<Row> out = leads.select(functions.array(col(FIRM)).as(LeadRows.CORE),
                LeadRows.members(functions.array(LeadRows.member(col(FIRM), LeadRows.COMPANY, "FUNDRAISER")),
                        functions.transform(functions.array_union(col("_firm_accs"), col("_out_accs")),
                                a -> LeadRows.member(a, LeadRows.ACCOUNT, "FUNDRAISER_ACCOUNT")),
                        functions.transform(col("_payers"), p -> LeadRows.member(p, LeadRows.PERSON, "INVESTOR")),
                        functions.transform(col("_siphon_to"), a -> LeadRows.member(a, LeadRows.ACCOUNT, "SIPHON_RECEIVER")))
                        .as(Leads.MEMBERS),
                LeadRows.evidences(col("_in_ev"), col("_return_ev"), col("_siphon_ev")).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.2, returned, 10),
                        LeadRows.part(0.2, functions.size(col("_payers")), 30),
                        LeadRows.part(0.2, functions.size(col("_siphon_to")), 2)).as(Leads.SCORE));
        return LeadRows.finish(out, Typology.ILLEGAL_FUNDRAISING, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("illegal-fundraising." + name, kind, defaultValue, doc);
    }
}

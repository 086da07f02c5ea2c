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
 * touching company accounts and one join of payers with payees per company.
 */
public final class IllegalFundraising {
    public static final long MIN_INVESTMENT = 1_000;
    public static final int MIN_INVESTORS = 5;
    public static final int MIN_BATCH = 5;
    public static final int MIN_RETURNED = 3;
    public static final double MIN_RETURNED_SHARE = 0.2;
    public static final long MIN_SIPHON = 100_000;

    private static final String FIRM = "_firm";
    private static final String PARTY = "_party";

    private IllegalFundraising() {
    }

    /**
     * Leads from transfers with holders in the window.
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date) {
        Column evidence = LeadRows.evidence(LeadRows.TRANSACTION, col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME));
        Dataset<Row> inflows = flows.filter(col(Flows.DST_HOLDER_TYPE).equalTo(Flows.COMPANY)
                        .and(col(Flows.SRC_HOLDER_TYPE).equalTo(Flows.PERSON)).and(col(Flows.AMOUNT).geq(MIN_INVESTMENT)))
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
                .filter(col("_payees").geq(MIN_BATCH))
                .groupBy(FIRM).agg(functions.count(lit(1)).as("_batch_days"));
        Dataset<Row> candidates = payers.filter(functions.size(col("_payers")).geq(MIN_INVESTORS))
                .join(batches, FIRM);
        Dataset<Row> returns = outflows.join(candidates.select(FIRM, "_payers"), FIRM)
                .withColumn("_returned", functions.array_contains(col("_payers"), col(PARTY)))
                .groupBy(FIRM).agg(
                        functions.collect_set(functions.when(col("_returned"), col(PARTY))).as("_returned_to"),
                        functions.collect_list(functions.when(col("_returned"), col("_ev"))).as("_return_ev"),
                        functions.collect_set(functions.when(functions.not(col("_returned")).and(col("_amt").geq(MIN_SIPHON)),
                                col("_acc"))).as("_siphon_to"),
                        functions.collect_list(functions.when(functions.not(col("_returned")).and(col("_amt").geq(MIN_SIPHON)),
                                col("_ev"))).as("_siphon_ev"),
                        functions.collect_set(col("_firm_acc")).as("_out_accs"));
        Column returned = functions.size(col("_returned_to"));
        Dataset<Row> leads = candidates.join(returns, FIRM)
                .filter(returned.geq(MIN_RETURNED)
                        .and(returned.geq(functions.size(col("_payers")).multiply(MIN_RETURNED_SHARE))));
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
}

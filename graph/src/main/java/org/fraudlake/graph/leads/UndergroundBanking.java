package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.graph.network.Components;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;

/**
 * Underground banking: a ring of personal accounts at several banks that take in round sums (whole multiples
 * of {@link #ROUND_UNIT}, at least {@link #MIN_ROUND}) from many payers and pay round sums on, passing most of
 * it through. Candidate accounts are personal, with at least {@link #MIN_ROUND_IN} round inflows and
 * {@link #MIN_ROUND_OUT} round outflows, round inflow at least {@link #MIN_ROUND_VOLUME}, and outflow between
 * {@link #MIN_PASS} and {@link #MAX_PASS} of inflow. Candidates linked by round transfers form rings
 * (connected components); a ring needs {@link #MIN_RING} accounts at {@link #MIN_BANKS} banks or more,
 * {@link #MIN_CUSTOMERS} outside payers and {@link #MIN_RECIPIENTS} outside recipients: many-to-many.
 *
 * <p>Look-alikes: shops and utilities with thousands of inflows (not personal, not round, nothing paid on),
 * payroll and pension fan-out (one payer), people moving savings between their own accounts (no outside
 * payers), landlords (round rents in, nothing round out). Cost: one aggregation of the window's round
 * transfers per account, a connected-components pass over the candidates, and joins back to the transfers. The
 * thresholds are settings ({@code leads.underground-banking.*}, see {@link LeadRules}).
 */
public final class UndergroundBanking {
    /** A round sum is a whole multiple of this. */
    public static final LeadRules.Rule ROUND_UNIT = rule("round-unit", LeadRules.Kind.AMOUNT, "1000",
            "A round sum (CNY) is a whole multiple of this; positive.");
    /** Smallest round sum that counts. */
    public static final LeadRules.Rule MIN_ROUND = rule("min-round", LeadRules.Kind.AMOUNT, "10000",
            "Smallest round sum (CNY) that counts toward an underground-banking ring.");
    /** Fewest round inflows of a candidate account. */
    public static final LeadRules.Rule MIN_ROUND_IN = rule("min-round-in", LeadRules.Kind.COUNT, "3",
            "Fewest round inflows a personal account takes in the window to be a candidate ring account.");
    /** Fewest round outflows of a candidate account. */
    public static final LeadRules.Rule MIN_ROUND_OUT = rule("min-round-out", LeadRules.Kind.COUNT, "3",
            "Fewest round outflows a candidate ring account pays on in the window.");
    /** Least round inflow of a candidate account. */
    public static final LeadRules.Rule MIN_ROUND_VOLUME = rule("min-round-volume", LeadRules.Kind.AMOUNT, "100000",
            "Least round inflow (CNY) of a candidate ring account in the window.");
    /** Least outflow of a candidate, as a multiple of its inflow. */
    public static final LeadRules.Rule MIN_PASS = rule("min-pass", LeadRules.Kind.RATIO, "0.7",
            "A candidate's round outflow is at least this multiple of its round inflow (it passes most of it on).");
    /** Most outflow of a candidate, as a multiple of its inflow. */
    public static final LeadRules.Rule MAX_PASS = rule("max-pass", LeadRules.Kind.RATIO, "1.3",
            "A candidate's round outflow is at most this multiple of its round inflow; at least min-pass.");
    /** Fewest accounts of a ring. */
    public static final LeadRules.Rule MIN_RING = rule("min-ring", LeadRules.Kind.COUNT, "3",
            "Fewest candidate accounts, linked by round transfers, that make a ring.");
    /** Fewest banks of a ring. */
    public static final LeadRules.Rule MIN_BANKS = rule("min-banks", LeadRules.Kind.COUNT, "2",
            "Fewest different banks a ring's accounts are at.");
    /** Fewest outside payers of a ring. */
    public static final LeadRules.Rule MIN_CUSTOMERS = rule("min-customers", LeadRules.Kind.COUNT, "2",
            "Fewest outside payers (customers) of round sums into a ring.");
    /** Fewest outside recipients of a ring. */
    public static final LeadRules.Rule MIN_RECIPIENTS = rule("min-recipients", LeadRules.Kind.COUNT, "2",
            "Fewest outside recipients of round sums from a ring.");

    private static final String ACC = "_acc";
    private static final String RING = "_ring";

    private UndergroundBanking() {
    }

    /**
     * Leads from transfers with holders in the window, under the default rules.
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date) {
        return detect(flows, date, LeadRules.DEFAULTS, new Checkpoints());
    }

    /**
     * As {@link #detect(Dataset, LocalDate)} under {@code rules}, its reused frames materialized in {@code keep},
     * freed when the caller's job ends.
     */
    public static Dataset<Row> detect(Dataset<Row> flows, LocalDate date, LeadRules rules, Checkpoints keep) {
        Dataset<Row> round = keep.materialize(flows.filter(col(Flows.SRC).isNotNull().and(col(Flows.DST).isNotNull())
                .and(col(Flows.AMOUNT).geq(lit(rules.amount(MIN_ROUND))))
                .and(Flows.isMultipleOf(col(Flows.AMOUNT), rules.amount(ROUND_UNIT)))));
        Dataset<Row> personal = flows.select(col(Flows.SRC).as(ACC), col(Flows.SRC_HOLDER_TYPE).as("_t"),
                        col(Flows.SRC_BANK).as("_bank"), col(Flows.SRC_HOLDER).as("_holder"))
                .union(flows.select(col(Flows.DST), col(Flows.DST_HOLDER_TYPE), col(Flows.DST_BANK), col(Flows.DST_HOLDER)))
                .filter(col("_t").equalTo(Flows.PERSON)).distinct();
        Dataset<Row> in = round.groupBy(col(Flows.DST).as(ACC)).agg(functions.count(lit(1)).as("_rin"),
                functions.sum(Flows.AMOUNT).cast("double").as("_rin_amt"));
        Dataset<Row> out = round.groupBy(col(Flows.SRC).as(ACC)).agg(functions.count(lit(1)).as("_rout"),
                functions.sum(Flows.AMOUNT).cast("double").as("_rout_amt"));
        Dataset<Row> candidates = keep.materialize(personal.join(in, ACC).join(out, ACC)
                .filter(col("_rin").geq(rules.count(MIN_ROUND_IN)).and(col("_rout").geq(rules.count(MIN_ROUND_OUT)))
                        .and(col("_rin_amt").geq(rules.amount(MIN_ROUND_VOLUME).doubleValue()))
                        .and(col("_rout_amt").between(col("_rin_amt").multiply(rules.share(MIN_PASS)),
                                col("_rin_amt").multiply(rules.share(MAX_PASS)))))
                .select(ACC, "_bank", "_holder"));
        Dataset<Row> c1 = candidates.select(col(ACC).as("_c1"));
        Dataset<Row> c2 = candidates.select(col(ACC).as("_c2"));
        Dataset<Row> links = round.join(c1, col(Flows.SRC).equalTo(col("_c1"))).join(c2, col(Flows.DST).equalTo(col("_c2")))
                .select(col(Flows.SRC).as(Components.A), col(Flows.DST).as(Components.B));
        Dataset<Row> rings = keep.materialize(Components.of(links)
                .select(col(Components.NODE).as(ACC), col(Components.COMPONENT).as(RING))
                .join(candidates, ACC));

        Dataset<Row> r1 = rings.select(col(ACC).as("_s_acc"), col(RING).as("_s_ring"));
        Dataset<Row> r2 = rings.select(col(ACC).as("_d_acc"), col(RING).as("_d_ring"));
        Dataset<Row> touching = round.join(r1, col(Flows.SRC).equalTo(col("_s_acc")), "left")
                .join(r2, col(Flows.DST).equalTo(col("_d_acc")), "left")
                .filter(col("_s_ring").isNotNull().or(col("_d_ring").isNotNull()))
                .withColumn(RING, functions.coalesce(col("_d_ring"), col("_s_ring")));
        Column customerIn = col("_d_ring").isNotNull().and(col("_s_ring").isNull());
        Column recipientOut = col("_s_ring").isNotNull().and(col("_d_ring").isNull());
        Dataset<Row> flowsByRing = touching.groupBy(RING).agg(
                functions.collect_set(functions.when(customerIn, col(Flows.SRC))).as("_customers"),
                functions.collect_set(functions.when(recipientOut, col(Flows.DST))).as("_recipients"),
                functions.sum(functions.when(customerIn, col(Flows.AMOUNT))).cast("double").as("_in_amt"),
                functions.collect_list(LeadRows.evidence(LeadRows.TRANSACTION, col(Flows.REF), col(Flows.AMOUNT),
                        col(Flows.TIME))).as("_ev"));
        Dataset<Row> ringStats = rings.groupBy(RING).agg(
                functions.sort_array(functions.collect_set(col(ACC))).as(LeadRows.CORE),
                functions.countDistinct(col("_bank")).as("_banks"),
                functions.collect_set(LeadRows.member(col("_holder"), LeadRows.PERSON, "RING_HOLDER")).as("_m_holders"));
        Dataset<Row> leads = ringStats.join(flowsByRing, RING)
                .filter(functions.size(col(LeadRows.CORE)).geq(rules.count(MIN_RING))
                        .and(col("_banks").geq(rules.count(MIN_BANKS)))
                        .and(functions.size(col("_customers")).geq(rules.count(MIN_CUSTOMERS)))
                        .and(functions.size(col("_recipients")).geq(rules.count(MIN_RECIPIENTS))));
        Dataset<Row> result = leads.select(col(LeadRows.CORE),
                LeadRows.members(
                        functions.transform(col(LeadRows.CORE), a -> LeadRows.member(a, LeadRows.ACCOUNT, "RING_ACCOUNT")),
                        col("_m_holders"),
                        functions.transform(col("_customers"), a -> LeadRows.member(a, LeadRows.ACCOUNT, "CUSTOMER")),
                        functions.transform(col("_recipients"), a -> LeadRows.member(a, LeadRows.ACCOUNT, "RECIPIENT")))
                        .as(Leads.MEMBERS),
                LeadRows.evidences(col("_ev")).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.15, functions.size(col(LeadRows.CORE)), 6),
                        LeadRows.part(0.15, col("_banks"), 4),
                        LeadRows.part(0.15, functions.size(col("_customers")).plus(functions.size(col("_recipients"))), 12),
                        LeadRows.part(0.15, functions.log10(functions.coalesce(col("_in_amt"), lit(1.0))), 7))
                        .as(Leads.SCORE));
        return LeadRows.finish(result, Typology.UNDERGROUND_BANKING, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("underground-banking." + name, kind, defaultValue, doc);
    }
}

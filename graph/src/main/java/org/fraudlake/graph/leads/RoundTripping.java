package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;

/**
 * Round-tripping: a large sum (each transfer at least {@link #MIN_AMOUNT}) leaves an account and comes back to it
 * after {@link #MIN_HOPS} to {@link #MAX_HOPS} transfers (2 to 5 by default: as many accounts), each hop leaving
 * after the money arrived, within {@link #MAX_HOP_HOURS}, and passing on between {@link #MIN_HOP_RATIO} and 100 %
 * of what came in (a small fee kept). At least two of the accounts on the cycle are held by companies and no holder
 * appears twice (a person shuffling savings between their own accounts is not a cycle among parties). Every cycle
 * over the same set of accounts is one lead. The thresholds are settings ({@code leads.round-tripping.*}, see
 * {@link LeadRules}).
 *
 * <p>Look-alikes that do not close a cycle with the money intact: company groups paying management fees to
 * their head, supply chains, salary passed on. Cost: {@link #MAX_HOPS} - 1 self-joins of the transfers of at least
 * {@link #MIN_AMOUNT} (a small set), then one aggregation per cycle set.
 */
public final class RoundTripping {
    /** Smallest transfer that can be a hop. */
    public static final LeadRules.Rule MIN_AMOUNT = rule("min-amount", LeadRules.Kind.AMOUNT, "100000",
            "Smallest transfer (CNY) that can be a hop of a round-tripping cycle.");
    /** Most hours between a hop arriving and the next one leaving. */
    public static final LeadRules.Rule MAX_HOP_HOURS = rule("max-hop-hours", LeadRules.Kind.HOURS, "72",
            "Most hours between the money arriving at an account of a cycle and its next hop leaving.");
    /** Least share of what came in that a hop passes on. */
    public static final LeadRules.Rule MIN_HOP_RATIO = rule("min-hop-ratio", LeadRules.Kind.SHARE, "0.97",
            "Each hop passes on at least this share of what came in (and at most all of it): the fee a cycle may "
                    + "lose per hop.");
    /** Fewest transfers (and accounts) on a cycle. */
    public static final LeadRules.Rule MIN_HOPS = rule("min-hops", LeadRules.Kind.COUNT, "2",
            "Fewest transfers on a cycle, as many accounts: 2 counts a firm paid back by another; at least 2.");
    /** Most transfers (and accounts) on a cycle. */
    public static final LeadRules.Rule MAX_HOPS = rule("max-hops", LeadRules.Kind.COUNT, "5",
            "Most transfers on a cycle, as many accounts; each one more is one more self-join of the large "
                    + "transfers.");

    private static final String START = "_start";
    private static final String CUR = "_cur";
    private static final String T = "_t";
    private static final String AMT = "_amt";
    private static final String NODES = "_nodes";
    private static final String EV = "_ev";
    private static final String HOLDERS = "_holders";
    private static final String COMPANIES = "_companies";
    private static final String E_SRC = "_e_src";
    private static final String E_DST = "_e_dst";
    private static final String E_AMT = "_e_amt";
    private static final String E_TIME = "_e_time";
    private static final String E_EV = "_e_ev";
    private static final String E_HOLDER = "_e_holder";

    private RoundTripping() {
    }

    /**
     * Leads from transfers with holders ({@link Flows#withHolders}), restricted to the window, under the default
     * rules.
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
        int minHops = rules.count(MIN_HOPS);
        int maxHops = rules.count(MAX_HOPS);
        Column maxHop = functions.expr("INTERVAL " + rules.count(MAX_HOP_HOURS) * 3_600L + " SECONDS");
        double minHopRatio = rules.share(MIN_HOP_RATIO);
        Dataset<Row> edges = keep.materialize(flows.filter(col(Flows.SRC).isNotNull().and(col(Flows.DST).isNotNull())
                        .and(col(Flows.SRC).notEqual(col(Flows.DST)))
                        .and(col(Flows.AMOUNT).geq(lit(rules.amount(MIN_AMOUNT)))))
                .select(col(Flows.SRC), col(Flows.DST), col(Flows.AMOUNT), col(Flows.TIME),
                        hopEvidence().as(EV), col(Flows.DST_HOLDER), col(Flows.DST_HOLDER_TYPE),
                        col(Flows.SRC_HOLDER), col(Flows.SRC_HOLDER_TYPE)));
        Dataset<Row> paths = edges.select(col(Flows.SRC).as(START), col(Flows.DST).as(CUR), col(Flows.TIME).as(T),
                col(Flows.AMOUNT).as(AMT), functions.array(col(Flows.SRC), col(Flows.DST)).as(NODES), functions.array(col(EV)).as(EV),
                functions.array(holder(Flows.SRC_HOLDER, Flows.SRC_HOLDER_TYPE),
                        holder(Flows.DST_HOLDER, Flows.DST_HOLDER_TYPE)).as(HOLDERS));
        Dataset<Row> cycles = null;
        for (int hop = 2; hop <= maxHops; hop++) {
            Dataset<Row> e = edges.select(col(Flows.SRC).as(E_SRC), col(Flows.DST).as(E_DST),
                    col(Flows.AMOUNT).as(E_AMT), col(Flows.TIME).as(E_TIME), col(EV).as(E_EV),
                    holder(Flows.DST_HOLDER, Flows.DST_HOLDER_TYPE).as(E_HOLDER));
            Dataset<Row> step = paths.join(e, col(CUR).equalTo(col(E_SRC))
                            .and(col(E_TIME).gt(col(T)))
                            .and(col(E_TIME).leq(col(T).plus(maxHop)))
                            .and(col(E_AMT).leq(col(AMT)))
                            .and(col(E_AMT).geq(col(AMT).multiply(minHopRatio))))
                    .select(col(START), col(E_DST).as(CUR), col(E_TIME).as(T), col(E_AMT).as(AMT), col(NODES),
                            functions.array_append(col(EV), col(E_EV)).as(EV), col(HOLDERS), col(E_HOLDER));
            if (hop >= minHops) {
                Dataset<Row> closed = step.filter(col(CUR).equalTo(col(START))).select(NODES, EV, HOLDERS);
                cycles = cycles == null ? closed : cycles.union(closed);
            }
            if (hop < maxHops) {
                paths = step.filter(col(CUR).notEqual(col(START)).and(functions.not(functions.array_contains(col(NODES), col(CUR)))))
                        .select(col(START), col(CUR), col(T), col(AMT), functions.array_append(col(NODES), col(CUR)).as(NODES),
                                col(EV), functions.array_append(col(HOLDERS), col(E_HOLDER)).as(HOLDERS));
            }
        }
        return leads(cycles, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("round-tripping." + name, kind, defaultValue, doc);
    }

    private static Column hopEvidence() {
        return LeadRows.evidence(LeadRows.TRANSACTION, col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME));
    }

    private static Column holder(String id, String type) {
        return functions.struct(col(id).as("id"), col(type).as("type"));
    }

    private static Dataset<Row> leads(Dataset<Row> cycles, LocalDate date) {
        Column known = functions.filter(col(HOLDERS), h -> h.getField("id").isNotNull());
        Dataset<Row> valid = cycles
                .withColumn(COMPANIES, functions.size(functions.filter(
                        col(HOLDERS), h -> h.getField("type").equalTo(Flows.COMPANY))))
                .filter(col(COMPANIES).geq(2)
                        .and(functions.size(functions.array_distinct(
                                functions.transform(known, h -> h.getField("id"))))
                                .equalTo(functions.size(known))))
                .withColumn(LeadRows.CORE, functions.array_sort(col(NODES)));
        Dataset<Row> grouped = valid.groupBy(LeadRows.CORE).agg(
                functions.count(lit(1)).as("_cycles"),
                functions.flatten(functions.collect_set(col(EV))).as(EV),
                functions.first(col(NODES)).as(NODES),
                functions.first(col(HOLDERS)).as(HOLDERS),
                functions.first(col(COMPANIES)).as(COMPANIES));
        Column accounts = functions.transform(col(NODES),
                n -> LeadRows.member(n, LeadRows.ACCOUNT, "CYCLE_ACCOUNT"));
        Column holders = functions.transform(
                functions.filter(col(HOLDERS), h -> h.getField("id").isNotNull()),
                h -> LeadRows.member(h.getField("id"), h.getField("type"), "CYCLE_PARTY"));
        Column companyShare = col(COMPANIES).divide(functions.size(col(NODES)));
        Dataset<Row> out = grouped.select(col(LeadRows.CORE),
                LeadRows.members(accounts, holders).as(Leads.MEMBERS),
                LeadRows.evidences(col(EV)).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.3, companyShare, 1.0),
                        LeadRows.part(0.3, col("_cycles").divide(functions.size(col(NODES))), 3.0))
                        .as(Leads.SCORE));
        return LeadRows.finish(out, Typology.ROUND_TRIPPING, date);
    }
}

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
import org.fraudlake.schemas.tables.Silver.Tenders;

/**
 * Bid rigging: firms that bid on the same tenders from a shared IP, contact phone or filing agent, on at
 * least {@link #MIN_SHARED_TENDERS} tenders as a pair, form a ring (connected components over such pairs).
 * The ring is a lead when on at least {@link #MIN_TIGHT_TENDERS} of its tenders the members' bids lie within
 * {@link #MAX_COVER} of each other (cover bids a few per cent above the one meant to win), and the wins rotate
 * (at least two members won a tender) or money moved between members afterwards (side payments).
 *
 * <p>Look-alike: a bidding agency filing for unrelated firms from one address, phone and agent: its firms
 * rarely meet twice, their prices scatter and the lowest bid (often an outsider's) wins, and no money moves
 * between them. Cost: a self-join of the window's bids per tender, a connected-components pass over the
 * recurring pairs, and one join of the transfers against the ring members' accounts. The thresholds are settings
 * ({@code leads.bid-rigging.*}, see {@link LeadRules}).
 */
public final class BidRigging {
    /** Fewest tenders a pair of firms bid on sharing something. */
    public static final LeadRules.Rule MIN_SHARED_TENDERS = rule("min-shared-tenders", LeadRules.Kind.COUNT, "2",
            "Fewest tenders two firms bid on from a shared IP, phone or agent for the pair to link into a ring.");
    /** Fewest tenders with tight bids. */
    public static final LeadRules.Rule MIN_TIGHT_TENDERS = rule("min-tight-tenders", LeadRules.Kind.COUNT, "2",
            "Fewest of a ring's tenders on which its members' bids lie within max-cover of each other.");
    /** Most spread of bids that are tight. */
    public static final LeadRules.Rule MAX_COVER = rule("max-cover", LeadRules.Kind.SHARE, "0.06",
            "Bids lie tight when the highest is at most this share above the lowest (cover bids a few per cent up).");

    /** Evidence kinds naming what the co-bidders shared. */
    public static final String SHARED_IP = "SHARED_IP";
    public static final String SHARED_PHONE = "SHARED_PHONE";
    public static final String SHARED_AGENT = "SHARED_AGENT";

    private static final String T = "_tender";
    private static final String FIRM = "_firm";
    private static final String RING = "_ring";

    private BidRigging() {
    }

    /**
     * Leads from the window's bids ({@code silver/tenders}), accounts and transfers with holders, under the default
     * rules.
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> tenders, Dataset<Row> accounts, Dataset<Row> flows, LocalDate date) {
        return detect(tenders, accounts, flows, date, LeadRules.DEFAULTS, new Checkpoints());
    }

    /**
     * As {@link #detect(Dataset, Dataset, Dataset, LocalDate)} under {@code rules}, its reused frames materialized in
     * {@code keep}, freed when the caller's job ends.
     */
    public static Dataset<Row> detect(Dataset<Row> tenders, Dataset<Row> accounts, Dataset<Row> flows, LocalDate date,
            LeadRules rules, Checkpoints keep) {
        Dataset<Row> bids = keep.materialize(tenders.select(col(Tenders.TENDER_ID).as(T), col(Tenders.BIDDER_COMPANY_ID).as(FIRM),
                col(Tenders.BID_AMOUNT).cast("double").as("_amt"), col(Tenders.SUBMITTED_AT).as("_at"),
                col(Tenders.SUBMIT_IP).as("_ip"), col(Tenders.CONTACT_PHONE).as("_phone"),
                col(Tenders.AGENT_ID).as("_agent"), functions.coalesce(col(Tenders.WON), lit(false)).as("_won")));
        Dataset<Row> other = bids.select(col(T), col(FIRM).as("_o_firm"), col("_ip").as("_o_ip"),
                col("_phone").as("_o_phone"), col("_agent").as("_o_agent"));
        Column sameIp = col("_ip").equalTo(col("_o_ip"));
        Column samePhone = col("_phone").equalTo(col("_o_phone"));
        Column sameAgent = col("_agent").equalTo(col("_o_agent"));
        Dataset<Row> sharing = keep.materialize(bids.join(other, T).filter(col(FIRM).lt(col("_o_firm"))
                        .and(functions.coalesce(sameIp, lit(false)).or(functions.coalesce(samePhone, lit(false)))
                                .or(functions.coalesce(sameAgent, lit(false)))))
                .select(col(T), col(FIRM), col("_o_firm"), functions.array_compact(functions.array(
                        functions.when(sameIp, LeadRows.attribute(SHARED_IP, col("_ip"))),
                        functions.when(samePhone, LeadRows.attribute(SHARED_PHONE, col("_phone"))),
                        functions.when(sameAgent, LeadRows.attribute(SHARED_AGENT, col("_agent"))))).as("_shared")));
        Dataset<Row> pairs = sharing.groupBy(FIRM, "_o_firm").agg(functions.countDistinct(col(T)).as("_n"))
                .filter(col("_n").geq(rules.count(MIN_SHARED_TENDERS)))
                .select(col(FIRM).as(Components.A), col("_o_firm").as(Components.B));
        Dataset<Row> rings = keep.materialize(Components.of(pairs)
                .select(col(Components.NODE).as(FIRM), col(Components.COMPONENT).as(RING)));

        Dataset<Row> ringBids = bids.join(rings, FIRM);
        Dataset<Row> perTender = ringBids.groupBy(RING, T).agg(
                functions.count(lit(1)).as("_members"),
                functions.max(functions.when(col("_won"), col("_amt"))).as("_win_amt"),
                functions.max(functions.when(col("_won"), col(FIRM))).as("_winner"),
                functions.max(col("_amt")).as("_max_bid"),
                functions.min(col("_amt")).as("_min_bid"),
                functions.min(col("_at")).as("_at"))
                .filter(col("_members").geq(2));
        Column tight = col("_max_bid").leq(col("_min_bid").multiply(1 + rules.share(MAX_COVER)));
        Dataset<Row> tenderStats = perTender.groupBy(RING).agg(
                functions.sum(functions.when(tight, 1).otherwise(0)).as("_tight"),
                functions.countDistinct(col("_winner")).as("_winners"),
                functions.collect_list(functions.when(tight, LeadRows.evidence(LeadRows.TENDER, col(T),
                        functions.coalesce(col("_win_amt"), col("_min_bid")), col("_at")))).as("_tender_ev"));
        Dataset<Row> sharedEv = sharing.join(rings, FIRM).groupBy(RING)
                .agg(functions.flatten(functions.collect_list(col("_shared"))).as("_shared_ev"));
        Dataset<Row> people = ringBids.groupBy(RING).agg(
                functions.sort_array(functions.collect_set(col(FIRM))).as(LeadRows.CORE),
                functions.collect_set(LeadRows.member(col("_agent"), LeadRows.PERSON, "BID_AGENT")).as("_m_agents"),
                functions.collect_set(LeadRows.member(col("_phone"), LeadRows.PHONE, "BID_PHONE")).as("_m_phones"));

        Dataset<Row> ringAccounts = Flows.holders(accounts).join(rings, col("_h_holder").equalTo(col(FIRM)))
                .select(col("_h_account").as("_acc"), col(FIRM), col(RING));
        Dataset<Row> side = flows
                .join(ringAccounts.toDF("_s_acc", "_s_firm", "_s_ring"), col(Flows.SRC).equalTo(col("_s_acc")))
                .join(ringAccounts.toDF("_d_acc", "_d_firm", "_d_ring"), col(Flows.DST).equalTo(col("_d_acc")))
                .filter(col("_s_ring").equalTo(col("_d_ring")).and(col("_s_firm").notEqual(col("_d_firm"))))
                .groupBy(col("_s_ring").as(RING)).agg(functions.collect_list(LeadRows.evidence(LeadRows.TRANSACTION,
                        col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME))).as("_side_ev"));
        Dataset<Row> accountMembers = ringAccounts.groupBy(RING).agg(functions.collect_set(
                LeadRows.member(col("_acc"), LeadRows.ACCOUNT, "BIDDER_ACCOUNT")).as("_m_accounts"));

        Dataset<Row> leads = tenderStats.join(people, RING).join(sharedEv, RING)
                .join(side, new String[]{RING}, "left").join(accountMembers, new String[]{RING}, "left")
                .withColumn("_side_ev", functions.coalesce(col("_side_ev"), functions.array()))
                .withColumn("_m_accounts", functions.coalesce(col("_m_accounts"), functions.array()))
                .filter(col("_tight").geq(rules.count(MIN_TIGHT_TENDERS))
                        .and(col("_winners").geq(2).or(functions.size(col("_side_ev")).gt(0))));
        Dataset<Row> out = leads.select(col(LeadRows.CORE),
                LeadRows.members(functions.transform(col(LeadRows.CORE), f -> LeadRows.member(f, LeadRows.COMPANY, "BIDDER")),
                        col("_m_agents"), col("_m_phones"), col("_m_accounts")).as(Leads.MEMBERS),
                LeadRows.evidences(col("_tender_ev"), col("_side_ev"), col("_shared_ev")).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.2, col("_tight"), 4),
                        LeadRows.part(0.2, col("_winners"), 3),
                        LeadRows.part(0.2, functions.size(col("_side_ev")), 2)).as(Leads.SCORE));
        return LeadRows.finish(out, Typology.BID_RIGGING, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("bid-rigging." + name, kind, defaultValue, doc);
    }
}

package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.graph.network.Components;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;
import org.fraudlake.schemas.tables.Silver.Companies;

/**
 * Shell companies: firms tied by a shared legal representative, address or phone (connected through any of
 * them) where at least {@link #MIN_LOW_CAPITAL} members have little registered capital (at most
 * {@link #MAX_CAPITAL}), the group moves at least {@link #MIN_FLOW_TO_CAPITAL} times its capital, and most of
 * that money moves among the group's own accounts (share at least {@link #MIN_INTERNAL_SHARE}, at least
 * {@link #MIN_INTERNAL_AMOUNT}).
 *
 * <p>Look-alike: firm groups that share a representative, address and phone legitimately; their capital is
 * real and their money goes to staff, suppliers and clients outside the group. Attribute values shared by
 * more than {@link #MAX_SHARED} firms (a business centre's address, an agency's phone) do not link. Cost: a
 * few aggregations and joins over the registry, a connected-components pass over the linked firms, and one
 * join of the window's transfers against the linked firms' accounts. The thresholds are settings
 * ({@code leads.shell-company.*}, see {@link LeadRules}).
 */
public final class ShellCompany {
    /** Most registered capital that is little. */
    public static final LeadRules.Rule MAX_CAPITAL = rule("max-capital", LeadRules.Kind.AMOUNT, "1000000",
            "Most registered capital (CNY) of a firm that has little capital.");
    /** Fewest firms of a group with little capital. */
    public static final LeadRules.Rule MIN_LOW_CAPITAL = rule("min-low-capital", LeadRules.Kind.COUNT, "2",
            "Fewest firms of a linked group that have little capital.");
    /** Least flow of a group as a multiple of its capital. */
    public static final LeadRules.Rule MIN_FLOW_TO_CAPITAL = rule("min-flow-to-capital", LeadRules.Kind.RATIO, "10",
            "A group's transfers in the window come to at least this multiple of its registered capital.");
    /** Least share of a group's flow among its own firms. */
    public static final LeadRules.Rule MIN_INTERNAL_SHARE = rule("min-internal-share", LeadRules.Kind.SHARE, "0.5",
            "Least share of a group's transfers that move between its own firms.");
    /** Least amount moving among a group's own firms. */
    public static final LeadRules.Rule MIN_INTERNAL_AMOUNT = rule("min-internal-amount", LeadRules.Kind.AMOUNT,
            "1000000", "Least amount (CNY) moving between a group's own firms in the window.");
    /** Most firms sharing an attribute that still links them. */
    public static final LeadRules.Rule MAX_SHARED = rule("max-shared", LeadRules.Kind.COUNT, "20",
            "An address, phone or representative shared by more firms than this (a business centre, an agency) "
                    + "does not link them.");

    /** Evidence kinds naming the shared attribute. */
    public static final String SHARED_LEGAL_REP = "SHARED_LEGAL_REP";
    public static final String SHARED_ADDRESS = "SHARED_ADDRESS";
    public static final String SHARED_PHONE = "SHARED_PHONE";

    private static final String FIRM = "_firm";
    private static final String ATTR_KIND = "_attr_kind";
    private static final String ATTR = "_attr";
    private static final String GROUP = "_group";

    private ShellCompany() {
    }

    /**
     * Leads from the registry ({@code silver/companies}), accounts and transfers with holders in the window, under
     * the default rules.
     *
     * @return rows of {@link LeadRows#finish}
     */
    public static Dataset<Row> detect(Dataset<Row> companies, Dataset<Row> accounts, Dataset<Row> flows,
                                      LocalDate date) {
        return detect(companies, accounts, flows, date, LeadRules.DEFAULTS);
    }

    /** As {@link #detect(Dataset, Dataset, Dataset, LocalDate)} under {@code rules}. */
    public static Dataset<Row> detect(Dataset<Row> companies, Dataset<Row> accounts, Dataset<Row> flows,
                                      LocalDate date, LeadRules rules) {
        Dataset<Row> attrs = attributes(companies);
        Dataset<Row> shared = attrs.groupBy(ATTR_KIND, ATTR).agg(functions.count(lit(1)).as("_n"))
                .filter(col("_n").between(2, rules.count(MAX_SHARED))).drop("_n");
        Dataset<Row> linked = attrs.join(shared, new String[]{ATTR_KIND, ATTR});
        Dataset<Row> l2 = linked.select(col(ATTR_KIND), col(ATTR), col(FIRM).as("_other"));
        Dataset<Row> pairs = linked.join(l2, new String[]{ATTR_KIND, ATTR})
                .filter(col(FIRM).lt(col("_other")))
                .select(col(FIRM).as(Components.A), col("_other").as(Components.B));
        Dataset<Row> groups = Components.of(pairs)
                .select(col(Components.NODE).as(FIRM), col(Components.COMPONENT).as(GROUP));

        Dataset<Row> firms = companies.select(col(Companies.COMPANY_ID).as(FIRM),
                        col(Companies.REGISTERED_CAPITAL).cast("double").as("_capital"),
                        col(Companies.LEGAL_REP_ID).as("_rep"), col(Companies.PHONE).as("_phone"))
                .join(groups, FIRM);
        Dataset<Row> firmAccounts = Flows.holders(accounts).join(groups,
                col("_h_holder").equalTo(col(FIRM))).select(col("_h_account").as("_acc"), col(FIRM), col(GROUP));
        Dataset<Row> touching = flows.join(firmAccounts.toDF("_s_acc", "_s_firm", "_s_group"),
                        col(Flows.SRC).equalTo(col("_s_acc")), "left")
                .join(firmAccounts.toDF("_d_acc", "_d_firm", "_d_group"), col(Flows.DST).equalTo(col("_d_acc")), "left")
                .filter(col("_s_group").isNotNull().or(col("_d_group").isNotNull()));
        Column internal = col("_s_group").equalTo(col("_d_group")).and(col("_s_firm").notEqual(col("_d_firm")));
        Dataset<Row> byGroup = touching
                .withColumn("_internal", functions.coalesce(internal, lit(false)))
                .withColumn(GROUP, functions.coalesce(col("_s_group"), col("_d_group")))
                .groupBy(GROUP).agg(
                        functions.sum(Flows.AMOUNT).cast("double").as("_flow"),
                        functions.sum(functions.when(col("_internal"), col(Flows.AMOUNT))).cast("double").as("_internal_amt"),
                        functions.collect_list(functions.when(col("_internal"), LeadRows.evidence(LeadRows.TRANSACTION,
                                col(Flows.REF), col(Flows.AMOUNT), col(Flows.TIME)))).as("_ev"));
        Column lowCapital = col("_capital").leq(rules.amount(MAX_CAPITAL).doubleValue());
        Dataset<Row> stats = firms.groupBy(GROUP).agg(
                functions.count(lit(1)).as("_firms"),
                functions.sum(functions.when(lowCapital, 1).otherwise(0)).as("_low"),
                functions.sum(functions.coalesce(col("_capital"), lit(0.0))).as("_capital"),
                functions.sort_array(functions.collect_set(col(FIRM))).as(LeadRows.CORE),
                functions.collect_set(LeadRows.member(col(FIRM), LeadRows.COMPANY, "SHELL")).as("_m_firms"),
                functions.collect_set(LeadRows.member(col("_rep"), LeadRows.PERSON, "LEGAL_REP")).as("_m_reps"),
                functions.collect_set(LeadRows.member(col("_phone"), LeadRows.PHONE, "SHARED_PHONE")).as("_m_phones"));
        Dataset<Row> accountMembers = firmAccounts.groupBy(GROUP).agg(functions.collect_set(
                LeadRows.member(col("_acc"), LeadRows.ACCOUNT, "SHELL_ACCOUNT")).as("_m_accounts"));
        Dataset<Row> attrEvidence = linked.join(groups, FIRM).groupBy(GROUP).agg(functions.collect_set(
                functions.struct(col(ATTR_KIND).as("kind"), col(ATTR).as("ref"))).as("_shared"));

        Dataset<Row> candidates = stats.join(byGroup, GROUP).join(accountMembers, GROUP).join(attrEvidence, GROUP)
                .withColumn("_share", col("_internal_amt").divide(col("_flow")))
                .withColumn("_ratio", col("_flow").divide(functions.greatest(col("_capital"), lit(1.0))))
                .filter(col("_low").geq(rules.count(MIN_LOW_CAPITAL))
                        .and(col("_internal_amt").geq(rules.amount(MIN_INTERNAL_AMOUNT).doubleValue()))
                        .and(col("_share").geq(rules.share(MIN_INTERNAL_SHARE)))
                        .and(col("_ratio").geq(rules.share(MIN_FLOW_TO_CAPITAL))));
        Column sharedEvidence = functions.transform(col("_shared"),
                s -> LeadRows.attribute("", s.getField("ref")).withField("kind", s.getField("kind")));
        Dataset<Row> out = candidates.select(col(LeadRows.CORE),
                LeadRows.members(col("_m_firms"), col("_m_reps"), col("_m_phones"), col("_m_accounts")).as(Leads.MEMBERS),
                LeadRows.evidences(col("_ev"), sharedEvidence).as(Leads.EVIDENCE),
                LeadRows.score(0.4, LeadRows.part(0.2, col("_low").divide(col("_firms")), 1.0),
                        LeadRows.part(0.2, col("_share"), 1.0),
                        LeadRows.part(0.2, functions.log10(col("_ratio")), 3.0)).as(Leads.SCORE));
        return LeadRows.finish(out, Typology.SHELL_COMPANY, date);
    }

    private static LeadRules.Rule rule(String name, LeadRules.Kind kind, String defaultValue, String doc) {
        return new LeadRules.Rule("shell-company." + name, kind, defaultValue, doc);
    }

    /** One row per firm and identifying attribute it has: legal representative, normalized address, phone. */
    static Dataset<Row> attributes(Dataset<Row> companies) {
        Column address = functions.lower(functions.regexp_replace(col(Companies.ADDRESS), "\\s+", ""));
        return companies.select(col(Companies.COMPANY_ID).as(FIRM), functions.explode(functions.array(
                        functions.struct(lit(SHARED_LEGAL_REP).as("k"), col(Companies.LEGAL_REP_ID).as("v")),
                        functions.struct(lit(SHARED_ADDRESS).as("k"), address.as("v")),
                        functions.struct(lit(SHARED_PHONE).as("k"), col(Companies.PHONE).as("v")))).as("_a"))
                .select(col(FIRM), col("_a.k").as(ATTR_KIND), col("_a.v").as(ATTR))
                .filter(col(ATTR).isNotNull().and(functions.length(col(ATTR)).gt(0)));
    }
}

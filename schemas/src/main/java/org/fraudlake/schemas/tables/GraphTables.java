package org.fraudlake.schemas.tables;

import java.util.List;

/**
 * Gold tables of the graph stage ({@code gold/<table>}), each partitioned by {@link #BUSINESS_DATE} and
 * replaced whole per date: victim fund traces over the pooled money-flow graph, and the daily per-entity graph
 * features (risk propagated from labelled entities, gang communities, traced money held). Keys are silver
 * tokens. Amounts are exact {@code decimal(18,2)}.
 */
public final class GraphTables {
    public static final String BUSINESS_DATE = Gold.BUSINESS_DATE;

    public static final String FUND_TRACES = "fund_traces";
    public static final String FUND_TRACE_FLOWS = "fund_trace_flows";
    public static final String GRAPH_ACCOUNT_DAILY = "graph_account_daily";
    public static final String GRAPH_PHONE_DAILY = "graph_phone_daily";

    /** Every table of the graph stage, in the order the graph job writes them. */
    public static final List<String> ALL = List.of(FUND_TRACES, FUND_TRACE_FLOWS, GRAPH_ACCOUNT_DAILY,
            GRAPH_PHONE_DAILY);

    private GraphTables() {
    }

    /** What started a trace ({@link FundTraces#SOURCE_KIND}). */
    public static final class SourceKind {
        /** A transfer from a victim's account to a suspect account named in a police report. */
        public static final String VICTIM_REPORT = "VICTIM_REPORT";
        /** A transfer into an account labelled FRAUD_ACCOUNT or MONEY_MULE, not already traced from a report. */
        public static final String LABELLED_INFLOW = "LABELLED_INFLOW";

        private SourceKind() {
        }
    }

    /** How traced money left the traced graph ({@link FundTraceFlows#EXIT_KIND}); null: traced further. */
    public static final class ExitKind {
        /** Cash withdrawn (channel ATM). */
        public static final String ATM = "ATM";
        /** Paid to a third-party platform (channel THIRD_PARTY). */
        public static final String THIRD_PARTY = "THIRD_PARTY";
        /** Sent to an account outside the partner banks. */
        public static final String OUTSIDE_BANK = "OUTSIDE_BANK";
        /** Left with no counterparty account (cash at a counter, unknown payee). */
        public static final String NO_COUNTERPARTY = "NO_COUNTERPARTY";
        /** Passed on to a partner account beyond the hop limit: not a cash-out, just not traced further. */
        public static final String HOP_LIMIT = "HOP_LIMIT";
        /** The exits that are cash-outs: the money left the partner banks. */
        public static final List<String> CASH_OUTS = List.of(ATM, THIRD_PARTY, OUTSIDE_BANK, NO_COUNTERPARTY);

        private ExitKind() {
        }
    }

    /**
     * gold/fund_traces: one row per trace, hop and account holding traced money at that hop. For every row
     * {@code amount_in = amount_held + amount_passed_on + amount_cashed_out}; per trace, the source amount
     * equals the held amounts of all rows plus the cash-outs and hop-limit exits of {@code fund_trace_flows}.
     */
    public static final class FundTraces {
        /** Stable across re-runs and dates: a hash of the source transfer (from, to, time, amount). */
        public static final String TRACE_ID = "trace_id";
        /** {@link SourceKind}. */
        public static final String SOURCE_KIND = "source_kind";
        /** The incident id of a report, or the label of the receiving account. */
        public static final String SOURCE_REF = "source_ref";
        public static final String SOURCE_FROM_ACCOUNT = "source_from_account";
        public static final String SOURCE_TO_ACCOUNT = "source_to_account";
        public static final String SOURCE_TIME = "source_time";
        public static final String SOURCE_AMOUNT = "source_amount";
        /** 1 for the account that received the source transfer, 2 for the next, up to the hop limit. */
        public static final String HOP = "hop";
        public static final String ACCOUNT_ID = "account_id";
        public static final String BANK = "bank";
        public static final String AMOUNT_IN = "amount_in";
        /** Still on the account at the end of the business date. */
        public static final String AMOUNT_HELD = "amount_held";
        /** Sent on to partner accounts (traced at the next hop, or beyond the hop limit). */
        public static final String AMOUNT_PASSED_ON = "amount_passed_on";
        /** Left the partner banks from this account ({@link ExitKind#CASH_OUTS}). */
        public static final String AMOUNT_CASHED_OUT = "amount_cashed_out";
        public static final String FIRST_IN_AT = "first_in_at";
        /** The earliest arrival of traced money still held; null when nothing is held. */
        public static final String HELD_SINCE = "held_since";

        private FundTraces() {
        }
    }

    /** gold/fund_trace_flows: the traced money per trace and transfer: the paths and the cash-out points. */
    public static final class FundTraceFlows {
        public static final String TRACE_ID = FundTraces.TRACE_ID;
        /** The hop of the sending account; 0 for the source transfer. */
        public static final String HOP = FundTraces.HOP;
        public static final String FROM_ACCOUNT = "from_account";
        /** Null when the money left without a counterparty account. */
        public static final String TO_ACCOUNT = "to_account";
        /** The sender's booking ({@code BANK:txn_id}); the receiver's for a source seen only on its side. */
        public static final String TXN_KEY = "txn_key";
        public static final String TXN_TIME = "txn_time";
        /** The traced part of the transfer's amount. */
        public static final String AMOUNT = "amount";
        public static final String CHANNEL = "channel";
        /** {@link ExitKind}; null when the receiving account is traced further. */
        public static final String EXIT_KIND = "exit_kind";
        public static final String CASH_OUT = "cash_out";

        private FundTraceFlows() {
        }
    }

    /** Columns both per-entity graph tables share. */
    public static final class EntityGraph {
        /**
         * Personalized PageRank from the labelled entities over the combined money-flow and contact graph
         * (restart at the labelled set), in [0, 1].
         */
        public static final String PPR_SCORE = "ppr_score";
        /** {@link #PPR_SCORE} times the number of vertices: 1 is what a uniform walk would give. */
        public static final String PPR_LIFT = "ppr_lift";
        /** Stable id of the entity's gang community (hash of its smallest member token). */
        public static final String COMMUNITY_ID = "community_id";
        /** Accounts and phones in the community. */
        public static final String COMMUNITY_SIZE = "community_size";
        /** Community members with a standing fraud, mule, laundering or fraud-phone label. */
        public static final String COMMUNITY_LABELLED = "community_labelled";
        /** Community members that received traced money. */
        public static final String COMMUNITY_TRACED = "community_traced";
        /** (labelled + traced/2) / (size + 1): 0 for an unremarkable community. */
        public static final String COMMUNITY_SCORE = "community_score";
        /** 1 when the entity itself carries a standing label at the end of the date. */
        public static final String LABELLED = "labelled";

        private EntityGraph() {
        }
    }

    /** gold/graph_account_daily: one row per account in the graph per business date. */
    public static final class GraphAccountDaily {
        public static final String ACCOUNT_ID = "account_id";
        /** Traced money received (all traces, all hops). */
        public static final String TRACED_IN_AMOUNT = "traced_in_amount";
        /** Traced money still on the account at the end of the date. */
        public static final String TRACED_HELD_AMOUNT = "traced_held_amount";
        /** Distinct traces reaching the account. */
        public static final String TRACED_SOURCES = "traced_sources";
        /** Distinct traces from police reports reaching the account. */
        public static final String TRACED_VICTIM_SOURCES = "traced_victim_sources";
        /** The account's nearest hop on any trace; 0 when on none. */
        public static final String TRACED_MIN_HOP = "traced_min_hop";
        /** Days since the oldest traced money still held arrived; 0 when none is held. */
        public static final String TRACED_HELD_DAYS = "traced_held_days";

        private GraphAccountDaily() {
        }
    }

    /** gold/graph_phone_daily: one row per phone number in the graph per business date. */
    public static final class GraphPhoneDaily {
        public static final String PHONE = "phone";
        /** Other numbers that called from a handset (IMEI) this number used, in the window. */
        public static final String HANDSET_PEERS = "handset_peers";
        /** Other numbers calling at least two of the same callees, in the window. */
        public static final String CALLEE_OVERLAP_PEERS = "callee_overlap_peers";

        private GraphPhoneDaily() {
        }
    }
}

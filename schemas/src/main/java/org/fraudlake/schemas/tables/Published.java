package org.fraudlake.schemas.tables;

/**
 * Published tables ({@code published/<table>}): what the night hands to investigators and partners. Each is
 * partitioned by {@link #BUSINESS_DATE} and replaced whole for a date when that date runs again, so a re-run
 * gives identical rows.
 */
public final class Published {
    public static final String BUSINESS_DATE = "business_date";

    public static final String LEADS = "leads";
    public static final String INCIDENT_SERIES = "incident_series";

    private Published() {
    }

    /**
     * published/leads: one economic-crime lead per row, found over the rolling window ending on the business
     * date. {@link #LEAD_ID} is a hash of the typology and the sorted core members, so the same ring found
     * again keeps its id.
     */
    public static final class Leads {
        public static final String LEAD_ID = "lead_id";
        /** One of {@link Typology}, lower case. */
        public static final String TYPOLOGY = "typology";
        /** Array of {@link Member} structs: token, kind and role. */
        public static final String MEMBERS = "members";
        /** Sum of the amounts of the evidence transactions. */
        public static final String TOTAL_AMOUNT = "total_amount";
        /** Number of evidence transactions (or bids, for bid rigging). */
        public static final String TXN_COUNT = "txn_count";
        public static final String FIRST_TIME = "first_time";
        public static final String LAST_TIME = "last_time";
        /** 0..1, how strongly the pattern shows; see each detector. */
        public static final String SCORE = "score";
        /** Array of {@link Evidence} structs an investigator opens: transaction keys, tender ids, shared attributes. */
        public static final String EVIDENCE = "evidence";

        private Leads() {
        }
    }

    /** Fields of a lead member struct. */
    public static final class Member {
        /** The entity's token ({@code acc_…}, {@code id_…}, {@code ph_…}). */
        public static final String ID = "id";
        /** ACCOUNT, PERSON, COMPANY or PHONE. */
        public static final String KIND = "kind";
        /** What the entity does in the pattern, e.g. SHELL, RING_ACCOUNT, INVESTOR. */
        public static final String ROLE = "role";

        private Member() {
        }
    }

    /** Fields of a lead evidence struct. */
    public static final class Evidence {
        /** TRANSACTION (silver txn_key), TENDER (tender id), SHARED_LEGAL_REP, SHARED_ADDRESS, SHARED_PHONE, ... */
        public static final String KIND = "kind";
        /** The reference an investigator opens: a silver txn key, a tender id, or the shared token/value. */
        public static final String REF = "ref";
        public static final String AMOUNT = "amount";
        public static final String TIME = "time";

        private Evidence() {
        }
    }

    /** The lead typologies. */
    public enum Typology {
        ROUND_TRIPPING, UNDERGROUND_BANKING, ILLEGAL_FUNDRAISING, BID_RIGGING, SHELL_COMPANY, STRUCTURING_RING;

        /** The value in {@link Leads#TYPOLOGY}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * published/incident_series: police incidents linked into series by time, place, category and modus
     * operandi. {@link #SERIES_ID} is a hash of the series' first incident, so a series keeps its id as new
     * incidents join it.
     */
    public static final class IncidentSeries {
        public static final String SERIES_ID = "series_id";
        public static final String CATEGORY = "category";
        /** The modus operandi codes every member shares, sorted. */
        public static final String MODUS_OPERANDI = "modus_operandi";
        /** Incident ids, ordered by occurrence. */
        public static final String MEMBERS = "members";
        public static final String MEMBER_COUNT = "member_count";
        /** The communities the members occurred in, sorted. */
        public static final String COMMUNITIES = "communities";
        /** Why members were linked: SAME_CATEGORY, SAME_MO, SAME_COMMUNITY, WITHIN_RADIUS, WITHIN_DAYS. */
        public static final String REASONS = "reasons";
        public static final String FIRST_OCCURRED = "first_occurred";
        public static final String LAST_OCCURRED = "last_occurred";
        /** Whether the last member occurred within the open window, so a new incident may still join. */
        public static final String OPEN = "open";

        private IncidentSeries() {
        }
    }
}

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
    public static final String INTERCEPT_LIST = "intercept_list";
    public static final String VICTIM_WARNINGS = "victim_warnings";
    public static final String FEEDBACK_IMPACT = "feedback_impact";

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

    /**
     * published/intercept_list: one decision per flagged account or number per business date, from the day's
     * champion scores (each model's operating threshold from the registry), fund traces and leads. Every warning
     * still valid on the date has a row, whether sent that night or earlier, so the table is the day's complete
     * list; {@link #SENT} says which rows go into the partners' outbox that night.
     */
    public static final class InterceptList {
        /** {@code w_} and hex of a hash of partner, entity, warning type and {@link #VALID_FROM}: the same warning keeps its id. */
        public static final String WARNING_ID = "warning_id";
        /** The owning partner: the account's bank, the number's carrier; null for a number no partner carrier holds. */
        public static final String PARTNER = "partner";
        /** ACCOUNT or PHONE (victim_warnings: ACCOUNT, the victim's account at {@link #PARTNER}). */
        public static final String ENTITY_TYPE = "entity_type";
        /** The entity's token ({@code acc_…}, {@code ph_…}); never a raw identifier. */
        public static final String ENTITY_ID = "entity_id";
        /** FRAUD_ACCOUNT, MONEY_MULE, LAUNDERING, FRAUD_PHONE, HANDSET_FARM, VICTIM_AT_RISK, ... */
        public static final String WARNING_TYPE = "warning_type";
        /** One of {@link Action}. */
        public static final String ACTION = "action";
        /** 0..1, the highest calibrated score among the models that fired. */
        public static final String SCORE = "score";
        /** Array of the models that fired, by score descending. */
        public static final String MODELS = "models";
        /** Array of plain-language reasons, the strongest first. */
        public static final String REASONS = "reasons";
        public static final String VALID_FROM = "valid_from";
        public static final String VALID_UNTIL = "valid_until";
        /** One of {@link Status}. */
        public static final String STATUS = "status";
        /** Whether the row is in that night's outbox (NEW and ESCALATED). */
        public static final String SENT = "sent";
        /**
         * What already named the entity when the warning was decided, one of {@link KnownBy}; null for a detection
         * (nobody had named it). Echoes are sent like detections but counted apart and outside the budgets.
         */
        public static final String KNOWN_BY = "known_by";

        private InterceptList() {
        }
    }

    /** published/victim_warnings: the {@link InterceptList} columns plus the person at risk. */
    public static final class VictimWarnings {
        /** The person's token ({@code id_…}). */
        public static final String PERSON_ID = "person_id";

        private VictimWarnings() {
        }
    }

    /** What a warning asks the partner to do. */
    public enum Action {
        FREEZE, MONITOR, BLOCK, CONTACT_VICTIM
    }

    /**
     * Where a warning stands on a date: NEW (first sent), ESCALATED (sent again with a stronger action or score
     * band, under a new id), ACTIVE (still valid, sent earlier, not repeated), WITHDRAWN (a CLEARED label or a bank's
     * CLEARED feedback; kept one night so the change shows, never sent), QUEUED (over the budget, not sent).
     */
    public enum Status {
        NEW, ESCALATED, ACTIVE, WITHDRAWN,
        /**
         * A new warning (detection) over its partner's budget for the night and action: kept in the console's
         * queue for an analyst, not sent; the next night decides it afresh.
         */
        QUEUED
    }

    /**
     * Why a warning echoes what is already known ({@link InterceptList#KNOWN_BY}), in this order of precedence:
     * a case label (not CLEARED) on the entity or its holder, a police report naming it (suspect or victim
     * account or number, victim person), victim money traced to the account.
     */
    public enum KnownBy {
        CASE_LABEL, POLICE_REPORT, FUND_TRACE
    }

    /**
     * published/feedback_impact: what the warnings achieved, from the banks' feedback, per business date (the
     * date the feedback arrived by), bank and model: the figures the center is judged by.
     */
    public static final class FeedbackImpact {
        public static final String BANK = "bank";
        /** A model that fired on the warnings counted, or {@code ALL} for the bank's total. */
        public static final String MODEL = "model";
        public static final String WARNINGS_SENT = "warnings_sent";
        /** Warnings with any feedback other than NOT_FOUND. */
        public static final String ACTED_ON = "acted_on";
        public static final String FROZEN = "frozen";
        public static final String VICTIMS_CONTACTED = "victims_contacted";
        /** Victims contacted before their first transfer to a fraud account after the warning. */
        public static final String VICTIMS_IN_TIME = "victims_in_time";
        public static final String CLEARED = "cleared";
        /** Sum of amount_protected, exact decimal. */
        public static final String AMOUNT_PROTECTED = "amount_protected";

        private FeedbackImpact() {
        }
    }
}

package org.fraudlake.schemas.tables;

/**
 * Operational tables ({@code ops/<table>}) the review console writes: the analysts' dispositions of warnings (which
 * the next training reads as labels) and the audit of every reveal of a raw identifier. Both are append-only Delta
 * tables, never partitioned (they stay small: one row per human decision).
 */
public final class Ops {
    public static final String DISPOSITIONS = "dispositions";
    public static final String REVEALS = "reveals";

    private Ops() {
    }

    /**
     * ops/dispositions: one row per analyst decision on a warning. The latest row of an entity wins in the console;
     * every row is kept.
     */
    public static final class Dispositions {
        /** {@code d_} and a random UUID. */
        public static final String DISPOSITION_ID = "disposition_id";
        /** ACCOUNT, PHONE, PERSON or COMPANY: the entity the verdict is about. */
        public static final String ENTITY_TYPE = "entity_type";
        /** The entity's token; never a raw identifier. */
        public static final String ENTITY_ID = "entity_id";
        /** The published warning decided on ({@code w_…}); null for a decision on an entity without a warning. */
        public static final String WARNING_ID = "warning_id";
        /** The strongest model that fired on the warning. */
        public static final String MODEL = "model";
        /** The warning type (FRAUD_ACCOUNT, MONEY_MULE, VICTIM_AT_RISK, ...). */
        public static final String WARNING_TYPE = "warning_type";
        /** The business date of the queue the decision was taken from. */
        public static final String BUSINESS_DATE = "business_date";
        /** One of {@link Verdict}. */
        public static final String VERDICT = "verdict";
        /** For CONFIRMED: the case label it gives (FRAUD_ACCOUNT, MONEY_MULE, ...); null otherwise. */
        public static final String LABEL = "label";
        public static final String NOTE = "note";
        /** The console user who decided. */
        public static final String DECIDED_BY = "decided_by";
        public static final String DECIDED_AT = "decided_at";

        private Dispositions() {
        }
    }

    /** What an analyst decided. CONFIRMED gives a positive label, FALSE_POSITIVE a CLEARED one, ESCALATED none. */
    public enum Verdict {
        CONFIRMED, FALSE_POSITIVE, ESCALATED
    }

    /** ops/reveals: one row per raw identifier shown to a console user. */
    public static final class Reveals {
        public static final String REVEAL_ID = "reveal_id";
        /** The console user who asked. */
        public static final String USER = "user";
        public static final String ROLE = "role";
        /** The token revealed. */
        public static final String TOKEN = "token";
        /** The vault kind of the token (ACCOUNT, PHONE, PERSON, ...). */
        public static final String KIND = "kind";
        /** The reason the user gave. */
        public static final String REASON = "reason";
        public static final String REVEALED_AT = "revealed_at";

        private Reveals() {
        }
    }
}

package org.fraudlake.schemas.tables;

/**
 * Values of the published warning tables ({@link Published.InterceptList}, {@link Published.VictimWarnings})
 * beyond their column names: the entity types, the warning types and the name under which traced victim money
 * appears among the models that fired.
 */
public final class Warnings {
    /** {@code entity_type} of a warning on a partner account (intercept list and victim warnings). */
    public static final String ACCOUNT = "ACCOUNT";
    /** {@code entity_type} of a warning on a phone number (intercept list only). */
    public static final String PHONE = "PHONE";
    /**
     * The evidence name that stands in {@code models} for victim money traced to the account and still held there
     * ({@code gold/fund_traces}); it is a fact from the graph stage, not a model of the catalog.
     */
    public static final String FUND_TRACE = "fund_trace";
    /**
     * The evidence name that stands in {@code models} of a victim warning for a long answered call from a number the
     * same night flagged as a fraud phone: a rule of the decisions, not a model of the catalog.
     */
    public static final String FLAGGED_CALLER = "flagged_caller";

    private Warnings() {
    }

    /** What a warning is about ({@code warning_type}); banks and carriers get the name. */
    public enum WarningType {
        /** An account used to receive fraud proceeds directly. */
        FRAUD_ACCOUNT,
        /** An account that moves other people's money on: collection, pass-through, dispersal, cash-out, renting. */
        MONEY_MULE,
        /** An account laundering money: structuring, score running, underground banking, round tripping, shells. */
        LAUNDERING,
        /** An account used in another economic crime: illegal fund-raising, bid rigging. */
        ECONOMIC_CRIME,
        /** A number calling victims. */
        FRAUD_PHONE,
        /** A number run from a SIM or handset farm. */
        HANDSET_FARM,
        /** The holder of the account is being defrauded now: reach them before the money leaves. */
        VICTIM_AT_RISK
    }
}

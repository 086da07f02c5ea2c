package org.fraudlake.schemas;

import java.util.Arrays;
import java.util.List;

/**
 * The values of {@code case_labels.label} in the partner contract: what an investigation confirmed about an
 * entity. CLEARED withdraws an earlier label on the same entity.
 */
public enum CaseLabel {
    FRAUD_ACCOUNT, MONEY_MULE, FRAUD_PHONE, VICTIM, LAUNDERING, ECONOMIC_CRIME, CLEARED;

    /** Every value's name, in contract order. */
    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }

    /** The names of these labels, in the order given. */
    public static List<String> names(CaseLabel... labels) {
        return Arrays.stream(labels).map(Enum::name).toList();
    }
}

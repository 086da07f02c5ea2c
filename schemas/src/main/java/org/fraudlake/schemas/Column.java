package org.fraudlake.schemas;

import java.util.List;
import java.util.Locale;

/**
 * One column of a partner feed as the contract defines it.
 *
 * @param name       header name, lower case
 * @param type       value type
 * @param required   a missing value makes the row bad; a missing header rejects the delivery
 * @param pii        personal data: pseudonymized at ingest, raw value only in the vault
 * @param enumValues allowed values for {@link ColumnType#ENUM}, upper case; empty otherwise
 * @param rule       extra value rule (positive, non-negative)
 */
public record Column(String name, ColumnType type, boolean required, boolean pii, List<String> enumValues,
                     ValueRule rule) {

    /** Extra value rules on numeric columns. */
    public enum ValueRule { NONE, POSITIVE, NON_NEGATIVE }

    public Column {
        enumValues = List.copyOf(enumValues);
        if (type == ColumnType.ENUM && enumValues.isEmpty()) {
            throw new IllegalArgumentException("enum column " + name + " needs values");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("column names are lower case: " + name);
        }
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true, false, List.of(), ValueRule.NONE);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, false, false, List.of(), ValueRule.NONE);
    }

    public Column asPii() {
        return new Column(name, type, required, true, enumValues, rule);
    }

    public Column withRule(ValueRule newRule) {
        return new Column(name, type, required, pii, enumValues, newRule);
    }

    public static Column requiredEnum(String name, String... values) {
        return new Column(name, ColumnType.ENUM, true, false, List.of(values), ValueRule.NONE);
    }

    public static Column optionalEnum(String name, String... values) {
        return new Column(name, ColumnType.ENUM, false, false, List.of(values), ValueRule.NONE);
    }
}

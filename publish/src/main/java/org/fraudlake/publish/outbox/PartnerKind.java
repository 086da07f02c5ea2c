package org.fraudlake.publish.outbox;

import java.util.List;

/** The two kinds of partner that receive warnings, each with the columns of its {@code warnings.csv}. */
public enum PartnerKind {
    /** A partner bank: warnings about its own accounts, by {@code account_no}. */
    BANK("account_no"),
    /** A telecom carrier: its own subscribers' numbers, and the numbers no partner carrier holds. */
    CARRIER("phone");

    private final String identifierColumn;

    PartnerKind(String identifierColumn) {
        this.identifierColumn = identifierColumn;
    }

    /** {@code account_no} or {@code phone}: the column with the partner's own identifier. */
    public String identifierColumn() {
        return identifierColumn;
    }

    /** The header of this kind's {@code warnings.csv}, in contract order. */
    public List<String> header() {
        return List.of(WarningsCsv.WARNING_ID, WarningsCsv.BUSINESS_DATE, identifierColumn, WarningsCsv.WARNING_TYPE,
                WarningsCsv.RECOMMENDED_ACTION, WarningsCsv.SCORE, WarningsCsv.MODELS, WarningsCsv.REASONS,
                WarningsCsv.VALID_UNTIL);
    }
}

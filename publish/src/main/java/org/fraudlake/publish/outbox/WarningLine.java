package org.fraudlake.publish.outbox;

import java.util.Comparator;
import java.util.List;

/**
 * One row of a partner's {@code warnings.csv}, already formatted: the partner's own raw identifier, the score with
 * four decimals, models {@code ;}-separated, reasons {@code "; "}-separated, dates {@code YYYY-MM-DD}. Ordered by
 * identifier, warning type and id (then every other field), the order of the file.
 */
public record WarningLine(String warningId, String businessDate, String identifier, String warningType,
                          String recommendedAction, String score, String models, String reasons, String validUntil)
        implements Comparable<WarningLine> {

    private static final Comparator<WarningLine> ORDER = Comparator.comparing(WarningLine::identifier)
            .thenComparing(WarningLine::warningType).thenComparing(WarningLine::warningId)
            .thenComparing(WarningLine::businessDate).thenComparing(WarningLine::recommendedAction)
            .thenComparing(WarningLine::score).thenComparing(WarningLine::models)
            .thenComparing(WarningLine::reasons).thenComparing(WarningLine::validUntil);

    /** The fields in the order of {@link PartnerKind#header()}. */
    public List<String> fields() {
        return List.of(warningId, businessDate, identifier, warningType, recommendedAction, score, models, reasons,
                validUntil);
    }

    @Override
    public int compareTo(WarningLine o) {
        return ORDER.compare(this, o);
    }
}

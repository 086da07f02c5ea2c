package org.fraudlake.console.data;

import java.util.Locale;

/**
 * The queue's filters, each empty for "any": action, model (any of the warning's models), typology (warning
 * type), bank or carrier (partner), status (published status, or UNDECIDED / a verdict for the disposition).
 */
public record QueueFilter(String action, String model, String typology, String partner, String status) {
    /** Disposition pseudo-statuses the status filter also takes. */
    public static final String UNDECIDED = "UNDECIDED";

    public QueueFilter {
        action = blankToEmpty(action);
        model = blankToEmpty(model);
        typology = blankToEmpty(typology);
        partner = blankToEmpty(partner);
        status = blankToEmpty(status);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    /** Whether a row passes, given its latest disposition (or null). */
    public boolean test(QueueRow r, Disposition d) {
        return (action.isEmpty() || action.equals(r.action()))
                && (model.isEmpty() || r.models().contains(model))
                && (typology.isEmpty() || typology.equals(r.warningType()))
                && (partner.isEmpty() || partner.equals(r.partner()))
                && (status.isEmpty() || status.equals(r.status())
                || (status.equals(UNDECIDED) && d == null)
                || (d != null && status.toUpperCase(Locale.ROOT).equals(d.verdict().name())));
    }
}

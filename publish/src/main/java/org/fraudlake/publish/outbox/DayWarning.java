package org.fraudlake.publish.outbox;

import java.time.LocalDate;
import java.util.List;

/**
 * One sent warning of the day as collected for routing: the published row (tokens only) with what the lake says
 * about its entity: the vault's kind and raw value (normalized, {@code BANK:account_no} for accounts) and, for a
 * number, the partner carrier that holds it per {@code silver/subscribers}.
 *
 * @param vaultValues distinct raw values the vault holds for the token (1 when all is well)
 * @param holder      the carrier holding the number per silver subscribers, or {@code null}
 */
public record DayWarning(String warningId, String partner, String entityType, String entityId, String warningType,
                         String action, Double score, List<String> models, List<String> reasons, String validUntil,
                         String vaultKind, String vaultValue, long vaultValues, String holder) {

    public DayWarning {
        models = models == null ? List.of() : List.copyOf(models);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /**
     * The row as written for a partner, with the partner's own identifier. A value the contract needs (id, type,
     * action, a score in 0..1, valid_until) that is missing or out of range fails, naming the warning: the
     * decisions that wrote it must be fixed, not the row dropped.
     */
    public WarningLine line(LocalDate date, String identifier) {
        require(warningId, "warning_id");
        require(warningType, "warning_type");
        require(action, "action");
        require(validUntil, "valid_until");
        if (score == null) {
            throw invalid("score is missing");
        }
        String formatted;
        try {
            formatted = WarningsCsv.score(score);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return new WarningLine(warningId, date.toString(), identifier, warningType, action, formatted,
                WarningsCsv.neutralise(WarningsCsv.join(models, WarningsCsv.MODEL_SEPARATOR)),
                WarningsCsv.neutralise(WarningsCsv.join(reasons, WarningsCsv.REASON_SEPARATOR)), validUntil);
    }

    private void require(String value, String column) {
        if (value == null || value.isBlank()) {
            throw invalid(column + " is missing");
        }
    }

    private IllegalStateException invalid(String what) {
        return new IllegalStateException("published warning " + warningId + " (" + entityType + " " + entityId
                + "): " + what + "; fix the decisions for this date and publish again");
    }
}

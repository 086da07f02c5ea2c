package org.fraudlake.models;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/**
 * One trained version of a model, as the registry keeps it: enough to reproduce it (training window, params,
 * signals, the Delta versions of the tables it read) and to judge it (metrics on its validation window, and
 * the champion's on the same window when it was trained).
 *
 * @param status        CHAMPION (scores every night), CHALLENGER (trained, not promoted), RETIRED (a former
 *                      champion), ROLLED_BACK (a champion withdrawn by rollback)
 * @param threshold     the operating threshold, chosen on the not-yet-named group ({@link Evaluator#bestThreshold});
 *                      NaN: no operating point (too few not-yet-named positives), the version never fires alone
 * @param aucPr         AUC-PR over all entities of the validation window (shown beside the not-yet-named figure in
 *                      {@code metrics}, which decides)
 * @param championAucPr the champion's AUC-PR on the not-yet-named entities of this version's validation window
 *                      when it was trained; NaN when there was no champion or no positive among them
 * @param inputVersions JSON object: table path to Delta version read
 * @param metrics       JSON array of {@link Metrics}, per group, on the validation window
 */
public record RegistryEntry(String model, int version, String status, String algorithm, String entity,
                            Timestamp createdAt, LocalDate asOf, LocalDate trainFrom, LocalDate trainTo,
                            LocalDate validFrom, LocalDate validTo, String fittedBy, String params,
                            List<String> features, String inputVersions, List<String> partners, long trainRows,
                            long trainPositives, double threshold, double aucPr, double championAucPr,
                            String metrics, String path, Timestamp promotedAt, String note) {
    public static final String CHAMPION = "CHAMPION";
    public static final String CHALLENGER = "CHALLENGER";
    public static final String RETIRED = "RETIRED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public RegistryEntry {
        features = List.copyOf(features);
        partners = List.copyOf(partners);
    }

    public RegistryEntry withStatus(String newStatus, Timestamp promoted, String newNote) {
        return new RegistryEntry(model, version, newStatus, algorithm, entity, createdAt, asOf, trainFrom, trainTo,
                validFrom, validTo, fittedBy, params, features, inputVersions, partners, trainRows, trainPositives,
                threshold, aucPr, championAucPr, metrics, path, promoted == null ? promotedAt : promoted,
                newNote == null ? note : newNote);
    }

    public boolean isChampion() {
        return CHAMPION.equals(status);
    }

    /** Whether the version has an operating point: a threshold in [0, 1] (NaN when it had too few positives). */
    public boolean hasOperatingPoint() {
        return !Double.isNaN(threshold) && threshold >= 0 && threshold <= 1;
    }

    /** Whether the version kept its model's expert weights (too few positives to fit, {@link Fitter}). */
    public boolean expertWeights() {
        return fittedBy != null && fittedBy.startsWith(Fitter.EXPERT_WEIGHTS);
    }

    /** The validation metrics of one group ({@link Metrics#ALL}, {@link Metrics#UNKNOWN}, a partner), if recorded. */
    public java.util.Optional<Metrics> metricsOf(String group) {
        if (metrics == null || metrics.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            for (Metrics m : JSON.readValue(metrics, Metrics[].class)) {
                if (group.equals(m.group())) {
                    return java.util.Optional.of(m);
                }
            }
            return java.util.Optional.empty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("registry entry " + model + " v" + version + ": metrics is not a JSON "
                    + "array of metrics (" + e.getMessage() + "); retrain the model to replace it", e);
        }
    }

    /**
     * The AUC-PR that chooses champions: on the entities nobody had named yet ({@link Metrics#UNKNOWN}); for a
     * version recorded before that group was kept, its all-entities {@link #aucPr}.
     */
    public double selectionAucPr() {
        return metricsOf(Metrics.UNKNOWN).map(Metrics::aucPr).orElse(aucPr);
    }

    /**
     * The estimated precision of an alert: precision at the operating threshold on the not-yet-named entities of
     * the validation window; NaN without an operating point or without an alert there.
     */
    public double estimatedPrecision() {
        return hasOperatingPoint() ? metricsOf(Metrics.UNKNOWN).map(Metrics::precisionAtThreshold).orElse(Double.NaN)
                : Double.NaN;
    }
}

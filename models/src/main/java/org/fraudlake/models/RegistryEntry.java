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
 * @param championAucPr the champion's AUC-PR on this version's validation window when it was trained; NaN
 *                      when there was no champion
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
}

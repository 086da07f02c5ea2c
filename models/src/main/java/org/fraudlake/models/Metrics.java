package org.fraudlake.models;

/**
 * How well a model's scores ranked one group of entities over an evaluation window. An entity counts once,
 * with its highest score of the window (its days after it was labelled are left out) and positive if it was
 * labelled by the end of the evaluation.
 *
 * @param group          ALL, UNKNOWN (entities that no label or police report had named when scored),
 *                       NO_PARTNER (rows of an evaluated frame without a partner), or
 *                       a partner (bank or carrier)
 * @param aucPr          area under the precision-recall curve (average precision); NaN without positives
 * @param precisionAtK   share of positives among the k highest scores (k = min(k, entities))
 */
public record Metrics(String group, long entities, long positives, double baseRate, double aucPr, int k,
                      double precisionAtK, double threshold, long alerts, double recallAtThreshold,
                      double precisionAtThreshold) {
    public static final String ALL = "ALL";
    public static final String UNKNOWN = "UNKNOWN";
    /** Entities evaluated without a partner group (no partner bank or carrier known for them). */
    public static final String NO_PARTNER = "NO_PARTNER";
}

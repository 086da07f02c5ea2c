package org.fraudlake.models;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Evaluates scored rows against labels known at the end of the evaluation window: per group (all entities,
 * each partner, and the entities nobody had named yet), AUC-PR, precision@k, base rate, and recall and
 * precision at a threshold. Everything is computed in Spark; only one row per group reaches the driver.
 */
public final class Evaluator {
    public static final String SCORE = "score";
    public static final String REASONS = "reasons";
    static final String Y = "_y";
    static final String GROUP = "_group";
    private static final String UNKNOWN = "_unknown";

    /** Default of {@code train.min-positives}: fewer not-yet-named positives and a model has no operating point. */
    public static final int DEFAULT_MIN_POSITIVES = 10;

    private final int k;
    private final int minPositives;

    /** @param k the alert budget per validation window; {@link #DEFAULT_MIN_POSITIVES} */
    public Evaluator(int k) {
        this(k, DEFAULT_MIN_POSITIVES);
    }

    /**
     * @param k            the alert budget per validation window (precision@k and the threshold's search range)
     * @param minPositives not-yet-named positives a validation window needs for an operating point (at least 1)
     */
    public Evaluator(int k, int minPositives) {
        if (k < 1 || minPositives < 1) {
            throw new IllegalArgumentException("evaluator: k and minPositives must be at least 1, got k=" + k
                    + ", minPositives=" + minPositives);
        }
        this.k = k;
        this.minPositives = minPositives;
    }

    /**
     * One row per entity and group: the entity's highest score over its example rows
     * ({@link Labels#exampleRow}: before it was known; for victims, from the day before the fraud), and
     * whether it is a positive. A victim whose fraud happened before the window has no row in it.
     *
     * @param scored    {@link FeatureStore#ENTITY_ID}, {@link FeatureStore#BUSINESS_DATE},
     *                  {@link FeatureStore#PARTNERS}, {@link #SCORE}
     * @param positives {@link FeatureStore#ENTITY_ID}, {@link Labels#LABELLED_DATE}
     * @param named     {@link FeatureStore#ENTITY_ID}, {@link Labels#NAMED_DATE}
     */
    public static Dataset<Row> perEntity(Dataset<Row> scored, Dataset<Row> positives, Dataset<Row> named) {
        Column date = col(FeatureStore.BUSINESS_DATE);
        Dataset<Row> known = java.util.Arrays.asList(positives.columns()).contains(Labels.EVENT_DATE) ? positives
                : positives.withColumn(Labels.EVENT_DATE, lit(null).cast("date"));
        Dataset<Row> rows = scored.select(FeatureStore.ENTITY_ID, FeatureStore.BUSINESS_DATE, FeatureStore.PARTNERS, SCORE)
                .join(known, FeatureStore.ENTITY_ID, "left")
                .join(named, FeatureStore.ENTITY_ID, "left")
                .filter(Labels.exampleRow(date))
                .withColumn(Y, when(col(Labels.LABELLED_DATE).isNotNull(), 1).otherwise(0))
                .withColumn(UNKNOWN, col(Labels.NAMED_DATE).isNull().or(col(Labels.NAMED_DATE).gt(date)));
        Dataset<Row> all = rows.groupBy(FeatureStore.ENTITY_ID)
                .agg(max(SCORE).as(SCORE), max(Y).as(Y), first(FeatureStore.PARTNERS).as(FeatureStore.PARTNERS));
        Dataset<Row> unknown = rows.filter(col(UNKNOWN)).groupBy(FeatureStore.ENTITY_ID)
                .agg(max(SCORE).as(SCORE), max(Y).as(Y));
        Dataset<Row> partners = all.select(col(FeatureStore.ENTITY_ID), col(SCORE), col(Y),
                explode(array_compact(col(FeatureStore.PARTNERS))).as(GROUP));
        return all.select(col(FeatureStore.ENTITY_ID), col(SCORE), col(Y), lit(Metrics.ALL).as(GROUP))
                .unionByName(unknown.select(col(FeatureStore.ENTITY_ID), col(SCORE), col(Y), lit(Metrics.UNKNOWN).as(GROUP)))
                .unionByName(partners.select(FeatureStore.ENTITY_ID, SCORE, Y, GROUP));
    }

    /**
     * Metrics per group at a given threshold, ordered ALL, UNKNOWN, then partners by name; rows whose group
     * is null count under {@link Metrics#NO_PARTNER}. A NaN threshold (no operating point) alerts on nothing:
     * recall 0 and precision NaN at it, the ranking metrics as usual.
     */
    public Map<String, Metrics> evaluate(Dataset<Row> perEntity, double threshold) {
        WindowSpec ranked = Window.partitionBy(GROUP).orderBy(col(SCORE).desc(), col(FeatureStore.ENTITY_ID));
        Dataset<Row> r = perEntity.withColumn("_rank", row_number().over(ranked))
                .withColumn("_tp", sum(col(Y)).over(ranked.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
        Column isPos = col(Y).equalTo(1);
        Column alert = Double.isNaN(threshold) ? lit(false) : col(SCORE).geq(threshold);
        Dataset<Row> groups = r.groupBy(coalesce(col(GROUP), lit(Metrics.NO_PARTNER)).as(GROUP)).agg(
                count(lit(1)).as("n"),
                sum(col(Y)).as("pos"),
                sum(when(isPos, col("_tp").divide(col("_rank"))).otherwise(0.0)).as("ap_sum"),
                sum(when(isPos.and(col("_rank").leq(k)), 1).otherwise(0)).as("tp_k"),
                sum(when(alert, 1).otherwise(0)).as("alerts"),
                sum(when(alert.and(isPos), 1).otherwise(0)).as("tp_alert"));
        Map<String, Row> byGroup = new java.util.TreeMap<>();
        for (Row row : groups.collectAsList()) {
            byGroup.put(row.getString(0), row);
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (String g : new String[]{Metrics.ALL, Metrics.UNKNOWN}) {
            if (byGroup.containsKey(g)) {
                out.put(g, metrics(byGroup.remove(g), threshold));
            }
        }
        byGroup.forEach((g, row) -> out.put(g, metrics(row, threshold)));
        return out;
    }

    /**
     * The operating threshold, chosen on the entities nobody had named yet ({@link Metrics#UNKNOWN}): the score
     * that maximizes F1 among the k highest scores of that group (the alert budget of one validation window).
     * The rules, so that every case has one answer:
     * <ul>
     *   <li>fewer than {@code minPositives} positives in the group (0 included): NaN, no operating point; the
     *   model's scores still feed what ranks entities, it never fires alone;</li>
     *   <li>a cut falls only where the score drops (tied scores alert together) and strictly above the
     *   (k+1)-th score, so ties at the budget's edge never flood the list;</li>
     *   <li>the cut with the highest F1 wins; on equal F1 the higher score (fewer alerts);</li>
     *   <li>no admissible cut with a positive above it (every top score tied, or the budget holds no
     *   positive): NaN.</li>
     * </ul>
     * One positive is enough when {@code minPositives} is 1: the cut at its score, if the budget reaches it.
     */
    public double bestThreshold(Dataset<Row> perEntity) {
        WindowSpec ranked = Window.partitionBy(GROUP).orderBy(col(SCORE).desc(), col(FeatureStore.ENTITY_ID));
        java.util.List<Row> top = perEntity.filter(col(GROUP).equalTo(Metrics.UNKNOWN))
                .withColumn("_pos", sum(col(Y)).over(Window.partitionBy(GROUP)))
                .withColumn("_rank", row_number().over(ranked))
                .filter(col("_rank").leq(k + 1))
                .select(col(SCORE), col(Y), col("_pos")).orderBy(col("_rank")).collectAsList();
        long positives = top.isEmpty() ? 0 : top.get(0).getLong(2);
        if (positives < minPositives) {
            return Double.NaN;
        }
        return threshold(top.stream().mapToDouble(r -> r.getDouble(0)).toArray(),
                top.stream().mapToInt(r -> r.getInt(1)).toArray(), positives, k);
    }

    /** {@link #bestThreshold}'s cut on the ranked top scores (descending) and their labels; NaN when none. */
    static double threshold(double[] scores, int[] labels, long positives, int budget) {
        double edge = scores.length > budget ? scores[budget] : Double.NEGATIVE_INFINITY;
        double best = Double.NaN;
        double bestF1 = 0;
        int tp = 0;
        for (int i = 0; i < Math.min(budget, scores.length) && scores[i] > edge; i++) {
            tp += labels[i];
            double f1 = positives == 0 ? 0 : 2.0 * tp / (i + 1 + positives);
            boolean cut = i + 1 == scores.length || scores[i + 1] < scores[i];
            if (cut && tp > 0 && f1 > bestF1) {
                bestF1 = f1;
                best = scores[i];
            }
        }
        return best;
    }

    private Metrics metrics(Row row, double threshold) {
        long n = row.getLong(row.fieldIndex("n"));
        long pos = row.getLong(row.fieldIndex("pos"));
        long alerts = row.getLong(row.fieldIndex("alerts"));
        long tpAlert = row.getLong(row.fieldIndex("tp_alert"));
        int kk = (int) Math.min(k, n);
        return new Metrics(row.getString(0), n, pos, n == 0 ? 0 : (double) pos / n,
                pos == 0 ? Double.NaN : row.getDouble(row.fieldIndex("ap_sum")) / pos,
                kk, kk == 0 ? Double.NaN : (double) row.getLong(row.fieldIndex("tp_k")) / kk,
                threshold, alerts, pos == 0 ? Double.NaN : (double) tpAlert / pos,
                alerts == 0 ? Double.NaN : (double) tpAlert / alerts);
    }
}

package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metrics computed by hand on a ranked list of six entities. */
@ExtendWith(SparkTestExtension.class)
class EvaluatorTest {
    private final SparkSession spark;

    EvaluatorTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void averagePrecisionPrecisionAtKAndThresholdMetrics() {
        LocalDate d = LocalDate.of(2026, 11, 10);
        StructType scored = new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                .add(FeatureStore.BUSINESS_DATE, DataTypes.DateType)
                .add(FeatureStore.PARTNERS, DataTypes.createArrayType(DataTypes.StringType))
                .add(Evaluator.SCORE, DataTypes.DoubleType);
        // ranks: a(pos) .9, b .8, c(pos) .7, d .6, e .5, f(pos, named by police before) .4
        List<Row> rows = new ArrayList<>();
        String[] ids = {"a", "b", "c", "d", "e", "f"};
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        for (int i = 0; i < ids.length; i++) {
            rows.add(RowFactory.create(ids[i], Date.valueOf(d), List.of(i < 3 ? "BANK_A" : "BANK_B"), scores[i]));
            rows.add(RowFactory.create(ids[i], Date.valueOf(d.minusDays(1)), List.of(i < 3 ? "BANK_A" : "BANK_B"), 0.1));
        }
        // Labelled after d: an entity's rows from its label day on are no examples (it was no longer unknown).
        Dataset<Row> positives = spark.createDataFrame(List.of(RowFactory.create("a", Date.valueOf(d.plusDays(1))),
                RowFactory.create("c", Date.valueOf(d.plusDays(2))), RowFactory.create("f", Date.valueOf(d.plusDays(1)))),
                new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType).add(Labels.LABELLED_DATE, DataTypes.DateType));
        Dataset<Row> named = spark.createDataFrame(List.of(RowFactory.create("f", Date.valueOf(d.minusDays(5)))),
                new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType).add(Labels.NAMED_DATE, DataTypes.DateType));
        Evaluator evaluator = new Evaluator(2, 1);
        Dataset<Row> perEntity = Evaluator.perEntity(spark.createDataFrame(rows, scored), positives, named);
        Map<String, Metrics> m = evaluator.evaluate(perEntity, 0.7);
        Metrics all = m.get(Metrics.ALL);
        assertEquals(6, all.entities());
        assertEquals(3, all.positives());
        // AP = (1/1 + 2/3 + 3/6) / 3
        assertEquals((1.0 + 2.0 / 3 + 0.5) / 3, all.aucPr(), 1e-9);
        assertEquals(0.5, all.precisionAtK(), 1e-9);
        assertEquals(3, all.alerts());
        assertEquals(2.0 / 3, all.recallAtThreshold(), 1e-9);
        assertEquals(2.0 / 3, all.precisionAtThreshold(), 1e-9);
        Metrics unknown = m.get(Metrics.UNKNOWN);
        assertEquals(5, unknown.entities(), "f was named by the police before it was scored");
        assertEquals(2, unknown.positives());
        assertEquals(List.of(Metrics.ALL, Metrics.UNKNOWN, "BANK_A", "BANK_B"), List.copyOf(m.keySet()));
        assertEquals(1.0, m.get("BANK_A").aucPr() > 0.8 ? 1.0 : 0.0);
        // chosen on the not-yet-named (a, c positive; f left out): within the top 2, a alone gives
        // 2*1/(1+2) = 0.667, a+b gives 2*1/(2+2) = 0.5; over all entities (3 positives) it would have been the same
        // cut but with f counted
        assertEquals(0.9, evaluator.bestThreshold(perEntity), 1e-9);
        assertTrue(Double.isNaN(new Evaluator(2).bestThreshold(perEntity)),
                "2 not-yet-named positives < train.min-positives (10): no operating point");
        Metrics none = new Evaluator(2).evaluate(perEntity, Double.NaN).get(Metrics.UNKNOWN);
        assertEquals(0, none.alerts(), "no operating point alerts on nothing");
        assertEquals(0.0, none.recallAtThreshold());
        assertTrue(Double.isNaN(none.precisionAtThreshold()));
    }

    @Test
    void thresholdWithNoPositiveIsNone() {
        assertTrue(Double.isNaN(Evaluator.threshold(new double[]{0.9, 0.5, 0.2}, new int[]{0, 0, 0}, 0, 2)),
                "no positive: none, not the lowest score of the budget");
        assertTrue(Double.isNaN(Evaluator.threshold(new double[]{0.9, 0.5, 0.2}, new int[]{0, 0, 1}, 1, 2)),
                "no positive within the budget: none");
    }

    @Test
    void thresholdWithOnePositiveCutsAtIt() {
        // F1 at 0.9: no true positive; at 0.6: 2/(2+1) = 0.667; at 0.3: 2/(3+1) = 0.5
        assertEquals(0.6, Evaluator.threshold(new double[]{0.9, 0.6, 0.3}, new int[]{0, 1, 0}, 1, 3));
    }

    @Test
    void thresholdWithManyPositivesMaximizesF1() {
        // 4 positives, budget 4 (0.5 is the edge): F1 0.9 -> 2/5, 0.8 -> 4/6, 0.7 -> 4/7, 0.6 -> 6/8
        assertEquals(0.6, Evaluator.threshold(new double[]{0.9, 0.8, 0.7, 0.6, 0.5}, new int[]{1, 1, 0, 1, 0}, 4, 4));
        // 2 positives: F1 2/3 at 0.9 and again 4/6 at 0.6; the equal F1 keeps the higher cut (fewer alerts)
        assertEquals(0.9, Evaluator.threshold(new double[]{0.9, 0.8, 0.7, 0.6, 0.1}, new int[]{1, 0, 0, 1, 0}, 2, 4));
    }

    @Test
    void thresholdNeverFloodsTheBudgetOnTies() {
        double[] tied = new double[101];
        java.util.Arrays.fill(tied, 0.2);
        int[] labels = new int[101];
        labels[3] = 1;
        assertTrue(Double.isNaN(Evaluator.threshold(tied, labels, 1, 100)),
                "101 tied top scores: no cut above the edge, none (was 1.0)");
        assertEquals(0.9, Evaluator.threshold(new double[]{0.9, 0.5, 0.5}, new int[]{1, 0, 0}, 1, 2));
        assertTrue(Double.isNaN(Evaluator.threshold(new double[]{0.9, 0.5, 0.5, 0.5}, new int[]{0, 1, 1, 0}, 2, 2)),
                "the positives tie at the budget's edge: the only admissible cut finds none");
        assertEquals(0.7, Evaluator.threshold(new double[]{0.7, 0.7, 0.4}, new int[]{0, 1, 0}, 1, 2),
                "tied scores alert together");
    }
}

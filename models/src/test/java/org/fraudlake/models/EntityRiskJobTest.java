package org.fraudlake.models;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.models.EntityRiskJob.Fitted;
import org.fraudlake.models.EntityRiskJob.Group;
import org.fraudlake.models.EntityRiskJob.Stack;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The entity-risk stack on a hand-built window of scores: one informative model, one noise model, positives
 * named after the window, one entity named by the police inside it.
 */
@ExtendWith(SparkTestExtension.class)
class EntityRiskJobTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 20);
    private static final Stack STACK = new Stack(EntityKind.ACCOUNT, Group.OFFENDER, List.of("m1", "m2"),
            LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE), Action.FREEZE);
    private static final StructType SCORES = new StructType().add(Scores.MODEL, DataTypes.StringType)
            .add(Scores.ENTITY_TYPE, DataTypes.StringType).add(Scores.ENTITY_ID, DataTypes.StringType)
            .add(Scores.PARTNERS, DataTypes.createArrayType(DataTypes.StringType)).add(Scores.SCORE, DataTypes.DoubleType)
            .add(Scores.REASONS, DataTypes.createArrayType(DataTypes.StringType)).add(Gold.BUSINESS_DATE, DataTypes.DateType);
    private static final StructType TRACES = new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
            .add(Gold.BUSINESS_DATE, DataTypes.DateType).add(EntityRiskJob.TRACED_MONEY, DataTypes.DoubleType);
    private static final StructType KEYED_DATE = new StructType().add(FeatureStore.ENTITY_ID, DataTypes.StringType)
            .add("d", DataTypes.DateType);
    private static final EntityRiskJob.Settings SETTINGS = new EntityRiskJob.Settings(14, 5, 3, 5, 50, 3);

    private final SparkSession spark;

    EntityRiskJobTest(SparkSession spark) {
        this.spark = spark;
    }

    /** 300 accounts over the 14 days before D and D: 30 positives (a0..a29) score high on m1; m2 is noise. */
    private Dataset<Row> scores(int positives) {
        Random random = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int day = 14; day >= 0; day--) {
            Date date = Date.valueOf(D.minusDays(day));
            for (int i = 0; i < 300; i++) {
                boolean pos = i < positives;
                double m1 = pos ? 0.55 + 0.4 * random.nextDouble() : 0.6 * random.nextDouble();
                rows.add(RowFactory.create("m1", "ACCOUNT", "a" + i, List.of("BANK_A"), m1,
                        List.of("m1 reason of a" + i), date));
                rows.add(RowFactory.create("m2", "ACCOUNT", "a" + i, List.of("BANK_A"), random.nextDouble(),
                        List.of("m2 reason"), date));
            }
        }
        return spark.createDataFrame(rows, SCORES);
    }

    private Dataset<Row> keyed(String column, Map<String, LocalDate> dates) {
        List<Row> rows = new ArrayList<>();
        dates.forEach((id, d) -> rows.add(RowFactory.create(id, Date.valueOf(d))));
        return spark.createDataFrame(rows, KEYED_DATE).withColumnRenamed("d", column);
    }

    private Dataset<Row> positives(int n) {
        Map<String, LocalDate> labelled = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            labelled.put("a" + i, D);
        }
        return keyed(Labels.LABELLED_DATE, labelled);
    }

    private Dataset<Row> rows(int positives) {
        return EntityRiskJob.rows(scores(positives), spark.createDataFrame(List.of(), TRACES), STACK).cache();
    }

    @Test
    void aStackLearnsWhichModelSeparatesTheNotYetNamedAndIsCalibratedToTheirBaseRate() {
        EntityRiskJob job = new EntityRiskJob(null, SETTINGS, line -> { });
        Dataset<Row> rows = rows(30);
        // a0 was named by a police report 5 days before D: its rows from then on are no examples.
        Fitted fitted = job.fit(rows, positives(30), keyed(Labels.NAMED_DATE, Map.of("a0", D.minusDays(5))), STACK, D);

        assertTrue(fitted.fitted(), fitted.note());
        assertEquals(30, fitted.fitPositives());
        // 9 fitting dates x 300 entities, less a0's rows from its naming day (none of them before the validation)
        assertEquals(9 * 300, fitted.fitRows());
        assertTrue(fitted.coefficients()[0] > 5 * Math.abs(fitted.coefficients()[1]),
                "m1 drives the risk, m2 is noise: " + java.util.Arrays.toString(fitted.coefficients()));
        assertFalse(Double.isNaN(fitted.threshold()));
        assertEquals(29, fitted.validPositives(), "a0, named before the validation dates, is not among them");
        for (int i = 1; i < fitted.curveRisk().length; i++) {
            assertTrue(fitted.curveRisk()[i] < fitted.curveRisk()[i - 1]);
        }

        Dataset<Row> scored = job.score(rows.filter(col(FeatureStore.BUSINESS_DATE).lt(Date.valueOf(D.minusDays(5)))),
                fitted);
        double meanRisk = scored.agg(avg(col(EntityRisk.RISK))).first().getDouble(0);
        assertEquals(30.0 / 300, meanRisk, 0.02, "a probability at the fitting rows' base rate");

        Map<String, Row> today = new TreeMap<>();
        job.score(rows.filter(col(FeatureStore.BUSINESS_DATE).equalTo(Date.valueOf(D))), fitted).collectAsList()
                .forEach(r -> today.put(r.getAs(EntityRisk.ENTITY_ID), r));
        assertEquals(300, today.size());
        double positiveMean = today.entrySet().stream().filter(e -> Integer.parseInt(e.getKey().substring(1)) < 30)
                .mapToDouble(e -> e.getValue().<Double>getAs(EntityRisk.RISK)).average().orElseThrow();
        double negativeMean = today.entrySet().stream().filter(e -> Integer.parseInt(e.getKey().substring(1)) >= 30)
                .mapToDouble(e -> e.getValue().<Double>getAs(EntityRisk.RISK)).average().orElseThrow();
        assertTrue(positiveMean > 4 * negativeMean, positiveMean + " vs " + negativeMean);
        Row top = today.values().stream().max(java.util.Comparator.comparingDouble(r -> r.<Double>getAs(EntityRisk.RISK)))
                .orElseThrow();
        assertTrue(top.<Boolean>getAs(EntityRisk.FIRES));
        assertEquals("m1", top.<scala.collection.Seq<String>>getAs(EntityRisk.DRIVERS).head());
        assertTrue(top.<scala.collection.Seq<String>>getAs(EntityRisk.REASONS).head().startsWith("m1 reason of a"));
        double precision = top.getAs(EntityRisk.PRECISION);
        assertTrue(precision > 0.5 && precision <= 1, "estimated precision at the top risk: " + precision);
        assertEquals(fitted.version(), top.getAs(EntityRisk.VERSION));
    }

    @Test
    void aStackWithTooFewPositivesRanksByItsStrongestModelAndNeverFires() {
        EntityRiskJob job = new EntityRiskJob(null, SETTINGS, line -> { });
        Dataset<Row> rows = rows(4);
        Fitted fitted = job.fit(rows, positives(4), keyed(Labels.NAMED_DATE, Map.of()), STACK, D);
        assertFalse(fitted.fitted());
        assertEquals(4, fitted.fitPositives());
        assertTrue(fitted.note().contains("needs 5"), fitted.note());
        for (Row r : job.score(rows.filter(col(FeatureStore.BUSINESS_DATE).equalTo(Date.valueOf(D))), fitted)
                .collectAsList()) {
            assertFalse(r.<Boolean>getAs(EntityRisk.FIRES));
            assertTrue(Double.isNaN(r.<Double>getAs(EntityRisk.PRECISION)));
            assertEquals("none", r.getAs(EntityRisk.VERSION));
        }
        Row a1 = job.score(rows.filter(col(FeatureStore.BUSINESS_DATE).equalTo(Date.valueOf(D))
                .and(col(FeatureStore.ENTITY_ID).equalTo("a1"))), fitted).first();
        Row in = rows.filter(col(FeatureStore.BUSINESS_DATE).equalTo(Date.valueOf(D))
                .and(col(FeatureStore.ENTITY_ID).equalTo("a1"))).first();
        assertEquals(Math.max(in.<Double>getAs("m1"), in.<Double>getAs("m2")), a1.<Double>getAs(EntityRisk.RISK), 1e-12);
    }

    /**
     * The 8 positives were labelled on the first validation date, so the validation dates hold none not yet named;
     * the stack's own risks of the nights before (a fitted version's, out of time) hold all 8 with high risks: the
     * operating point and the precision curve come from them, and the stack fires. Without them it would only rank.
     */
    @Test
    void tooFewPositivesAtValidationTakeTheOperatingPointFromTheStacksOwnEarlierRisks() {
        EntityRiskJob job = new EntityRiskJob(null, SETTINGS, line -> { });
        Dataset<Row> rows = rows(8);
        Map<String, LocalDate> labelled = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            labelled.put("a" + i, D.minusDays(5));
        }
        Dataset<Row> positives = keyed(Labels.LABELLED_DATE, labelled);
        Dataset<Row> named = keyed(Labels.NAMED_DATE, Map.of());

        Fitted alone = job.fit(rows, positives, named, STACK, D);
        assertTrue(alone.fitted(), alone.note());
        assertTrue(Double.isNaN(alone.threshold()), "no positive at validation: " + alone.note());

        Random random = new Random(11);
        List<Row> earlier = new ArrayList<>();
        for (int day = 20; day >= 6; day--) {
            for (int i = 0; i < 300; i++) {
                double risk = i < 8 ? 0.6 + 0.3 * random.nextDouble() : 0.2 * random.nextDouble();
                earlier.add(RowFactory.create("a" + i, Date.valueOf(D.minusDays(day)), List.of("BANK_A"), risk));
            }
        }
        Dataset<Row> history = spark.createDataFrame(earlier, new StructType()
                .add(FeatureStore.ENTITY_ID, DataTypes.StringType).add(FeatureStore.BUSINESS_DATE, DataTypes.DateType)
                .add(FeatureStore.PARTNERS, DataTypes.createArrayType(DataTypes.StringType))
                .add(Evaluator.SCORE, DataTypes.DoubleType));
        Fitted fitted = job.fit(rows, positives, named, STACK, D, history);

        assertFalse(Double.isNaN(fitted.threshold()), fitted.note());
        assertEquals(8, fitted.validPositives());
        assertTrue(fitted.note().contains("from the stack's own risks of the"), fitted.note());
        assertEquals(1.0, fitted.curvePrecision()[0], 1e-12, "the highest earlier risk was a positive's");
        assertArrayEquals(alone.coefficients(), fitted.coefficients(), 1e-12, "the fit itself does not change");
    }

    @Test
    void aStackWithTooFewDatesOfScoresIsNotFitted() {
        EntityRiskJob job = new EntityRiskJob(null, SETTINGS, line -> { });
        Dataset<Row> rows = rows(30).filter(col(FeatureStore.BUSINESS_DATE).geq(Date.valueOf(D.minusDays(7))));
        Fitted fitted = job.fit(rows, positives(30), keyed(Labels.NAMED_DATE, Map.of()), STACK, D);
        assertFalse(fitted.fitted());
        assertTrue(fitted.note().startsWith("7 dates of scores"), fitted.note());
    }

    @Test
    void theCurveCutsOnlyWhereTheScoreDropsAndThePrecisionOfARiskIsReadFromIt() {
        double[][] curve = EntityRiskJob.curve(new double[]{0.9, 0.8, 0.8, 0.5}, new int[]{1, 1, 0, 0});
        assertArrayEquals(new double[]{0.9, 0.8, 0.5}, curve[0]);
        assertArrayEquals(new double[]{1.0, 2.0 / 3, 0.5}, curve[1], 1e-12);

        Dataset<Row> risks = spark.createDataFrame(List.of(RowFactory.create(0.95), RowFactory.create(0.9),
                        RowFactory.create(0.85), RowFactory.create(0.6), RowFactory.create(0.1)),
                new StructType().add("r", DataTypes.DoubleType));
        List<Double> precisions = risks.orderBy(col("r").desc())
                .select(EntityRiskJob.precisionAt(col("r"), curve[0], curve[1])).collectAsList().stream()
                .map(r -> r.getDouble(0)).toList();
        // above the curve: its top point; 0.85 alerts everything at or above 0.9; 0.6 at or above 0.8; below: the last
        assertEquals(List.of(1.0, 1.0, 1.0, 2.0 / 3, 0.5), precisions);
        assertTrue(Double.isNaN(risks.select(EntityRiskJob.precisionAt(col("r"), new double[0], new double[0]))
                .first().getDouble(0)));
    }

    @Test
    void everyEntityKindAndGroupOfTheCatalogGetsOneStackWithItsAction() {
        Map<String, Stack> stacks = new TreeMap<>();
        Stack.of(ModelCatalog.all()).forEach(s -> stacks.put(s.kind() + "/" + s.group(), s));
        assertEquals(List.of("ACCOUNT/OFFENDER", "COMPANY/OFFENDER", "PERSON/OFFENDER", "PERSON/VICTIM",
                "PHONE/OFFENDER"), List.copyOf(stacks.keySet()));
        assertEquals(Action.FREEZE, stacks.get("ACCOUNT/OFFENDER").action());
        assertEquals(Action.BLOCK, stacks.get("PHONE/OFFENDER").action());
        assertEquals(Action.CONTACT_VICTIM, stacks.get("PERSON/VICTIM").action());
        assertTrue(stacks.get("PERSON/VICTIM").label().victimEvents());
        assertTrue(stacks.get("ACCOUNT/OFFENDER").features().contains(EntityRiskJob.TRACED_MONEY));
        assertTrue(stacks.get("ACCOUNT/OFFENDER").label().labels().containsAll(List.of("MONEY_MULE", "LAUNDERING")));
        int models = stacks.values().stream().mapToInt(s -> s.models().size()).sum();
        assertEquals(ModelCatalog.all().size(), models, "every model feeds exactly one stack");
    }
}

package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of the catalog fits on a small frame, saves, loads, scores, and explains a high score by the
 * signals that drove it. The frame is synthetic: positives carry alarming values on the signals the model
 * declares as risk-raising (expert weight > 0), negatives ordinary ones.
 */
@ExtendWith(SparkTestExtension.class)
class CatalogModelsTest {
    private static final int ENTITIES = 240;
    private static final int POSITIVES = 24;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 10);

    private final SparkSession spark;

    CatalogModelsTest(SparkSession spark) {
        this.spark = spark;
    }

    static Stream<RiskModel> models() {
        return ModelCatalog.all().stream();
    }

    @Test
    void catalogHasSixteenUniquelyNamedModelsWithDocumentedSpecs() {
        Set<String> names = new HashSet<>();
        for (RiskModel m : ModelCatalog.all()) {
            assertTrue(names.add(m.name()), "duplicate " + m.name());
            assertFalse(m.spec().sources().isEmpty(), m.name());
            assertFalse(m.signals().isEmpty(), m.name());
            assertTrue(m.signals().stream().anyMatch(s -> s.priorWeight() > 0), m.name() + " needs expert weights");
        }
        assertTrue(names.size() >= 16, "catalog has " + names.size());
        assertTrue(names.containsAll(List.of("fraud_phone", "handset_farm", "victim_call_then_pay", "victim_grooming",
                "elderly_new_payee", "money_mule", "rapid_pass_through", "fan_in_collection", "fan_out_dispersal",
                "dormant_reactivation", "new_account_burst", "rented_accounts", "shared_device_ip", "cash_out",
                "score_running", "structuring")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fitsSavesLoadsScoresAndExplains(RiskModel model, @TempDir Path dir) {
        Dataset<Row> frame = frame(model, 7L);
        FittedModel fitted = new Fitter().fit(model, frame);
        assertTrue(fitted.fittedBy().startsWith("MLlib"), model.name() + ": " + fitted.fittedBy());

        String where = dir.resolve(model.name()).toString();
        fitted.withThreshold(0.5).save(where, spark.sparkContext().hadoopConfiguration());
        FittedModel loaded = FittedModel.load(where, spark.sparkContext().hadoopConfiguration());
        assertEquals(fitted.withThreshold(0.5), loaded);

        List<Row> scored = loaded.score(model, frame(model, 8L))
                .select(col(FeatureStore.ENTITY_ID), col(Fitter.LABEL), col(Evaluator.SCORE), col(Evaluator.REASONS))
                .orderBy(col(Evaluator.SCORE).desc(), col(FeatureStore.ENTITY_ID)).collectAsList();
        double pos = scored.stream().filter(r -> r.getDouble(1) == 1.0).mapToDouble(r -> r.getDouble(2)).average().orElseThrow();
        double neg = scored.stream().filter(r -> r.getDouble(1) == 0.0).mapToDouble(r -> r.getDouble(2)).average().orElseThrow();
        assertTrue(pos > neg + 0.3, model.name() + ": positives " + pos + " vs negatives " + neg);
        scored.forEach(r -> assertTrue(r.getDouble(2) >= 0 && r.getDouble(2) <= 1));

        Row top = scored.get(0);
        assertEquals(1.0, top.getDouble(1), model.name() + ": the highest score is a positive");
        List<String> reasons = top.getList(3);
        assertFalse(reasons.isEmpty(), model.name() + ": a high score has reasons");
        assertTrue(reasons.size() <= FittedModel.MAX_REASONS);
        Set<String> strongest = strongestSignals(loaded, top.getString(0), frame(model, 8L));
        assertTrue(model.signals().stream().filter(s -> strongest.contains(s.id()))
                        .anyMatch(s -> reasons.get(0).startsWith(s.reason().substring(0, s.reason().indexOf("{}")))),
                model.name() + ": first reason '" + reasons.get(0) + "' should be about one of " + strongest);
        assertFalse(reasons.get(0).contains("{}"));
    }

    /** The signals with the largest contribution weight * (transformed - mean) (ties), computed outside Spark. */
    private static Set<String> strongestSignals(FittedModel fitted, String entity, Dataset<Row> frame) {
        Row row = frame.filter(col(FeatureStore.ENTITY_ID).equalTo(entity)).first();
        double bestC = Double.NEGATIVE_INFINITY;
        java.util.Map<String, Double> c = new java.util.HashMap<>();
        for (FittedModel.Term t : fitted.terms()) {
            double x = ((Number) row.getAs(t.signal())).doubleValue();
            c.put(t.signal(), t.weight() * (t.transform().apply(x) - t.mean()));
            bestC = Math.max(bestC, c.get(t.signal()));
        }
        double max = bestC;
        Set<String> best = new HashSet<>();
        c.forEach((k, v) -> {
            if (v >= max - 1e-6) {
                best.add(k);
            }
        });
        return best;
    }

    /** ENTITIES entities on one day, the first POSITIVES positive, one column per signal. */
    private Dataset<Row> frame(RiskModel model, long seed) {
        Random r = new Random(seed);
        List<Signal> signals = model.signals();
        StructType schema = new StructType()
                .add(FeatureStore.ENTITY_ID, DataTypes.StringType)
                .add(FeatureStore.BUSINESS_DATE, DataTypes.DateType)
                .add(FeatureStore.PARTNERS, DataTypes.createArrayType(DataTypes.StringType))
                .add(Fitter.LABEL, DataTypes.DoubleType)
                .add(Fitter.WEIGHT, DataTypes.DoubleType);
        for (Signal s : signals) {
            schema = schema.add(s.id(), DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < ENTITIES; e++) {
            boolean positive = e < POSITIVES;
            List<Object> v = new ArrayList<>(List.of(String.format("acc_%04d", e), Date.valueOf(DAY),
                    List.of(e % 2 == 0 ? "BANK_A" : "BANK_B"), positive ? 1.0 : 0.0, 1.0));
            for (Signal s : signals) {
                v.add(value(s, positive && s.priorWeight() > 0, r));
            }
            rows.add(RowFactory.create(v.toArray()));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** An alarming or an ordinary raw value for a signal, on the scale its transform expects. */
    private static double value(Signal s, boolean alarming, Random r) {
        Transform t = s.transform();
        double u = r.nextDouble();
        return switch (t.kind()) {
            case RAMP -> alarming ? t.low() + (0.4 + 0.6 * u) * (t.high() - t.low()) : t.low() - u * Math.abs(t.low()) * 0.5;
            case RAMP_DOWN -> alarming ? t.high() - (0.4 + 0.6 * u) * (t.high() - t.low()) : t.high() * (1 + u);
            case LOG -> alarming ? 50 + 100 * u : 3 * u;
            case LINEAR -> alarming ? 0.8 + 0.2 * u : 0.2 * u;
        };
    }
}

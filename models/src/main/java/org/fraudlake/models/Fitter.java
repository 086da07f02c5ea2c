package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits a model's weights on a training frame with Spark MLlib and calibrates its scores.
 *
 * <p>The frame has the model's input columns, the label {@link #LABEL} (1.0 positive) and the weight
 * {@link #WEIGHT}: how many real rows each row stands for (negatives are sampled). Class imbalance is handled
 * by weighting: the fit sees positives and negatives with equal total weight, so a rare class still shapes
 * the boundary; Platt scaling then maps the fitted margin back to a probability on the real class balance.
 *
 * <p>Classifiers: logistic regression over the transformed signals, standardized, elastic net. Scorecards:
 * the same with weights bound to be non-negative (each signal may only raise risk, as its documentation
 * says). With fewer than {@link #MIN_POSITIVES} positive entities nothing can be learnt: the model keeps the
 * expert weights and bias it declares ({@link Signal#priorWeight()}, {@link RiskModel#priorBias()}), and
 * the registry records that it did ({@link FittedModel#fittedBy()}); it is still validated like the others.
 */
public final class Fitter {
    public static final String LABEL = "_y";
    public static final String WEIGHT = "_w";
    /** Fewer positive entities than this and a model keeps its expert weights. */
    public static final int MIN_POSITIVES = 10;
    /** How {@link FittedModel#fittedBy()} begins for a model that kept its expert weights. */
    public static final String EXPERT_WEIGHTS = "expert weights";
    private static final String BALANCED = "_wb";
    private static final String FEATURES = "_features";
    /** Margin bins per 40 units of log-odds for calibration (0.01 wide). */
    static final int CALIBRATION_BINS = 4_000;

    private final double regParam;
    private final int maxIter;

    public Fitter() {
        this(0.01, 60);
    }

    public Fitter(double regParam, int maxIter) {
        this.regParam = regParam;
        this.maxIter = maxIter;
    }

    /** The fitted model; its threshold is left at 0.5 until validation picks one. */
    public FittedModel fit(RiskModel model, Dataset<Row> training) {
        List<Signal> signals = model.signals();
        List<Column> cols = new ArrayList<>();
        String[] names = new String[signals.size()];
        for (int i = 0; i < signals.size(); i++) {
            names[i] = "_x" + i;
            cols.add(signals.get(i).transform().apply(signals.get(i).raw()).as(names[i]));
        }
        cols.add(col(LABEL));
        cols.add(col(WEIGHT));
        long positiveEntities = training.filter(col(LABEL).equalTo(1.0)).select(FeatureStore.ENTITY_ID).distinct().count();
        Dataset<Row> x = training.select(cols.toArray(Column[]::new)).na().fill(0.0).cache();
        try {
            Row totals = x.agg(sum(when(col(LABEL).equalTo(1.0), col(WEIGHT)).otherwise(0.0)),
                    sum(when(col(LABEL).equalTo(1.0), 1L).otherwise(0L)),
                    sum(col(WEIGHT))).first();
            double posWeight = totals.isNullAt(0) ? 0 : totals.getDouble(0);
            long positives = totals.isNullAt(1) ? 0 : totals.getLong(1);
            double allWeight = totals.isNullAt(2) ? 0 : totals.getDouble(2);
            double[] means = means(x, names, allWeight);
            boolean scorecard = model.spec().algorithm() == Algorithm.SCORECARD;
            if (positiveEntities < MIN_POSITIVES) {
                double[] w = signals.stream().mapToDouble(Signal::priorWeight).toArray();
                return new FittedModel(model.name(), model.spec().algorithm(), terms(signals, w, scorecard ? null : means),
                        model.priorBias(), 1.0, 0.0, 0.5,
                        EXPERT_WEIGHTS + " (" + positiveEntities + " positive entities < " + MIN_POSITIVES + ")");
            }
            double negWeight = allWeight - posWeight;
            Dataset<Row> balanced = x.withColumn(BALANCED,
                    when(col(LABEL).equalTo(1.0), lit(negWeight / posWeight)).otherwise(col(WEIGHT)));
            Dataset<Row> assembled = new VectorAssembler().setInputCols(names).setOutputCol(FEATURES)
                    .transform(balanced);
            LogisticRegression lr = new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL)
                    .setWeightCol(BALANCED).setMaxIter(maxIter).setRegParam(regParam).setStandardization(true)
                    .setElasticNetParam(scorecard ? 0.0 : 0.5);
            if (scorecard) {
                lr.setLowerBoundsOnCoefficients(Matrices.zeros(1, names.length));
            }
            LogisticRegressionModel fitted = lr.fit(assembled);
            Vector coef = fitted.coefficients();
            double[] w = coef.toArray();
            if (java.util.Arrays.stream(w).allMatch(v -> v == 0.0)) {
                return new FittedModel(model.name(), model.spec().algorithm(),
                        terms(signals, signals.stream().mapToDouble(Signal::priorWeight).toArray(), scorecard ? null : means),
                        model.priorBias(), 1.0, 0.0, 0.5, EXPERT_WEIGHTS + " (the fit on " + positiveEntities
                        + " positive entities gave every signal weight 0)");
            }
            double[] platt = calibrate(x, names, w, fitted.intercept());
            return new FittedModel(model.name(), model.spec().algorithm(), terms(signals, w, scorecard ? null : means),
                    fitted.intercept(), platt[0], platt[1], 0.5,
                    "MLlib logistic regression on " + positives + " positive rows of " + positiveEntities + " entities");
        } finally {
            x.unpersist();
        }
    }

    private static List<FittedModel.Term> terms(List<Signal> signals, double[] w, double[] means) {
        List<FittedModel.Term> terms = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            terms.add(new FittedModel.Term(signals.get(i).id(), signals.get(i).transform(), w[i],
                    means == null ? 0.0 : means[i]));
        }
        return terms;
    }

    /** Weighted means of the transformed signals: the "usual" value a reason is measured against. */
    private static double[] means(Dataset<Row> x, String[] names, double allWeight) {
        Column[] aggs = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            aggs[i] = sum(col(names[i]).multiply(col(WEIGHT)));
        }
        Row r = x.agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length)).first();
        double[] m = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            m[i] = allWeight == 0 || r.isNullAt(i) ? 0 : r.getDouble(i) / allWeight;
        }
        return m;
    }

    /**
     * Platt scaling: a one-variable logistic regression of the label on the margin, on the real class
     * balance. The margins are reduced in Spark to weighted label counts per fine margin bin (at most
     * {@link #CALIBRATION_BINS} rows reach the driver), then the two parameters are fitted by Newton's method.
     */
    private static double[] calibrate(Dataset<Row> x, String[] names, double[] w, double intercept) {
        Column margin = lit(intercept);
        for (int i = 0; i < names.length; i++) {
            margin = margin.plus(col(names[i]).multiply(w[i]));
        }
        Column bin = org.apache.spark.sql.functions.round(margin.multiply(CALIBRATION_BINS / 40.0)).divide(CALIBRATION_BINS / 40.0);
        List<Row> bins = x.groupBy(bin.as("m")).agg(
                sum(when(col(LABEL).equalTo(1.0), col(WEIGHT)).otherwise(0.0)).as("pos"),
                sum(when(col(LABEL).equalTo(1.0), 0.0).otherwise(col(WEIGHT))).as("neg")).collectAsList();
        double[] m = new double[bins.size()];
        double[] pos = new double[bins.size()];
        double[] neg = new double[bins.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(-20, Math.min(20, bins.get(i).getDouble(0)));
            pos[i] = bins.get(i).getDouble(1);
            neg[i] = bins.get(i).getDouble(2);
        }
        double[] ab = platt(m, pos, neg);
        return ab[0] > 0 ? ab : new double[]{1.0, ab[1]};
    }

    /** Maximum-likelihood {@code a, b} of {@code P(y=1|m) = sigmoid(a m + b)} on weighted counts (Newton, ridge 1e-6). */
    static double[] platt(double[] m, double[] pos, double[] neg) {
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-6;
            double hab = 0;
            double hbb = 1e-6;
            for (int i = 0; i < m.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * m[i] + b)));
                double n = pos[i] + neg[i];
                double r = pos[i] - n * p;
                ga += r * m[i];
                gb += r;
                double v = n * p * (1 - p);
                haa += v * m[i] * m[i];
                hab += v * m[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            if (det <= 0) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return new double[]{1.0, 0.0};
        }
        return new double[]{Math.min(a, 50), b};
    }
}

package org.fraudlake.models;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A trained model version: a linear score over transformed signals, calibrated to a probability, with the
 * operating threshold chosen on its validation window. Scoring is a Spark SQL expression, so it runs where
 * the data is, and every score comes with its reasons: the signals whose contribution
 * {@code weight * (value - training mean)} pushed the score up most, in the model's own words.
 *
 * @param terms            one per signal, in the model's order
 * @param calibrationSlope Platt scaling: {@code p = sigmoid(slope * margin + offset)}
 * @param fittedBy         how the weights were obtained (fitted, or the expert prior when labels were few)
 */
public record FittedModel(String model, Algorithm algorithm, List<Term> terms, double intercept,
                          double calibrationSlope, double calibrationOffset, double threshold, String fittedBy) {
    /** Reasons given per score at most. */
    public static final int MAX_REASONS = 3;
    /** A contribution (in log-odds) below this is not a reason. */
    static final double MIN_CONTRIBUTION = 0.05;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FILE = "model.json";

    public record Term(String signal, Transform transform, double weight, double mean) {
    }

    public FittedModel {
        terms = List.copyOf(terms);
    }

    public FittedModel withThreshold(double t) {
        return new FittedModel(model, algorithm, terms, intercept, calibrationSlope, calibrationOffset, t, fittedBy);
    }

    public Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        terms.forEach(t -> w.put(t.signal(), t.weight()));
        return w;
    }

    /**
     * Scores input rows: adds {@code score} (0..1) and {@code reasons} (array of sentences, strongest first)
     * and keeps the input's other columns.
     */
    public Dataset<Row> score(RiskModel riskModel, Dataset<Row> inputs) {
        Map<String, Signal> signals = new LinkedHashMap<>();
        riskModel.signals().forEach(s -> signals.put(s.id(), s));
        Column margin = lit(intercept);
        List<Column> reasons = new ArrayList<>();
        for (Term t : terms) {
            Signal s = signals.get(t.signal());
            if (s == null) {
                throw new IllegalStateException(model + ": saved signal " + t.signal() + " is not in the model's code");
            }
            Column x = t.transform().apply(s.raw());
            margin = margin.plus(x.multiply(t.weight()));
            Column contribution = x.minus(t.mean()).multiply(t.weight());
            reasons.add(struct(contribution.multiply(-1).as("k"), s.text(s.raw()).as("text")));
        }
        Column p = lit(1.0).divide(lit(1.0).plus(exp(margin.multiply(-calibrationSlope).minus(calibrationOffset))));
        Column ranked = array_sort(filter(array(reasons.toArray(Column[]::new)),
                r -> r.getField("k").leq(-MIN_CONTRIBUTION)));
        return inputs.withColumn(Evaluator.SCORE, p)
                .withColumn(Evaluator.REASONS, transform(slice(ranked, 1, MAX_REASONS), r -> r.getField("text")));
    }

    /** The calibrated probability for one set of raw signal values, in the model's signal order. */
    public double score(double... raw) {
        double m = intercept;
        for (int i = 0; i < terms.size(); i++) {
            m += terms.get(i).weight() * terms.get(i).transform().apply(raw[i]);
        }
        return 1 / (1 + Math.exp(-(calibrationSlope * m + calibrationOffset)));
    }

    public void save(String dir, Configuration conf) {
        Path file = new Path(dir, FILE);
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            JSON.writeValue(out, this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + model + " to " + file, e);
        }
    }

    public static FittedModel load(String dir, Configuration conf) {
        Path file = new Path(dir, FILE);
        try (InputStream in = FileSystem.get(file.toUri(), conf).open(file)) {
            return JSON.readValue(in, FittedModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + file, e);
        }
    }
}

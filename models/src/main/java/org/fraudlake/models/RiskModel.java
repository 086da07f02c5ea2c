package org.fraudlake.models;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One early-warning model of the catalog. A model says what it is ({@link #spec()}), which signals it reads
 * ({@link #signals()}) and where they come from ({@link #inputs}); fitting, saving, scoring, explaining and
 * evaluating are the same for every model ({@link Fitter}, {@link FittedModel}, {@link Evaluator}).
 */
public interface RiskModel {
    ModelSpec spec();

    /** The signals, each a column of {@link #inputs} (or an expression over them). */
    List<Signal> signals();

    /**
     * One row per entity and business date in {@code [from, to]} with {@link FeatureStore#ENTITY_ID},
     * {@link FeatureStore#BUSINESS_DATE}, {@link FeatureStore#PARTNERS} and the columns the signals read. By
     * default the entity's daily feature table.
     */
    default Dataset<Row> inputs(FeatureStore store, LocalDate from, LocalDate to) {
        return store.features(spec().entity(), from, to);
    }

    /**
     * A scorecard's bias before its weights are fitted: with every signal at 0 the score is
     * {@code sigmoid(bias)}; the expert weights are set so that a few signals at full strength cross 0.5.
     */
    default double priorBias() {
        return -6.0;
    }

    default String name() {
        return spec().name();
    }
}

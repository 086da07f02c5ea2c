package org.fraudlake.publish.decisions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.models.Action;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.schemas.tables.Warnings.WarningType;

/**
 * How one champion's scores turn into evidence: the registry's operating threshold of the champion version, the
 * estimated precision of its alerts ({@link #precision}), the action its alert can lead to and the warning type it
 * names (both from the model's {@link ModelSpec}).
 *
 * @param precision the champion's precision at its threshold on the not-yet-named entities of its validation window
 *                  ({@link RegistryEntry#estimatedPrecision}); NaN when unknown (no alert there), which never
 *                  reaches a minimum
 */
record ModelRule(String model, int version, double threshold, double precision, Action action,
                 WarningType warningType) {
    static final String MODEL = "model";
    static final String VERSION = "version";
    static final String THRESHOLD = "threshold";
    static final String PRECISION = "precision";
    static final String MODEL_ACTION = "model_action";
    static final String WARNING_TYPE = "warning_type";
    static final StructType SCHEMA = new StructType()
            .add(MODEL, DataTypes.StringType, false)
            .add(VERSION, DataTypes.IntegerType, false)
            .add(THRESHOLD, DataTypes.DoubleType, false)
            .add(PRECISION, DataTypes.DoubleType, false)
            .add(MODEL_ACTION, DataTypes.StringType, false)
            .add(WARNING_TYPE, DataTypes.StringType, false);

    /**
     * The rule of every champion in the registry whose model is in the catalog, by model name. A champion of a
     * model the catalog no longer has, or without an operating point (it never fires alone), is reported and left
     * out.
     */
    static List<ModelRule> ofChampions(List<RegistryEntry> registry, List<RiskModel> catalog,
                                       Consumer<String> progress) {
        Map<String, ModelSpec> specs = new TreeMap<>();
        catalog.forEach(m -> specs.put(m.name(), m.spec()));
        List<ModelRule> rules = new ArrayList<>();
        for (RegistryEntry e : registry) {
            if (!e.isChampion()) {
                continue;
            }
            ModelSpec spec = specs.get(e.model());
            double t = e.threshold();
            if (spec == null) {
                progress.accept("  " + e.model() + " v" + e.version() + ": champion of a model not in the catalog, ignored");
            } else if (Double.isNaN(t) || t < 0 || t > 1) {
                progress.accept("  " + e.model() + " v" + e.version() + ": no operating point (threshold " + t
                        + "; too few not-yet-named positives at validation): scored, never fires alone");
            } else {
                rules.add(new ModelRule(e.model(), e.version(), t, e.estimatedPrecision(), spec.action(),
                        warningType(spec)));
            }
        }
        rules.sort(Comparator.comparing(ModelRule::model));
        return List.copyOf(rules);
    }

    /** The rules as a tiny frame in {@link #SCHEMA}. */
    static Dataset<Row> frame(SparkSession spark, List<ModelRule> rules) {
        List<Row> rows = rules.stream().map(r -> RowFactory.create(r.model(), r.version(), r.threshold(),
                r.precision(), r.action().name(), r.warningType().name())).toList();
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * The warning type a model's alert names, from its spec: victim models (CONTACT_VICTIM) warn of a victim at
     * risk; phone models of a fraud phone, or a handset farm when the typology says so; account, person and company
     * models by their typology's family: laundering when the model looks for LAUNDERING labels or its typology is
     * money laundering, economic crime for the other economic-crime typologies, money mule for the mule family, and
     * fraud account for the rest (network proximity to confirmed fraud).
     */
    static WarningType warningType(ModelSpec spec) {
        String typology = spec.typology().toLowerCase(java.util.Locale.ROOT);
        if (spec.action() == Action.CONTACT_VICTIM || spec.label().victimEvents()) {
            return WarningType.VICTIM_AT_RISK;
        }
        if (spec.entity() == EntityKind.PHONE) {
            return typology.contains("handset") ? WarningType.HANDSET_FARM : WarningType.FRAUD_PHONE;
        }
        if (typology.startsWith("money laundering") || spec.label().labels().contains("LAUNDERING")) {
            return WarningType.LAUNDERING;
        }
        if (typology.startsWith("economic crime")) {
            return WarningType.ECONOMIC_CRIME;
        }
        if (typology.startsWith("money mule")) {
            return WarningType.MONEY_MULE;
        }
        return WarningType.FRAUD_ACCOUNT;
    }
}

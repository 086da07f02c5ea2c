package org.fraudlake.models;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables;

/**
 * One calibrated risk per entity and night ({@code gold/entity_risk}), stacked from every model's score: part of
 * the score stage, after {@link ScoreJob} has written D's scores.
 *
 * <p><b>Stacks.</b> One per entity kind and {@link Group}: accounts, phones, persons and companies that take part in
 * crime (OFFENDER: the kind's non-victim models), and persons at risk of paying a fraudster (VICTIM: the victim
 * models). A stack's label is the union of its models' labels ({@link Stack#label}).
 *
 * <p><b>Fitting, on the same time split as the models.</b> The rows are the scores the night actually produced on
 * the {@link Settings#windowDays} dates before D (gold/scores: each is the score of the champion of its night, so
 * out of time for every later label), one row per entity and date with one feature per model of the stack (its
 * score, 0 where it did not score the entity) and, for accounts, {@code traced_money} (log1p of the traced victim
 * money the account held that day, gold/fund_traces). Only rows of entities that no label or police report had named
 * by their date are kept ({@link Labels#named}, {@link Labels#exampleRow}): the stack learns to find what nobody has
 * named yet. The label is the stack's positives known at the end of D. A logistic regression without class weights
 * (so its output is a probability at the window's base rate) is fitted on all but the last {@link Settings#validDays}
 * dates and judged on those: the operating threshold is {@link Evaluator#bestThreshold} on the not-yet-named at
 * validation (with fewer than {@link Settings#minPositives} positives there, it is measured the same way on the
 * stack's own risks of the {@link Settings#historyDays} nights before, which were out of time for every label that
 * came since; NaN when they too have fewer: the stack then ranks, never fires), and
 * the precision curve there (the precision of alerting every entity at or above each distinct risk, at most
 * {@link #CURVE_DEPTH_PER_K}·k deep) gives each risk its estimated precision. Labels arrive days after the crime,
 * so the last validation days hold fewer positives than they will: the estimate errs low, on the side of MONITOR.
 * A stack with fewer than {@link Settings#minFitDays} fitting dates or fewer than minPositives positive entities
 * among them is not fitted: its risk is then the highest score of its models, with no precision and never firing.
 *
 * <p><b>Output of D.</b> Per stack and entity scored on D: {@link EntityRisk#RISK}, its {@link EntityRisk#PRECISION},
 * {@link EntityRisk#FIRES}, the {@link Settings#maxDrivers} models whose scores pushed the risk up most (coefficient
 * times the score's distance from its fitting mean, positive only) and their reasons. The fitted stacks go to
 * {@code gold/risk_models} (coefficients, threshold, curve, counts), both tables replacing D's partition only, so a
 * re-run gives the same rows.
 *
 * <p><b>Costs.</b> One read of the window's scores, one aggregation per stack (cached for fitting, validation and
 * scoring), a few small actions per stack (counts, fit, the validation ranking's top), two Delta writes.
 */
public final class EntityRiskJob {
    /** The name a stack's risk carries among the evidence of a decision. */
    public static final String MODEL = "entity_risk";
    /** The account feature from traced victim money held. */
    public static final String TRACED_MONEY = "traced_money";
    /** The precision curve reaches this many times k validation entities deep. */
    static final int CURVE_DEPTH_PER_K = 5;
    static final String OFFENDER = "OFFENDER";
    static final String VICTIM = "VICTIM";
    private static final String SCORE_MAP = "_scores";
    private static final String REASON_MAP = "_reasons";
    private static final String Y = "_y";
    private static final String VECTOR = "_features";
    private static final StructType TRACES = StructType.fromDDL(FundTraces.ACCOUNT_ID + " STRING, "
            + FundTraces.AMOUNT_HELD + " DECIMAL(18,2), " + GraphTables.BUSINESS_DATE + " DATE");
    static final StructType MODELS_SCHEMA = new StructType()
            .add(EntityRisk.ENTITY_TYPE, DataTypes.StringType, false)
            .add(EntityRisk.RISK_GROUP, DataTypes.StringType, false)
            .add(EntityRisk.VERSION, DataTypes.StringType, false)
            .add("features", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("intercept", DataTypes.DoubleType, false)
            .add("means", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("threshold", DataTypes.DoubleType, false)
            .add("curve_risk", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("curve_precision", DataTypes.createArrayType(DataTypes.DoubleType), false)
            .add("fit_rows", DataTypes.LongType, false)
            .add("fit_positives", DataTypes.LongType, false)
            .add("valid_positives", DataTypes.LongType, false)
            .add("note", DataTypes.StringType, false)
            .add(Gold.BUSINESS_DATE, DataTypes.DateType, false);

    private final Lake lake;
    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * @param windowDays   dates of past scores a stack is fitted and validated on (default 14)
     * @param validDays    the last of those dates, on which the threshold and precision curve are measured (5)
     * @param minFitDays   fitting dates a stack needs besides the validation dates (3)
     * @param minPositives positive entities both the fitting rows and the validation window need (train.min-positives)
     * @param topK         the alert budget of one validation window (train.top-k)
     * @param maxDrivers   models named as the risk's drivers (3)
     * @param historyDays  when the validation dates hold fewer than minPositives not-yet-named positives, the
     *                     operating point and precision curve are measured on the stack's own risks of this many
     *                     earlier nights (gold/entity_risk of fitted versions, out of time by construction) instead
     *                     (default 30; 0: never)
     */
    public record Settings(int windowDays, int validDays, int minFitDays, int minPositives, int topK, int maxDrivers,
                           int historyDays) {
        public static final Settings DEFAULTS = new Settings(14, 5, 3, Evaluator.DEFAULT_MIN_POSITIVES, 100, 3, 30);

        public Settings {
            if (validDays < 1 || minFitDays < 1 || windowDays < validDays + minFitDays || minPositives < 1 || topK < 1
                    || maxDrivers < 1 || historyDays < 0) {
                throw new IllegalArgumentException("entity risk settings: need validDays >= 1, minFitDays >= 1, "
                        + "windowDays >= validDays + minFitDays, minPositives, topK and maxDrivers >= 1, historyDays"
                        + " >= 0; got " + this);
            }
        }

        /** Settings without the fallback to the stacks' own earlier risks ({@code historyDays} 0). */
        public Settings(int windowDays, int validDays, int minFitDays, int minPositives, int topK, int maxDrivers) {
            this(windowDays, validDays, minFitDays, minPositives, topK, maxDrivers, 0);
        }
    }

    /** Whom a stack's risk is about. */
    public enum Group { OFFENDER, VICTIM }

    /**
     * One stack: the models of one entity kind and group (sorted by name), their features (the models, then
     * {@link #TRACED_MONEY} for account offenders), the union of their labels and the action its alert leads to
     * (CONTACT_VICTIM for victims; FREEZE or BLOCK when a model of the stack asks for it; else the first model's).
     */
    public record Stack(EntityKind kind, Group group, List<String> models, LabelSpec label, Action action) {
        public Stack {
            models = List.copyOf(models);
        }

        /** The stacks of a catalog, in kind and group order; kinds without models have none. */
        public static List<Stack> of(List<RiskModel> catalog) {
            Map<String, List<ModelSpec>> byStack = new TreeMap<>();
            for (RiskModel m : catalog) {
                ModelSpec s = m.spec();
                Group g = s.action() == Action.CONTACT_VICTIM || s.label().victimEvents() ? Group.VICTIM : Group.OFFENDER;
                byStack.computeIfAbsent(s.entity().ordinal() + "/" + g.ordinal(), k -> new ArrayList<>()).add(s);
            }
            List<Stack> stacks = new ArrayList<>();
            for (List<ModelSpec> specs : byStack.values()) {
                ModelSpec first = specs.get(0);
                Group g = first.action() == Action.CONTACT_VICTIM || first.label().victimEvents() ? Group.VICTIM
                        : Group.OFFENDER;
                Set<String> labels = new TreeSet<>();
                boolean viaHeld = false;
                boolean events = false;
                Set<Action> actions = new LinkedHashSet<>();
                for (ModelSpec s : specs) {
                    labels.addAll(s.label().labels());
                    viaHeld |= s.label().viaHeldAccounts();
                    events |= s.label().victimEvents();
                    actions.add(s.action());
                }
                Action action = g == Group.VICTIM ? Action.CONTACT_VICTIM
                        : actions.contains(Action.FREEZE) ? Action.FREEZE
                        : actions.contains(Action.BLOCK) ? Action.BLOCK : first.action();
                stacks.add(new Stack(first.entity(), g, specs.stream().map(ModelSpec::name).sorted().toList(),
                        new LabelSpec(first.entity(), labels, viaHeld, events), action));
            }
            return List.copyOf(stacks);
        }

        /** The features of the stack, in order. */
        public List<String> features() {
            if (kind == EntityKind.ACCOUNT && group == Group.OFFENDER) {
                List<String> f = new ArrayList<>(models);
                f.add(TRACED_MONEY);
                return List.copyOf(f);
            }
            return models;
        }

        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + group.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A fitted stack. {@code curveRisk} descending with {@code curvePrecision}: alerting every validation entity at
     * or above curveRisk[i] had precision curvePrecision[i] on the not-yet-named. Unfitted: no coefficients.
     */
    record Fitted(Stack stack, String version, double[] coefficients, double intercept, double[] means,
                  double threshold, double[] curveRisk, double[] curvePrecision, long fitRows, long fitPositives,
                  long validPositives, String note) {
        boolean fitted() {
            return coefficients.length > 0;
        }

        /** The version of an unfitted stack. */
        static final String NONE = "none";

        static Fitted none(Stack stack, long fitRows, long fitPositives, String note) {
            return new Fitted(stack, NONE, new double[0], 0, new double[0], Double.NaN, new double[0],
                    new double[0], fitRows, fitPositives, 0, note);
        }
    }

    public EntityRiskJob(Lake lake, Settings settings, Consumer<String> progress) {
        this.lake = lake;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Fits every stack of the catalog on the scores before D, writes D's risks and the fitted stacks.
     *
     * @return per stack ({@link Stack#describe}), the entities of D given a risk and (suffix {@code .fires}) those
     *         at or above the stack's operating threshold; empty when D has no scores
     */
    public Map<String, Long> run(SparkSession spark, LocalDate date, List<RiskModel> catalog) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        String scoresPath = lake.gold(Gold.SCORES);
        if (!DeltaIO.exists(spark, scoresPath)) {
            progress.accept("  entity risk: no gold/scores yet, nothing to stack");
            return counts;
        }
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            spark.sparkContext().setJobDescription("entity risk " + date);
            Dataset<Row> scores = DeltaIO.read(spark, scoresPath)
                    .filter(col(Gold.BUSINESS_DATE).between(Date.valueOf(date.minusDays(settings.windowDays())),
                            Date.valueOf(date)));
            Dataset<Row> traces = DeltaIO.readOrEmpty(spark, lake.gold(GraphTables.FUND_TRACES), TRACES)
                    .filter(col(GraphTables.BUSINESS_DATE).between(Date.valueOf(date.minusDays(settings.windowDays())),
                            Date.valueOf(date)))
                    .groupBy(col(FundTraces.ACCOUNT_ID).as(FeatureStore.ENTITY_ID), col(GraphTables.BUSINESS_DATE))
                    .agg(log1p(sum(col(FundTraces.AMOUNT_HELD).cast("double"))).as(TRACED_MONEY));
            Labels labels = new Labels(spark, lake);
            Dataset<Row> history = history(spark, date);
            Dataset<Row> out = null;
            List<Row> fittedRows = new ArrayList<>();
            for (Stack stack : Stack.of(catalog)) {
                Dataset<Row> rows = rows(scores, traces, stack).persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(rows);
                Fitted fitted = fit(rows, labels.positives(stack.label(), date), labels.named(stack.kind(), date),
                        stack, date, history == null ? null : history
                                .filter(col(EntityRisk.ENTITY_TYPE).equalTo(stack.kind().name())
                                        .and(col(EntityRisk.RISK_GROUP).equalTo(stack.group().name())))
                                .select(col(EntityRisk.ENTITY_ID).as(FeatureStore.ENTITY_ID),
                                        col(Gold.BUSINESS_DATE).as(FeatureStore.BUSINESS_DATE),
                                        col(EntityRisk.PARTNERS).as(FeatureStore.PARTNERS),
                                        col(EntityRisk.RISK).as(Evaluator.SCORE)));
                Dataset<Row> risks = score(rows.filter(col(FeatureStore.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)))),
                        fitted);
                out = out == null ? risks : out.unionByName(risks);
                fittedRows.add(RowFactory.create(stack.kind().name(), stack.group().name(), fitted.version(),
                        stack.features().toArray(String[]::new), boxed(fitted.coefficients()), fitted.intercept(),
                        boxed(fitted.means()), fitted.threshold(), boxed(fitted.curveRisk()),
                        boxed(fitted.curvePrecision()), fitted.fitRows(), fitted.fitPositives(), fitted.validPositives(),
                        fitted.note(), Date.valueOf(date)));
            }
            if (out == null) {
                return counts;
            }
            String where = Gold.BUSINESS_DATE + " = DATE'" + date + "'";
            DeltaIO.replaceWhere(out.repartition(1), lake.gold(Gold.ENTITY_RISK), where, Gold.BUSINESS_DATE);
            DeltaIO.replaceWhere(spark.createDataFrame(fittedRows, MODELS_SCHEMA).repartition(1),
                    lake.gold(Gold.RISK_MODELS), where, Gold.BUSINESS_DATE);
            for (Row r : DeltaIO.read(spark, lake.gold(Gold.ENTITY_RISK))
                    .filter(col(Gold.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                    .groupBy(EntityRisk.ENTITY_TYPE, EntityRisk.RISK_GROUP)
                    .agg(count(lit(1)), sum(col(EntityRisk.FIRES).cast("long")))
                    .orderBy(EntityRisk.ENTITY_TYPE, EntityRisk.RISK_GROUP).collectAsList()) {
                String name = r.getString(0).toLowerCase(java.util.Locale.ROOT) + " "
                        + r.getString(1).toLowerCase(java.util.Locale.ROOT);
                counts.put(name, r.getLong(2));
                counts.put(name + ".fires", r.isNullAt(3) ? 0 : r.getLong(3));
            }
            return counts;
        } finally {
            cached.forEach(Dataset::unpersist);
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * One row per entity and date the stack's models scored: {@link FeatureStore#ENTITY_ID},
     * {@link FeatureStore#BUSINESS_DATE}, {@link FeatureStore#PARTNERS}, one column per feature, and the day's
     * reasons per model ({@code _reasons}).
     */
    static Dataset<Row> rows(Dataset<Row> scores, Dataset<Row> traces, Stack stack) {
        Dataset<Row> grouped = scores
                .filter(col(Scores.ENTITY_TYPE).equalTo(stack.kind().name())
                        .and(col(Scores.MODEL).isin(stack.models().toArray())))
                .groupBy(col(Scores.ENTITY_ID).as(FeatureStore.ENTITY_ID), col(Gold.BUSINESS_DATE))
                .agg(first(col(Scores.PARTNERS), true).as(FeatureStore.PARTNERS),
                        map_from_entries(collect_list(struct(col(Scores.MODEL), col(Scores.SCORE)))).as(SCORE_MAP),
                        map_from_entries(collect_list(struct(col(Scores.MODEL), col(Scores.REASONS)))).as(REASON_MAP));
        List<Column> select = new ArrayList<>(List.of(col(FeatureStore.ENTITY_ID), col(FeatureStore.BUSINESS_DATE),
                col(FeatureStore.PARTNERS), col(REASON_MAP)));
        for (String m : stack.models()) {
            select.add(coalesce(element_at(col(SCORE_MAP), lit(m)), lit(0.0)).as(m));
        }
        Dataset<Row> rows = grouped.select(select.toArray(Column[]::new));
        if (stack.features().contains(TRACED_MONEY)) {
            rows = rows.join(traces, new String[]{FeatureStore.ENTITY_ID, FeatureStore.BUSINESS_DATE}, "left")
                    .withColumn(TRACED_MONEY, coalesce(col(TRACED_MONEY), lit(0.0)));
        }
        return rows;
    }

    /**
     * The risks the fitted versions of the stacks gave on the {@link Settings#historyDays} nights before D
     * (gold/entity_risk), or null when there are none to read.
     */
    private Dataset<Row> history(SparkSession spark, LocalDate date) {
        String path = lake.gold(Gold.ENTITY_RISK);
        if (settings.historyDays() == 0 || !DeltaIO.exists(spark, path)) {
            return null;
        }
        return DeltaIO.read(spark, path)
                .filter(col(Gold.BUSINESS_DATE).between(Date.valueOf(date.minusDays(settings.historyDays())),
                        Date.valueOf(date.minusDays(1))).and(col(EntityRisk.VERSION).notEqual(Fitted.NONE)));
    }

    /** {@link #fit(Dataset, Dataset, Dataset, Stack, LocalDate, Dataset)} without earlier risks to fall back on. */
    Fitted fit(Dataset<Row> rows, Dataset<Row> positives, Dataset<Row> named, Stack stack, LocalDate date) {
        return fit(rows, positives, named, stack, date, null);
    }

    /**
     * Fits the stack on the rows before D and measures it on the last validation dates (see the class comment). When
     * those hold fewer than {@link Settings#minPositives} not-yet-named positives, the operating threshold and the
     * precision curve are measured the same way on {@code history} instead: the stack's own earlier risks
     * (entity_id, business_date, partners, score), each out of time for the labels that came after its night.
     */
    Fitted fit(Dataset<Row> rows, Dataset<Row> positives, Dataset<Row> named, Stack stack, LocalDate date,
               Dataset<Row> history) {
        List<LocalDate> dates = rows.filter(col(FeatureStore.BUSINESS_DATE).lt(lit(Date.valueOf(date))))
                .select(FeatureStore.BUSINESS_DATE).distinct().orderBy(FeatureStore.BUSINESS_DATE).collectAsList()
                .stream().map(r -> r.getDate(0).toLocalDate()).toList();
        int fitDays = dates.size() - settings.validDays();
        if (fitDays < settings.minFitDays()) {
            return Fitted.none(stack, 0, 0, dates.size() + " dates of scores before " + date + "; the stack needs "
                    + settings.validDays() + " validation + " + settings.minFitDays() + " fitting dates");
        }
        LocalDate validFrom = dates.get(fitDays);
        Column day = col(FeatureStore.BUSINESS_DATE);
        Dataset<Row> known = java.util.Arrays.asList(positives.columns()).contains(Labels.EVENT_DATE) ? positives
                : positives.withColumn(Labels.EVENT_DATE, lit(null).cast("date"));
        Dataset<Row> examples = rows.filter(day.lt(lit(Date.valueOf(validFrom))))
                .join(known, FeatureStore.ENTITY_ID, "left")
                .join(named, FeatureStore.ENTITY_ID, "left")
                .filter(Labels.exampleRow(day))
                .filter(col(Labels.NAMED_DATE).isNull().or(col(Labels.NAMED_DATE).gt(day)))
                .withColumn(Y, when(col(Labels.LABELLED_DATE).isNotNull(), 1.0).otherwise(0.0));
        List<String> features = stack.features();
        List<Column> stats = new ArrayList<>(List.of(count(lit(1)), countDistinct(when(col(Y).equalTo(1.0),
                col(FeatureStore.ENTITY_ID)))));
        features.forEach(f -> stats.add(avg(col(f))));
        Row s = examples.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        long fitRows = s.getLong(0);
        long fitPositives = s.getLong(1);
        if (fitPositives < settings.minPositives()) {
            return Fitted.none(stack, fitRows, fitPositives, fitPositives + " positive entities among the fitting rows; "
                    + "the stack needs " + settings.minPositives());
        }
        double[] means = new double[features.size()];
        for (int i = 0; i < means.length; i++) {
            means[i] = s.isNullAt(2 + i) ? 0 : s.getDouble(2 + i);
        }
        LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol(VECTOR).setLabelCol(Y).setMaxIter(100)
                .setRegParam(0.001).setStandardization(true)
                .fit(new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol(VECTOR)
                        .transform(examples));
        double[] coefficients = lr.coefficients().toArray();
        String version = date.format(DateTimeFormatter.BASIC_ISO_DATE);
        Fitted unmeasured = new Fitted(stack, version, coefficients, lr.intercept(), means, Double.NaN, new double[0],
                new double[0], fitRows, fitPositives, 0, "");
        Dataset<Row> valid = score(rows.filter(day.geq(lit(Date.valueOf(validFrom))).and(day.lt(lit(Date.valueOf(date))))),
                unmeasured).select(col(FeatureStore.ENTITY_ID), col(FeatureStore.BUSINESS_DATE),
                col(FeatureStore.PARTNERS), col(EntityRisk.RISK).as(Evaluator.SCORE));
        String note = "fitted on " + dates.get(0) + ".." + dates.get(fitDays - 1) + ", validated on " + validFrom + ".."
                + dates.get(dates.size() - 1);
        Measured measured = measure(valid, positives, named);
        if (Double.isNaN(measured.threshold()) && history != null) {
            Measured earlier = measure(history, positives, named);
            if (!Double.isNaN(earlier.threshold())) {
                note += " (" + measured.positives() + " not-yet-named positives: too few); operating point and precision"
                        + " from the stack's own risks of the " + settings.historyDays() + " nights before, with "
                        + earlier.positives() + " not-yet-named positives";
                measured = earlier;
            }
        }
        return new Fitted(stack, version, coefficients, lr.intercept(), means, measured.threshold(),
                measured.curve()[0], measured.curve()[1], fitRows, fitPositives, measured.positives(), note);
    }

    /** An operating threshold (NaN: too few positives), the precision curve and the not-yet-named positives. */
    private record Measured(double threshold, double[][] curve, long positives) {
    }

    /** Measures risks (entity_id, business_date, partners, score) on the not-yet-named entities among them. */
    private Measured measure(Dataset<Row> risks, Dataset<Row> positives, Dataset<Row> named) {
        Dataset<Row> perEntity = Evaluator.perEntity(risks, positives, named)
                .filter(col(Evaluator.GROUP).equalTo(Metrics.UNKNOWN)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            double threshold = new Evaluator(settings.topK(), settings.minPositives()).bestThreshold(perEntity);
            List<Row> top = perEntity.orderBy(col(Evaluator.SCORE).desc(), col(FeatureStore.ENTITY_ID))
                    .limit(CURVE_DEPTH_PER_K * settings.topK()).select(Evaluator.SCORE, Evaluator.Y).collectAsList();
            Row v = perEntity.agg(sum(col(Evaluator.Y))).first();
            long validPositives = v.isNullAt(0) ? 0 : v.getLong(0);
            double[][] curve = curve(top.stream().mapToDouble(r -> r.getDouble(0)).toArray(),
                    top.stream().mapToInt(r -> r.getInt(1)).toArray());
            return new Measured(threshold, curve, validPositives);
        } finally {
            perEntity.unpersist();
        }
    }

    /**
     * The precision curve of scores ranked descending with their labels: one point per distinct score (where the
     * score drops, so tied entities alert together), the precision of alerting every entity at or above it.
     */
    static double[][] curve(double[] scores, int[] labels) {
        List<double[]> points = new ArrayList<>();
        int tp = 0;
        for (int i = 0; i < scores.length; i++) {
            tp += labels[i];
            if (i + 1 == scores.length || scores[i + 1] < scores[i]) {
                points.add(new double[]{scores[i], (double) tp / (i + 1)});
            }
        }
        return new double[][]{points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /**
     * The risk, precision, fires, drivers and reasons of stacked rows, in the columns of gold/entity_risk. An
     * unfitted stack's risk is its models' highest score (precision NaN, never firing, no drivers beyond that model).
     */
    Dataset<Row> score(Dataset<Row> rows, Fitted fitted) {
        Stack stack = fitted.stack();
        List<String> features = stack.features();
        Column risk;
        Column drivers;
        if (fitted.fitted()) {
            Column z = lit(fitted.intercept());
            List<Column> contributions = new ArrayList<>();
            for (int i = 0; i < features.size(); i++) {
                double c = fitted.coefficients()[i];
                z = z.plus(col(features.get(i)).multiply(c));
                contributions.add(struct(col(features.get(i)).minus(fitted.means()[i]).multiply(-c).as("k"),
                        lit(features.get(i)).as("m")));
            }
            risk = lit(1.0).divide(lit(1.0).plus(exp(z.multiply(-1))));
            drivers = slice(transform(filter(sort_array(array(contributions.toArray(Column[]::new))),
                    e -> e.getField("k").lt(0)), e -> e.getField("m")), 1, settings.maxDrivers());
        } else {
            Column[] scoresOf = stack.models().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
            risk = scoresOf.length == 1 ? scoresOf[0] : greatest(scoresOf);
            List<Column> ranked = stack.models().stream()
                    .map(m -> struct(col(m).multiply(-1).as("k"), lit(m).as("m"))).toList();
            drivers = slice(transform(filter(sort_array(array(ranked.toArray(Column[]::new))),
                    e -> e.getField("k").lt(0)), e -> e.getField("m")), 1, 1);
        }
        Column r = col(EntityRisk.RISK);
        Column precision = precisionAt(r, fitted.curveRisk(), fitted.curvePrecision());
        Column fires = Double.isNaN(fitted.threshold()) ? lit(false) : r.geq(fitted.threshold());
        Column reasons = slice(array_distinct(flatten(transform(col(EntityRisk.DRIVERS),
                d -> slice(coalesce(element_at(col(REASON_MAP), d), array().cast("array<string>")), 1, 2)))), 1, 5);
        return rows.withColumn(EntityRisk.RISK, risk)
                .withColumn(EntityRisk.DRIVERS, drivers)
                .select(col(FeatureStore.BUSINESS_DATE).as(Gold.BUSINESS_DATE),
                        lit(stack.kind().name()).as(EntityRisk.ENTITY_TYPE),
                        col(FeatureStore.ENTITY_ID).as(EntityRisk.ENTITY_ID),
                        lit(stack.group().name()).as(EntityRisk.RISK_GROUP),
                        col(FeatureStore.PARTNERS).as(EntityRisk.PARTNERS),
                        r, precision.as(EntityRisk.PRECISION), fires.as(EntityRisk.FIRES),
                        col(EntityRisk.DRIVERS), reasons.as(EntityRisk.REASONS),
                        lit(fitted.version()).as(EntityRisk.VERSION));
    }

    /**
     * The estimated precision of alerting at a risk: the curve's precision at the lowest point still at or above
     * the risk; the top point's above the curve; NaN without a curve.
     */
    static Column precisionAt(Column risk, double[] curveRisk, double[] curvePrecision) {
        if (curveRisk.length == 0) {
            return lit(Double.NaN);
        }
        Column cuts = array(java.util.Arrays.stream(curveRisk).mapToObj(org.apache.spark.sql.functions::lit)
                .toArray(Column[]::new));
        Column precisions = array(java.util.Arrays.stream(curvePrecision)
                .mapToObj(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
        Column above = size(filter(cuts, c -> c.geq(risk)));
        return element_at(precisions, greatest(above, lit(1)));
    }

    private static Double[] boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}

package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;

/**
 * The model registry: a Delta table ({@link Lake#modelRegistry()}) of every trained version, next to the
 * saved versions themselves ({@link Lake#modelVersion}). Each change rewrites the (small) table in one
 * commit, so Delta history shows every promotion and rollback.
 *
 * <p>Rules: at most one champion per model, and every figure that decides is measured on the entities nobody
 * had named yet (no label or police report) on the new version's own validation window (AUC-PR*). A new version
 * ({@link #register}):
 * <ul>
 *   <li>with no champion: becomes champion if it has an operating point (a threshold: enough not-yet-named
 *   positives, {@link Evaluator#bestThreshold}), or if it is the model's first version (nothing else exists;
 *   it then scores, feeding what ranks entities, but never fires alone);</li>
 *   <li>with a champion: an operating point beats none; with both, a trained version replaces an expert-weights
 *   champion and expert weights never replace a trained one; otherwise the higher AUC-PR* wins, a defined one
 *   beats an undefined (NaN, no positive) one and an undefined one never wins ({@link #verdict}).</li>
 * </ul>
 * {@link #promote} applies the AUC-PR* rule to a challenger unless forced; {@link #rollback} brings back the
 * previous champion.
 */
public final class Registry {
    static final StructType SCHEMA = new StructType()
            .add("model", DataTypes.StringType, false)
            .add("version", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("algorithm", DataTypes.StringType)
            .add("entity", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType)
            .add("as_of", DataTypes.DateType)
            .add("train_from", DataTypes.DateType)
            .add("train_to", DataTypes.DateType)
            .add("valid_from", DataTypes.DateType)
            .add("valid_to", DataTypes.DateType)
            .add("fitted_by", DataTypes.StringType)
            .add("params", DataTypes.StringType)
            .add("features", DataTypes.createArrayType(DataTypes.StringType))
            .add("input_versions", DataTypes.StringType)
            .add("partners", DataTypes.createArrayType(DataTypes.StringType))
            .add("train_rows", DataTypes.LongType)
            .add("train_positives", DataTypes.LongType)
            .add("threshold", DataTypes.DoubleType)
            .add("auc_pr", DataTypes.DoubleType)
            .add("champion_auc_pr", DataTypes.DoubleType)
            .add("metrics", DataTypes.StringType)
            .add("path", DataTypes.StringType)
            .add("promoted_at", DataTypes.TimestampType)
            .add("note", DataTypes.StringType);

    private final SparkSession spark;
    private final Lake lake;

    public Registry(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** Every version, by model then version. */
    public List<RegistryEntry> all() {
        if (!DeltaIO.exists(spark, lake.modelRegistry())) {
            return List.of();
        }
        List<RegistryEntry> out = new ArrayList<>();
        for (Row r : DeltaIO.read(spark, lake.modelRegistry()).orderBy(col("model"), col("version")).collectAsList()) {
            out.add(fromRow(r));
        }
        return out;
    }

    public List<RegistryEntry> versions(String model) {
        return all().stream().filter(e -> e.model().equals(model)).toList();
    }

    public Optional<RegistryEntry> champion(String model) {
        return versions(model).stream().filter(RegistryEntry::isChampion).findFirst();
    }

    public Optional<RegistryEntry> version(String model, int version) {
        return versions(model).stream().filter(e -> e.version() == version).findFirst();
    }

    public int nextVersion(String model) {
        return versions(model).stream().mapToInt(RegistryEntry::version).max().orElse(0) + 1;
    }

    /**
     * Adds a newly trained version, champion or challenger by the class rules ({@link #verdict}). Returns the
     * entry as stored.
     */
    public RegistryEntry register(RegistryEntry trained) {
        return registerAll(List.of(trained)).get(0);
    }

    /** {@link #register} for several versions (of different models), in one commit. */
    public List<RegistryEntry> registerAll(List<RegistryEntry> trained) {
        List<RegistryEntry> all = new ArrayList<>(all());
        List<RegistryEntry> stored = new ArrayList<>();
        for (RegistryEntry t : trained) {
            RegistryEntry s = decide(all, t);
            all.add(s);
            stored.add(s);
        }
        write(all);
        return stored;
    }

    private static RegistryEntry decide(List<RegistryEntry> all, RegistryEntry trained) {
        Optional<RegistryEntry> champion = all.stream()
                .filter(e -> e.model().equals(trained.model()) && e.isChampion()).findFirst();
        boolean others = all.stream().anyMatch(e -> e.model().equals(trained.model()));
        String why = champion.isPresent() ? verdict(trained, champion.get())
                : trained.hasOperatingPoint() ? "+first champion, with an operating point"
                : others ? "-no operating point and no champion to replace" : "+first version, no operating point yet";
        Timestamp now = new Timestamp(System.currentTimeMillis());
        if (why.startsWith("-")) {
            return trained.withStatus(RegistryEntry.CHALLENGER, null, champion.isPresent()
                    ? "did not beat champion v" + champion.get().version() + ": " + why.substring(1) : why.substring(1));
        }
        champion.ifPresent(c -> replace(all, c.withStatus(RegistryEntry.RETIRED, null,
                "replaced by v" + trained.version())));
        return trained.withStatus(RegistryEntry.CHAMPION, now, champion.isEmpty() ? why.substring(1)
                : "beat champion v" + champion.get().version() + ": " + why.substring(1));
    }

    /**
     * Whether a newly trained version replaces the champion, as "+reason" or "-reason"; the first rule that
     * applies decides:
     * <ol>
     *   <li>an operating point beats none (a version without one never fires alone);</li>
     *   <li>both with one: a trained version replaces an expert-weights champion, and an expert-weights version
     *   never replaces a trained one;</li>
     *   <li>the AUC-PR on the not-yet-named entities of the new version's validation window ({@link #beats}): a
     *   defined figure beats an undefined one, an undefined one never wins, otherwise the higher wins.</li>
     * </ol>
     */
    static String verdict(RegistryEntry trained, RegistryEntry champion) {
        String auc = String.format("AUC-PR* %s vs %s", TrainJob.fmt(trained.selectionAucPr()).trim(),
                TrainJob.fmt(trained.championAucPr()).trim());
        if (trained.hasOperatingPoint() != champion.hasOperatingPoint()) {
            return trained.hasOperatingPoint() ? "+it has an operating point, the champion has none"
                    : "-it has no operating point, the champion has one";
        }
        if (trained.hasOperatingPoint() && trained.expertWeights() != champion.expertWeights()) {
            return champion.expertWeights() ? "+a trained version replaces expert weights (" + auc + ")"
                    : "-expert weights never replace a trained champion (" + auc + ")";
        }
        return (beats(trained.selectionAucPr(), trained.championAucPr()) ? "+" : "-") + auc;
    }

    /**
     * Whether a challenger's AUC-PR beats a champion's. An undefined figure (NaN: no positive in the window)
     * proves nothing: a defined one beats it, and an undefined challenger never wins.
     */
    static boolean beats(double challenger, double champion) {
        if (Double.isNaN(challenger)) {
            return false;
        }
        return Double.isNaN(champion) || challenger > champion;
    }

    /**
     * Makes a version champion. Unless forced, refuses when it does not beat the champion on the challenger's
     * validation window ({@code championAucPrOnWindow}, measured by the caller).
     */
    public RegistryEntry promote(String model, int version, double championAucPrOnWindow, boolean force) {
        List<RegistryEntry> all = new ArrayList<>(all());
        RegistryEntry target = all.stream().filter(e -> e.model().equals(model) && e.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no version " + version + " of model " + model));
        if (target.isChampion()) {
            return target;
        }
        Optional<RegistryEntry> champion = all.stream().filter(e -> e.model().equals(model) && e.isChampion()).findFirst();
        if (!force && champion.isPresent() && !beats(target.selectionAucPr(), championAucPrOnWindow)) {
            throw new IllegalStateException(String.format(
                    "%s v%d does not beat champion v%d on the not-yet-named entities of its validation window "
                            + "%s..%s: AUC-PR* %.4f vs %.4f (use --force to promote anyway)", model, version,
                    champion.get().version(), target.validFrom(), target.validTo(), target.selectionAucPr(),
                    championAucPrOnWindow));
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        champion.ifPresent(c -> replace(all, c.withStatus(RegistryEntry.RETIRED, null, "replaced by v" + version)));
        RegistryEntry promoted = target.withStatus(RegistryEntry.CHAMPION, now,
                force ? "promoted by hand (forced)" : "promoted by hand");
        replace(all, promoted);
        write(all);
        return promoted;
    }

    /** Withdraws the champion and brings back the most recently promoted earlier champion. */
    public RegistryEntry rollback(String model) {
        List<RegistryEntry> all = new ArrayList<>(all());
        RegistryEntry champion = all.stream().filter(e -> e.model().equals(model) && e.isChampion()).findFirst()
                .orElseThrow(() -> new IllegalStateException("model " + model + " has no champion to roll back"));
        RegistryEntry previous = all.stream()
                .filter(e -> e.model().equals(model) && RegistryEntry.RETIRED.equals(e.status()))
                .max(Comparator.comparing(RegistryEntry::promotedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(RegistryEntry::version))
                .orElseThrow(() -> new IllegalStateException("model " + model + " has no earlier champion to roll back to"));
        Timestamp now = new Timestamp(System.currentTimeMillis());
        replace(all, champion.withStatus(RegistryEntry.ROLLED_BACK, null, "rolled back to v" + previous.version()));
        RegistryEntry back = previous.withStatus(RegistryEntry.CHAMPION, now, "restored by rollback of v" + champion.version());
        replace(all, back);
        write(all);
        return back;
    }

    private static void replace(List<RegistryEntry> all, RegistryEntry updated) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).model().equals(updated.model()) && all.get(i).version() == updated.version()) {
                all.set(i, updated);
                return;
            }
        }
        all.add(updated);
    }

    private void write(List<RegistryEntry> entries) {
        List<Row> rows = entries.stream().map(Registry::toRow).toList();
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA).coalesce(1);
        DeltaIO.overwrite(frame, lake.modelRegistry());
    }

    private static Row toRow(RegistryEntry e) {
        return RowFactory.create(e.model(), e.version(), e.status(), e.algorithm(), e.entity(), e.createdAt(),
                date(e.asOf()), date(e.trainFrom()), date(e.trainTo()), date(e.validFrom()), date(e.validTo()),
                e.fittedBy(), e.params(), e.features(), e.inputVersions(), e.partners(), e.trainRows(),
                e.trainPositives(), e.threshold(), e.aucPr(), e.championAucPr(), e.metrics(), e.path(),
                e.promotedAt(), e.note());
    }

    private static Date date(java.time.LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static java.time.LocalDate local(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? null : r.getDate(i).toLocalDate();
    }

    private static RegistryEntry fromRow(Row r) {
        return new RegistryEntry(r.getAs("model"), r.<Integer>getAs("version"), r.getAs("status"), r.getAs("algorithm"),
                r.getAs("entity"), r.getAs("created_at"), local(r, "as_of"), local(r, "train_from"),
                local(r, "train_to"), local(r, "valid_from"), local(r, "valid_to"), r.getAs("fitted_by"),
                r.getAs("params"), r.getList(r.fieldIndex("features")), r.getAs("input_versions"),
                r.getList(r.fieldIndex("partners")), r.<Long>getAs("train_rows"), r.<Long>getAs("train_positives"),
                r.<Double>getAs("threshold"), r.<Double>getAs("auc_pr"), r.<Double>getAs("champion_auc_pr"),
                r.getAs("metrics"), r.getAs("path"), r.getAs("promoted_at"), r.getAs("note"));
    }
}

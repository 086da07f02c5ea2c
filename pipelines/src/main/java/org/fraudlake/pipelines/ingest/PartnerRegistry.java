package org.fraudlake.pipelines.ingest;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.SourceKind;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.PartnerBindings;

/**
 * The partner registry: each sender code bound to one kind of partner (bank, carrier, police, case management,
 * regulator, trading center), and so to that kind's feeds. A binding comes from the {@code ingest.partners} setting
 * (which wins), or is learned from the code's first loaded delivery and then fixed in {@code ops/partners}. A lake
 * made before the registry is seeded once from {@code ops/deliveries} (the kind of each code's earliest loaded
 * delivery). A delivery whose feed belongs to another kind than its code's is refused, so one code never becomes
 * both a bank and a carrier, and a new folder under a carrier feed does not make its writer a carrier of an
 * existing code. Cost: one small read of {@code ops/partners} (or, once, of the ledger) on the driver.
 */
public final class PartnerRegistry {
    private final Map<String, SourceKind> stored;
    private final Map<String, SourceKind> seeded;
    private final IngestSettings settings;

    private PartnerRegistry(Map<String, SourceKind> stored, Map<String, SourceKind> seeded, IngestSettings settings) {
        this.stored = stored;
        this.seeded = seeded;
        this.settings = settings;
    }

    /** The registry as the lake holds it, with the configured bindings of {@code settings} on top. */
    public static PartnerRegistry load(SparkSession spark, Lake lake, IngestSettings settings) {
        String table = lake.ops(PartnerBindings.TABLE);
        if (DeltaIO.exists(spark, table)) {
            return new PartnerRegistry(latest(spark, table), Map.of(), settings);
        }
        return new PartnerRegistry(Map.of(), fromLedger(spark, lake), settings);
    }

    /**
     * Every bound code with its kind, as publishing needs it: {@code ops/partners}, or, on a lake that has none
     * yet, the kinds of the codes' earliest loaded deliveries.
     */
    public static Map<String, SourceKind> kinds(SparkSession spark, Lake lake) {
        return load(spark, lake, IngestSettings.DEFAULTS).known();
    }

    /** Every code the lake knows, with its kind (configuration not included). */
    public Map<String, SourceKind> known() {
        Map<String, SourceKind> all = new TreeMap<>(seeded);
        all.putAll(stored);
        return all;
    }

    /** The kind a code is bound to, configuration first; empty for a new code. */
    public Optional<SourceKind> kindOf(String code) {
        SourceKind configured = settings.partners().get(code);
        return Optional.ofNullable(configured != null ? configured : known().get(code));
    }

    /**
     * Judges the deliveries about to be read: each one refused by the registry comes back rejected, the others as
     * given. A new code is accepted when all its deliveries of the run are feeds of one kind (and the registry is
     * open); delivering feeds of two kinds at once rejects them all, as nothing says which is right.
     */
    public List<Delivery> judge(Collection<Delivery> deliveries) {
        Map<String, TreeSet<SourceKind>> newKinds = new HashMap<>();
        for (Delivery d : deliveries) {
            if (kindOf(d.source()).isEmpty()) {
                newKinds.computeIfAbsent(d.source(), c -> new TreeSet<>()).add(d.feed().sourceKind());
            }
        }
        List<Delivery> out = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            out.add(judge(d, newKinds.getOrDefault(d.source(), new TreeSet<>())));
        }
        return out;
    }

    private Delivery judge(Delivery d, TreeSet<SourceKind> newKinds) {
        SourceKind feedKind = d.feed().sourceKind();
        String where = d.path() + "/" + Manifest.FILE_NAME;
        Optional<SourceKind> bound = kindOf(d.source());
        if (bound.isPresent()) {
            if (bound.get() == feedKind) {
                return d;
            }
            String origin = settings.partners().containsKey(d.source()) ? "by the setting ingest.partners"
                    : "in " + PartnerBindings.TABLE + " since its first loaded delivery";
            return d.reject(Problem.PARTNER_MISMATCH, where + ": source " + d.source()
                    + " is a " + name(bound.get()) + " partner (" + origin + "), so it may deliver only "
                    + feedsOf(bound.get()) + ", not " + d.feed().name() + " (a " + name(feedKind)
                    + " feed); deliver it under the sender's own code, or rebind the code with ingest.partners");
        }
        if (settings.closedRegistry()) {
            return d.reject(Problem.UNKNOWN_PARTNER, where + ": source " + d.source()
                    + " is not a known partner and the registry is closed (ingest.partners-closed=true); add it to "
                    + "ingest.partners as " + d.source() + "=" + name(feedKind));
        }
        if (newKinds.size() > 1) {
            return d.reject(Problem.PARTNER_MISMATCH, where + ": new source " + d.source()
                    + " delivers feeds of " + newKinds.size() + " kinds at once (" + newKinds.stream()
                    .map(PartnerRegistry::name).collect(Collectors.joining(", ")) + "); a code is one kind of "
                    + "partner: bind it with ingest.partners (e.g. " + d.source() + "=" + name(feedKind) + ")");
        }
        return d;
    }

    /**
     * Rows to append to {@code ops/partners} after a run that loaded {@code loaded}: the seeded history (once, on
     * a lake without the table), and each loaded code whose binding is new or was changed by configuration.
     */
    public List<Row> bindings(List<DeliveryOutcome> loaded, LocalDate date, Instant now) {
        Timestamp at = Timestamp.from(now);
        Map<String, Row> rows = new TreeMap<>();
        if (!seeded.isEmpty() && !loaded.isEmpty()) {
            seeded.forEach((code, kind) -> rows.put(code,
                    RowFactory.create(code, kind.name(), PartnerBindings.HISTORY, null, null, at)));
        }
        Map<String, SourceKind> known = known();
        for (DeliveryOutcome o : loaded.stream().sorted(Comparator.comparing(DeliveryOutcome::feed)).toList()) {
            SourceKind kind = Feeds.byName(o.feed()).sourceKind();
            boolean configured = settings.partners().get(o.source()) == kind;
            if (known.get(o.source()) != kind) {
                rows.put(o.source(), RowFactory.create(o.source(), kind.name(),
                        configured ? PartnerBindings.CONFIG : PartnerBindings.LEARNED, o.feed(), Date.valueOf(date), at));
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** Appends the rows of {@link #bindings} to {@code ops/partners}; nothing when there are none. */
    public static void record(SparkSession spark, Lake lake, List<Row> rows) {
        if (!rows.isEmpty()) {
            DeltaIO.append(spark.createDataFrame(rows, PartnerBindings.SCHEMA).coalesce(1),
                    lake.ops(PartnerBindings.TABLE));
        }
    }

    private static Map<String, SourceKind> latest(SparkSession spark, String table) {
        Map<String, Row> latest = new HashMap<>();
        for (Row r : DeltaIO.read(spark, table).collectAsList()) {
            String code = r.getAs(PartnerBindings.CODE);
            Row prev = latest.get(code);
            if (prev == null || r.<Timestamp>getAs(PartnerBindings.BOUND_AT)
                    .after(prev.<Timestamp>getAs(PartnerBindings.BOUND_AT))) {
                latest.put(code, r);
            }
        }
        Map<String, SourceKind> out = new TreeMap<>();
        latest.forEach((code, r) -> out.put(code, SourceKind.valueOf(r.getAs(PartnerBindings.KIND))));
        return out;
    }

    /** Each code's kind per its earliest loaded delivery in the ledger (business date, then decision time). */
    private static Map<String, SourceKind> fromLedger(SparkSession spark, Lake lake) {
        Map<String, SourceKind> out = new TreeMap<>();
        if (!DeltaIO.exists(spark, lake.deliveries())) {
            return out;
        }
        List<Row> loaded = DeltaIO.read(spark, lake.deliveries())
                .filter(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.LOADED))
                .select(DeliveryLedger.SOURCE, DeliveryLedger.FEED, DeliveryLedger.BUSINESS_DATE, DeliveryLedger.DECIDED_AT)
                .orderBy(DeliveryLedger.BUSINESS_DATE, DeliveryLedger.DECIDED_AT, DeliveryLedger.FEED)
                .collectAsList();
        for (Row r : loaded) {
            Feeds.find(r.getString(1)).ifPresent(f -> out.putIfAbsent(r.getString(0), f.sourceKind()));
        }
        return out;
    }

    private static String feedsOf(SourceKind kind) {
        return Feeds.ALL.stream().filter(f -> f.sourceKind() == kind).map(f -> f.name())
                .collect(Collectors.joining(", "));
    }

    private static String name(SourceKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}

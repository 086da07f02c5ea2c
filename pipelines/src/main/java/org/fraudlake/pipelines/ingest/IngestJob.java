package org.fraudlake.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Parallel;
import org.fraudlake.core.spark.SerializableConf;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.DeliveryOutcome.Status;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Quarantine;

/**
 * Ingest: landing to bronze for one business date. Every delivery folder of the date is judged whole
 * against its manifest (feed/source/date, plain files present, sha256, record counts, required columns,
 * size limits) and the partner registry (its code's kind); an accepted delivery's good rows go to
 * {@code bronze/<feed>} and its bad rows to {@code quarantine/rows}, a rejected one to
 * {@code quarantine/deliveries}; every decision is appended to {@code ops/deliveries}. Whatever one delivery
 * holds, it is rejected with a reason naming its file, and the other deliveries of the night go on.
 *
 * <p>Checksums come first: every file is streamed once through sha256, and a delivery whose files disagree with
 * its manifest is rejected before any of it is decompressed or parsed. Idempotent: a delivery whose content was
 * already decided is skipped (for a rejected one, while its folder is unchanged too: a re-uploaded file gets it
 * judged again); a new content for the same feed/source/date is a restatement that replaces the earlier rows
 * (which stay readable by Delta time travel at the version the ledger records). Cost: two parallel reads of each
 * data file (the checksum, then the parse; one task per file), a persisted intermediate, one Delta commit per feed
 * to bronze and one to quarantine.
 */
public final class IngestJob {
    private static final Comparator<Delivery> BY_FEED_AND_SOURCE =
            Comparator.comparing((Delivery d) -> Feeds.ALL.indexOf(d.feed())).thenComparing(Delivery::source);
    /** Rejections that depend on the partner registry, judged again each run while the delivery is unchanged. */
    private static final java.util.Set<String> REGISTRY_PROBLEMS = java.util.Set.of(Problem.PARTNER_MISMATCH.name(),
            Problem.UNKNOWN_PARTNER.name());
    private final Lake lake;
    private final IngestSettings settings;
    private final Consumer<String> progress;
    private final int threads;

    public IngestJob(Lake lake, Consumer<String> progress) {
        this(lake, IngestSettings.DEFAULTS, progress);
    }

    public IngestJob(Lake lake, IngestSettings settings, Consumer<String> progress) {
        this(lake, settings, progress, Parallel.DEFAULT_THREADS);
    }

    /** {@code threads}: feeds loaded at once from the driver (1 = one after another). */
    public IngestJob(Lake lake, Consumer<String> progress, int threads) {
        this(lake, IngestSettings.DEFAULTS, progress, threads);
    }

    public IngestJob(Lake lake, IngestSettings settings, Consumer<String> progress, int threads) {
        this.lake = lake;
        this.settings = settings;
        this.progress = progress;
        this.threads = threads;
    }

    /** Ingests every delivery found for {@code date}. */
    public IngestReport run(SparkSession spark, LocalDate date) throws IOException {
        LandingScanner scanner = new LandingScanner(lake, spark.sparkContext().hadoopConfiguration(), settings);
        List<Delivery> found = scanner.scan(date);
        List<Row> ledgerRows = ledgerRows(spark, date);
        Map<String, Row> decided = latestDecisions(ledgerRows, date);
        Map<String, Integer> versions = loadedVersions(ledgerRows, date);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        List<Delivery> rejected = new ArrayList<>();
        List<Delivery> candidates = new ArrayList<>();
        java.util.Set<String> recheck = new java.util.HashSet<>();
        for (Delivery d : found) {
            Row last = decided.get(d.key());
            if (d.problem() == Problem.NO_MANIFEST) {
                outcomes.add(outcome(d, Status.WAITING, 0, 0, 0, 0));
            } else if (unchanged(last, d) && !refusedByRegistry(last)) {
                outcomes.add(outcome(d, Status.UNCHANGED, 0, 0, 0, 0));
            } else if (d.problem() != null) {
                rejected.add(d);
            } else {
                if (last != null && unchanged(last, d)) {
                    recheck.add(d.key());
                }
                candidates.add(d);
            }
        }
        PartnerRegistry registry = PartnerRegistry.load(spark, lake, settings);
        List<Delivery> admitted = new ArrayList<>();
        for (Delivery d : registry.judge(candidates)) {
            if (d.problem() != null && recheck.contains(d.key())) {
                outcomes.add(outcome(d, Status.UNCHANGED, 0, 0, 0, 0));
            } else {
                admitted.add(d);
            }
        }
        Map<FeedSchema, List<Delivery>> toParse = new LinkedHashMap<>();
        for (Delivery d : verified(spark, admitted, rejected)) {
            toParse.computeIfAbsent(d.feed(), f -> new ArrayList<>()).add(d);
        }
        List<DeliveryOutcome> loaded = Collections.synchronizedList(new ArrayList<>());
        List<Delivery> rejectedAfterRead = Collections.synchronizedList(new ArrayList<>());
        List<Dataset<Row>> parsedFrames = Collections.synchronizedList(new ArrayList<>());
        List<Dataset<Row>> badRows = Collections.synchronizedList(new ArrayList<>());
        List<String> quarantineScope = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Callable<Void>> feeds = new ArrayList<>();
            for (Map.Entry<FeedSchema, List<Delivery>> e : toParse.entrySet()) {
                feeds.add(() -> {
                    loadFeed(spark, date, e.getKey(), e.getValue(), now, decided, versions, loaded,
                            rejectedAfterRead, parsedFrames, badRows, quarantineScope);
                    return null;
                });
            }
            Parallel.run(feeds, threads);
            rejected.addAll(rejectedAfterRead);
            rejected.sort(BY_FEED_AND_SOURCE);
            writeQuarantine(spark, date, loaded, badRows, quarantineScope);
        } finally {
            parsedFrames.forEach(Dataset::unpersist);
        }
        for (Delivery d : rejected) {
            outcomes.add(outcome(d, Status.REJECTED, 0, 0, 0, 0));
        }
        outcomes.addAll(loaded);
        outcomes.sort(Comparator.comparing((DeliveryOutcome o) -> Feeds.names().indexOf(o.feed()))
                .thenComparing(DeliveryOutcome::source));
        record(spark, date, rejected, loaded, now);
        PartnerRegistry.record(spark, lake, registry.bindings(loaded, date, now));
        outcomes.forEach(o -> progress.accept(o.toString()));
        return new IngestReport(date, List.copyOf(outcomes));
    }

    /** Every business date with delivery folders in landing, in order. */
    public List<LocalDate> pendingDates(SparkSession spark) throws IOException {
        return new LandingScanner(lake, spark.sparkContext().hadoopConfiguration()).dates();
    }

    private static boolean refusedByRegistry(Row last) {
        String code = last.getAs(DeliveryLedger.REASON_CODE);
        return code != null && REGISTRY_PROBLEMS.contains(code);
    }

    /** Whether the delivery was decided already: the same content loaded, or the same attempt rejected. */
    private static boolean unchanged(Row last, Delivery d) {
        if (last == null) {
            return false;
        }
        String fingerprint = last.getAs(DeliveryLedger.FINGERPRINT);
        return DeliveryLedger.REJECTED.equals(last.getAs(DeliveryLedger.STATUS))
                ? fingerprint.equals(d.attemptFingerprint()) : fingerprint.equals(d.fingerprint());
    }

    /**
     * Checks every file of the deliveries against its manifest entry before anything is parsed: one task per file
     * streams it once through sha256. A delivery with a file that cannot be read, disagrees with its checksum, or
     * is over a size limit goes to {@code rejected}; the others come back.
     */
    private List<Delivery> verified(SparkSession spark, List<Delivery> deliveries, List<Delivery> rejected) {
        List<FileTask> tasks = new ArrayList<>();
        List<Delivery> judged = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.problem() != null) {
                rejected.add(d);
                continue;
            }
            judged.add(d);
            for (Manifest.FileEntry f : d.files()) {
                tasks.add(new FileTask(d.feed().name(), d.source(), d.date().toString(), d.id(),
                        new Path(d.path(), f.name()).toString(), f.name(), 0L));
            }
        }
        if (tasks.isEmpty()) {
            return judged;
        }
        spark.sparkContext().setJobDescription("ingest checksums " + judged.get(0).date());
        Map<String, FileCheck> checks = new HashMap<>();
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            SerializableConf conf = new SerializableConf(spark.sparkContext().hadoopConfiguration());
            jsc.parallelize(tasks, tasks.size()).map(new FileCheck.Hasher(conf)).collect()
                    .forEach(c -> checks.put(c.deliveryId() + "/" + c.name(), c));
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        List<Delivery> ok = new ArrayList<>();
        for (Delivery d : judged) {
            Delivery checked = checkFiles(d, checks, settings);
            (checked.problem() == null ? ok : rejected).add(checked);
        }
        return ok;
    }

    /** The first problem of a delivery's stored files: unreadable, checksum, or over a size limit. */
    static Delivery checkFiles(Delivery d, Map<String, FileCheck> checks, IngestSettings settings) {
        long total = 0;
        for (Manifest.FileEntry f : d.files()) {
            FileCheck c = checks.get(d.id() + "/" + f.name());
            String where = d.path() + "/" + f.name();
            if (c == null || c.error() != null) {
                return d.reject(Problem.UNREADABLE_FILE, c == null ? where + ": could not be read" : d.path() + "/"
                        + c.error());
            }
            if (!c.sha256().equalsIgnoreCase(f.sha256())) {
                return d.reject(Problem.CHECKSUM_MISMATCH, where + ": sha256 is " + c.sha256()
                        + " but the manifest says " + f.sha256() + " (" + c.bytes() + " bytes stored; a file cut "
                        + "short or changed after the manifest was written); nothing of the delivery was parsed");
            }
            if (c.bytes() > settings.maxFileBytes()) {
                return d.reject(Problem.TOO_LARGE, where + ": " + c.bytes() + " bytes stored, more than a file may "
                        + "hold (ingest.max-file-bytes = " + settings.maxFileBytes() + "); split the file");
            }
            total += c.bytes();
        }
        if (total > settings.maxDeliveryBytes()) {
            return d.reject(Problem.TOO_LARGE, d.path() + "/" + Manifest.FILE_NAME + ": its files hold " + total
                    + " bytes stored, more than a delivery may (ingest.max-delivery-bytes = "
                    + settings.maxDeliveryBytes() + ")");
        }
        return d;
    }

    private void loadFeed(SparkSession spark, LocalDate date, FeedSchema feed, List<Delivery> deliveries,
                          Instant now, Map<String, Row> decided, Map<String, Integer> versions,
                          List<DeliveryOutcome> loaded,
                          List<Delivery> rejected, List<Dataset<Row>> parsedFrames, List<Dataset<Row>> badRows,
                          List<String> quarantineScope) {
        spark.sparkContext().setJobDescription("ingest " + feed.name() + " " + date);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        List<FileTask> tasks = new ArrayList<>();
        for (Delivery d : deliveries) {
            for (Manifest.FileEntry f : d.files()) {
                tasks.add(new FileTask(feed.name(), d.source(), date.toString(), d.id(),
                        new Path(d.path(), f.name()).toString(), f.name(), micros));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConf conf = new SerializableConf(spark.sparkContext().hadoopConfiguration());
        JavaRDD<Row> rows = jsc.parallelize(tasks, Math.max(1, tasks.size())).flatMap(new FileParser(conf, settings));
        Dataset<Row> parsed = spark.createDataFrame(rows, ParsedRows.schema(feed)).persist(StorageLevel.MEMORY_AND_DISK());
        parsedFrames.add(parsed);
        try {
            Map<String, List<Row>> summaries = parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.FILE))
                    .collectAsList().stream().collect(Collectors.groupingBy(r -> r.getAs(Bronze.DELIVERY_ID)));
            List<Delivery> accepted = new ArrayList<>();
            for (Delivery d : deliveries) {
                Delivery judged = judge(d, summaries.getOrDefault(d.id(), List.of()), settings);
                if (judged.problem() != null) {
                    rejected.add(judged);
                } else {
                    accepted.add(d);
                }
            }
            if (!accepted.isEmpty()) {
                if (hasRowsToWriteOrReplace(accepted, summaries, decided)) {
                    writeBronze(date, feed, accepted, parsed);
                }
                badRows.add(badRows(feed, accepted, parsed));
                quarantineScope.add("(" + Quarantine.FEED + " = '" + feed.name() + "' AND " + Quarantine.SOURCE
                        + " IN (" + sourceList(accepted) + "))");
                Long bronzeVersion = DeltaIO.exists(spark, lake.bronze(feed.name()))
                        ? DeltaIO.version(spark, lake.bronze(feed.name())) : null;
                for (Delivery d : accepted) {
                    List<Row> files = summaries.get(d.id());
                    int version = versions.getOrDefault(d.key(), 0) + 1;
                    loaded.add(outcome(d, Status.LOADED, version, sum(files, ParsedRows.RECORDS),
                            sum(files, ParsedRows.GOOD), sum(files, ParsedRows.BAD_ROWS)).withBronze(bronzeVersion));
                }
            }
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Whether a bronze commit is needed: some accepted delivery has good rows, or may replace rows of an
     * earlier version. Header-only first deliveries (a quiet day) need none.
     */
    private static boolean hasRowsToWriteOrReplace(List<Delivery> accepted, Map<String, List<Row>> summaries,
                                                   Map<String, Row> decided) {
        for (Delivery d : accepted) {
            Row previous = decided.get(d.key());
            if (sum(summaries.get(d.id()), ParsedRows.GOOD) > 0 || previous != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the parsed files of a delivery against its manifest; the first problem rejects it. The checksum is
     * checked again as the parse read it, so a file replaced between the checksum and the parse is caught too.
     */
    static Delivery judge(Delivery d, List<Row> summaries, IngestSettings settings) {
        long bytes = 0;
        Map<String, Row> byFile = new HashMap<>();
        summaries.forEach(r -> byFile.put(r.getAs(Bronze.FILE), r));
        for (Manifest.FileEntry f : d.files()) {
            Row s = byFile.get(f.name());
            String where = d.path() + "/" + f.name();
            if (s == null) {
                return d.reject(Problem.UNREADABLE_FILE, where + ": could not be read");
            }
            String headerProblem = s.getAs(ParsedRows.REASON_CODE);
            if (headerProblem != null) {
                return d.reject(Problem.valueOf(headerProblem), s.getAs(ParsedRows.REASON));
            }
            String sha = s.getAs(ParsedRows.SHA256);
            if (!sha.equalsIgnoreCase(f.sha256())) {
                return d.reject(Problem.CHECKSUM_MISMATCH, where + ": sha256 is " + sha + " but the manifest says "
                        + f.sha256() + " (the file changed while it was being ingested)");
            }
            long records = s.getAs(ParsedRows.RECORDS);
            if (records != f.rows()) {
                return d.reject(Problem.ROW_COUNT_MISMATCH, where + ": holds " + records
                        + " records but the manifest says " + f.rows());
            }
            bytes += s.<Long>getAs(ParsedRows.BYTES);
        }
        if (bytes > settings.maxDeliveryBytes()) {
            return d.reject(Problem.TOO_LARGE, d.path() + "/" + Manifest.FILE_NAME + ": its files hold " + bytes
                    + " bytes once decompressed, more than a delivery may (ingest.max-delivery-bytes = "
                    + settings.maxDeliveryBytes() + ")");
        }
        return d;
    }

    private static String sourceList(List<Delivery> accepted) {
        return accepted.stream().map(d -> "'" + d.source() + "'").collect(Collectors.joining(","));
    }

    private void writeBronze(LocalDate date, FeedSchema feed, List<Delivery> accepted, Dataset<Row> parsed) {
        Column ofAccepted = col(Bronze.DELIVERY_ID).isin(accepted.stream().map(Delivery::id).toArray());
        Dataset<Row> good = parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.ROW).and(ofAccepted))
                .select(Bronze.schema(feed).fieldNames()[0], bronzeColumnsAfterFirst(feed));
        DeltaIO.replaceWhere(good.coalesce(partitionsFor(accepted)), lake.bronze(feed.name()),
                Bronze.BUSINESS_DATE + " = DATE'" + date + "' AND " + Bronze.SOURCE + " IN (" + sourceList(accepted)
                        + ")", Bronze.BUSINESS_DATE);
    }

    private static Dataset<Row> badRows(FeedSchema feed, List<Delivery> accepted, Dataset<Row> parsed) {
        Column ofAccepted = col(Bronze.DELIVERY_ID).isin(accepted.stream().map(Delivery::id).toArray());
        return parsed.filter(col(ParsedRows.KIND).equalTo(ParsedRows.BAD).and(ofAccepted))
                .select(lit(feed.name()).as(Quarantine.FEED), col(Bronze.SOURCE).as(Quarantine.SOURCE),
                        col(Bronze.BUSINESS_DATE).as(Quarantine.BUSINESS_DATE),
                        col(Bronze.DELIVERY_ID).as(Quarantine.DELIVERY_ID), col(Bronze.FILE).as(Quarantine.FILE),
                        col(Bronze.LINE).as(Quarantine.LINE), col(ParsedRows.REASON_CODE).as(Quarantine.REASON_CODE),
                        col(ParsedRows.REASON).as(Quarantine.REASON), col(ParsedRows.RAW).as(Quarantine.RAW),
                        col(Bronze.INGESTED_AT).as(Quarantine.RECORDED_AT));
    }

    /**
     * One commit for the date's bad rows of every accepted delivery, replacing those of earlier versions
     * of the same deliveries. Skipped when there is nothing to add and nothing to replace.
     */
    private void writeQuarantine(SparkSession spark, LocalDate date, List<DeliveryOutcome> loaded,
                                 List<Dataset<Row>> badRows, List<String> scope) {
        boolean anyBad = loaded.stream().anyMatch(o -> o.quarantined() > 0);
        boolean restated = loaded.stream().anyMatch(o -> o.version() > 1);
        if (!anyBad && !restated) {
            return;
        }
        spark.sparkContext().setJobDescription("ingest quarantine " + date);
        Dataset<Row> bad = badRows.stream().reduce(Dataset::unionAll).orElseThrow().coalesce(1);
        String where = Quarantine.BUSINESS_DATE + " = DATE'" + date + "' AND (" + String.join(" OR ", scope) + ")";
        DeltaIO.replaceWhere(spark.createDataFrame(bad.javaRDD(), Quarantine.ROWS), lake.quarantineRows(), where,
                Quarantine.BUSINESS_DATE);
        DeltaIO.replaceWhere(withoutValues(DeltaIO.read(spark, lake.quarantineRows()).where(where)),
                lake.quarantineRowReasons(), where, Quarantine.BUSINESS_DATE);
        spark.sparkContext().setJobDescription(null);
    }

    /** The analyst-readable side of quarantined rows: where and why, without the raw text or a quoted value. */
    static Dataset<Row> withoutValues(Dataset<Row> quarantineRows) {
        return quarantineRows.select(java.util.Arrays.stream(Quarantine.ROW_REASONS.fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    private static String[] bronzeColumnsAfterFirst(FeedSchema feed) {
        String[] names = Bronze.schema(feed).fieldNames();
        String[] rest = new String[names.length - 1];
        System.arraycopy(names, 1, rest, 0, rest.length);
        return rest;
    }

    /** About one output file per 64 MB of input; at least one. */
    private static int partitionsFor(List<Delivery> accepted) {
        long rows = accepted.stream().flatMap(d -> d.files().stream()).mapToLong(Manifest.FileEntry::rows).sum();
        return (int) Math.max(1, Math.min(16, rows / 500_000 + 1));
    }

    private static long sum(List<Row> files, String column) {
        return files.stream().mapToLong(r -> r.<Long>getAs(column)).sum();
    }

    /** The ledger rows of the date. */
    private List<Row> ledgerRows(SparkSession spark, LocalDate date) {
        if (!DeltaIO.exists(spark, lake.deliveries())) {
            return List.of();
        }
        return DeltaIO.read(spark, lake.deliveries())
                .filter(col(DeliveryLedger.BUSINESS_DATE).equalTo(functions.lit(java.sql.Date.valueOf(date))))
                .collectAsList();
    }

    /** The latest ledger row of each delivery key among the date's rows. */
    private static Map<String, Row> latestDecisions(List<Row> rows, LocalDate date) {
        Map<String, Row> latest = new HashMap<>();
        for (Row r : rows) {
            String key = r.getAs(DeliveryLedger.FEED) + "/" + r.getAs(DeliveryLedger.SOURCE) + "/" + date;
            Row prev = latest.get(key);
            if (prev == null || later(r, prev)) {
                latest.put(key, r);
            }
        }
        return latest;
    }

    /** The highest loaded version of each delivery key among the date's ledger rows (rejections leave it as it was). */
    private static Map<String, Integer> loadedVersions(List<Row> ledgerRows, LocalDate date) {
        Map<String, Integer> versions = new HashMap<>();
        for (Row r : ledgerRows) {
            if (DeliveryLedger.LOADED.equals(r.getAs(DeliveryLedger.STATUS))) {
                versions.merge(r.getAs(DeliveryLedger.FEED) + "/" + r.getAs(DeliveryLedger.SOURCE) + "/" + date,
                        r.<Integer>getAs(DeliveryLedger.VERSION), Math::max);
            }
        }
        return versions;
    }

    private static boolean later(Row a, Row b) {
        int byTime = a.<java.sql.Timestamp>getAs(DeliveryLedger.DECIDED_AT)
                .compareTo(b.getAs(DeliveryLedger.DECIDED_AT));
        return byTime > 0 || byTime == 0 && a.<Integer>getAs(DeliveryLedger.VERSION) > b.<Integer>getAs(DeliveryLedger.VERSION);
    }

    private void record(SparkSession spark, LocalDate date, List<Delivery> rejected, List<DeliveryOutcome> loaded,
                        Instant now) {
        java.sql.Date day = java.sql.Date.valueOf(date);
        java.sql.Timestamp at = java.sql.Timestamp.from(now);
        List<Row> ledger = new ArrayList<>();
        List<Row> rejections = new ArrayList<>();
        for (Delivery d : rejected) {
            ledger.add(RowFactory.create(d.feed().name(), d.source(), day, d.id(), d.decisionFingerprint(),
                    DeliveryLedger.REJECTED, 0, d.files().size(), 0L, 0L, 0L, null, d.problem().name(), d.reason(), at));
            rejections.add(RowFactory.create(d.feed().name(), d.source(), day, d.id(), d.decisionFingerprint(), null,
                    d.problem().name(), d.reason(), at));
        }
        for (DeliveryOutcome o : loaded) {
            ledger.add(RowFactory.create(o.feed(), o.source(), day, o.deliveryId(), o.fingerprint(),
                    DeliveryLedger.LOADED, o.version(), o.files(), o.rowsInFiles(), o.loaded(), o.quarantined(),
                    o.bronzeVersion(), null, null, at));
        }
        if (!rejections.isEmpty()) {
            DeltaIO.append(spark.createDataFrame(rejections, Quarantine.DELIVERIES).coalesce(1),
                    lake.quarantineDeliveries());
        }
        if (!ledger.isEmpty()) {
            DeltaIO.append(spark.createDataFrame(ledger, DeliveryLedger.SCHEMA).coalesce(1), lake.deliveries());
        }
    }

    private static DeliveryOutcome outcome(Delivery d, Status status, int version, long rows, long loaded,
                                           long quarantined) {
        String code = d.problem() == null ? null : d.problem().name();
        return new DeliveryOutcome(d.key(), d.id(), d.fingerprint(), d.feed().name(), d.source(), status, version,
                d.files().size(), rows, loaded, quarantined, code, d.reason(), null);
    }
}

package org.fraudlake.orchestration.drill;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Quarantine;

/**
 * Bad-input drill: good deliveries of the city's last day, each corrupted one way ({@link Corruption}, seeded)
 * and ingested alone on a copy of a lake where the earlier days are already ingested. Every case must end
 * with the delivery rejected for a reason naming a file of it, or with every row of its files loaded or
 * quarantined (rows in = loaded + quarantined, in the ledger, bronze and quarantine alike); and no row of any
 * other delivery may change. Runs in this JVM's Spark session (ingest only).
 */
public final class BadInputDrill {
    private final DrillSettings settings;
    private final Scratch scratch;
    private final SparkSession spark;
    private final PrintStream out;

    public BadInputDrill(DrillSettings settings, SparkSession spark, PrintStream out) {
        this.settings = settings;
        this.scratch = new Scratch(settings);
        this.spark = spark;
        this.out = out;
    }

    public DrillReport run() throws IOException {
        DrillReport report = new DrillReport("bad-input", out);
        LocalDate target = settings.dates().get(settings.dates().size() - 1);
        Path city = scratch.city();
        Path base = base(city, target);
        List<Path> deliveries = deliveries(city.resolve("landing"), target);
        Map<String, Fingerprint> before = fingerprints(new Lake(base.toString()), null);
        Random rng = new Random(settings.seed() * 31 + 7);
        Corruption[] kinds = Corruption.values();
        for (int i = 0; i < settings.cases(); i++) {
            Corruption kind = kinds[i % kinds.length];
            List<Path> fit = deliveries.stream().filter(d -> (!kind.needsCsv() || isCsv(d)) && rowsOf(d) > 0).toList();
            Path source = fit.get(rng.nextInt(fit.size()));
            String feed = source.getParent().getParent().getFileName().toString();
            String partner = kind == Corruption.HIJACK ? otherKind(city.resolve("landing"), feed, target, rng)
                    : source.getParent().getFileName().toString();
            String name = String.format("case %d: %s on %s/%s/%s", i + 1, kind, feed, partner, target);
            try {
                Path lake = scratch.root().resolve("bad-case");
                Scratch.deleteTree(lake);
                Scratch.copyTree(base, lake);
                Path folder = lake.resolve("landing").resolve(feed).resolve(partner).resolve(target.toString());
                Scratch.copyTree(source, folder);
                String what = kind.apply(folder, feedSchema(feed), rng);
                if (kind == Corruption.REUPLOAD) {
                    new IngestJob(new Lake(lake.toString()), line -> { }).run(spark, target);
                    Corruption.reupload(folder);
                }
                report.check(name + " (" + what + ")", checkCase(lake, folder, feed, partner, target, before, kind),
                        "rows accounted for or delivery rejected; nothing else changed");
            } catch (IOException | RuntimeException e) {
                report.add(name, false, "drill error: " + e);
            }
        }
        Scratch.deleteTree(scratch.root().resolve("bad-case"));
        return report;
    }

    private List<String> checkCase(Path lakeDir, Path folder, String feed, String source, LocalDate date,
                                   Map<String, Fingerprint> before, Corruption kind) throws IOException {
        Lake lake = new Lake(lakeDir.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            new IngestJob(lake, p::println).run(spark, date);
        }
        List<String> problems = new ArrayList<>();
        Column key = col(DeliveryLedger.FEED).equalTo(feed).and(col(DeliveryLedger.SOURCE).equalTo(source))
                .and(col(DeliveryLedger.BUSINESS_DATE).equalTo(Date.valueOf(date)));
        List<Row> decided = DeltaIO.read(spark, lake.deliveries()).filter(key)
                .orderBy(col(DeliveryLedger.DECIDED_AT).desc()).collectAsList();
        long bronze = DeltaIO.exists(spark, lake.bronze(feed)) ? DeltaIO.read(spark, lake.bronze(feed))
                .filter(col(Bronze.SOURCE).equalTo(source).and(col(Bronze.BUSINESS_DATE).equalTo(Date.valueOf(date))))
                .count() : 0;
        long quarantined = DeltaIO.exists(spark, lake.quarantineRows()) ? DeltaIO.read(spark, lake.quarantineRows())
                .filter(key).count() : 0;
        int ingests = kind == Corruption.REUPLOAD ? 2 : 1;
        if (decided.size() != ingests) {
            problems.add("ops/deliveries has " + decided.size() + " decisions for the delivery, expected " + ingests);
            return problems;
        }
        Row d = decided.get(0);
        String status = d.getAs(DeliveryLedger.STATUS);
        String expected = kind == Corruption.REUPLOAD ? DeliveryLedger.LOADED
                : kind == Corruption.HIJACK ? DeliveryLedger.REJECTED : status;
        if (!expected.equals(status) || kind == Corruption.HIJACK
                && !"PARTNER_MISMATCH".equals(d.getAs(DeliveryLedger.REASON_CODE))) {
            problems.add(kind + " must end " + expected + (kind == Corruption.HIJACK ? " (PARTNER_MISMATCH)" : "")
                    + ", ended " + status + " " + d.getAs(DeliveryLedger.REASON_CODE) + ": "
                    + d.getAs(DeliveryLedger.REASON));
        }
        List<String> names = new ArrayList<>(Stream.of(folder.toFile().list()).toList());
        if (DeliveryLedger.REJECTED.equals(status)) {
            String reason = d.getAs(DeliveryLedger.REASON);
            if (reason == null || names.stream().noneMatch(reason::contains)) {
                problems.add("rejected, but the reason names no file of the delivery " + names + ": " + reason);
            }
            if (bronze + quarantined > 0) {
                problems.add("rejected, yet " + bronze + " rows in bronze and " + quarantined + " quarantined");
            }
            long inQuarantine = DeltaIO.exists(spark, lake.quarantineDeliveries()) ? DeltaIO.read(spark,
                    lake.quarantineDeliveries()).filter(key).count() : 0;
            if (inQuarantine == 0) {
                problems.add("rejected, but not in quarantine/deliveries");
            }
            if (problems.isEmpty()) {
                out.println("  rejected: " + reason);
            }
        } else if (DeliveryLedger.LOADED.equals(status)) {
            long rowsIn = expectedRows(folder);
            long loaded = ((Number) d.getAs(DeliveryLedger.ROWS_LOADED)).longValue();
            long quarantinedInLedger = ((Number) d.getAs(DeliveryLedger.ROWS_QUARANTINED)).longValue();
            long ledgerIn = ((Number) d.getAs(DeliveryLedger.ROWS_IN_FILES)).longValue();
            if (rowsIn != bronze + quarantined || ledgerIn != rowsIn || loaded != bronze
                    || quarantinedInLedger != quarantined) {
                problems.add(String.format("loaded, but rows in files %d (manifest), ledger in %d / loaded %d / "
                        + "quarantined %d, bronze %d, quarantine/rows %d", rowsIn, ledgerIn, loaded,
                        quarantinedInLedger, bronze, quarantined));
            } else {
                out.printf("  loaded: %d rows in = %d loaded + %d quarantined%n", rowsIn, bronze, quarantined);
            }
        } else {
            problems.add("delivery ended " + status + ", neither LOADED nor REJECTED: " + d);
        }
        Map<String, Fingerprint> after = fingerprints(lake, new String[]{feed, source, date.toString()});
        for (Map.Entry<String, Fingerprint> e : after.entrySet()) {
            Fingerprint was = before.getOrDefault(e.getKey(), Fingerprint.EMPTY);
            if (!was.equals(e.getValue())) {
                problems.add(e.getKey() + ": rows of other deliveries changed (" + was + " before, " + e.getValue()
                        + " after)");
            }
        }
        return problems;
    }

    /** Rows in the delivery's files per its own manifest, each distinct file once. */
    private static long expectedRows(Path folder) throws IOException {
        Manifest m = Manifest.parse(Files.readAllBytes(folder.resolve(Manifest.FILE_NAME)));
        Map<String, Long> rows = new TreeMap<>();
        m.files().forEach(f -> rows.putIfAbsent(f.name(), f.rows()));
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Count and order-free hash of every ingest table's rows outside one delivery (null: all rows). */
    record Fingerprint(long rows, java.math.BigInteger hash) {
        static final Fingerprint EMPTY = new Fingerprint(0, java.math.BigInteger.ZERO);
    }

    private Map<String, Fingerprint> fingerprints(Lake lake, String[] excluded) {
        Map<String, Fingerprint> out = new TreeMap<>();
        Path root = Path.of(lake.root());
        for (String t : LakeDiff.deltaTables(root)) {
            boolean bronze = t.startsWith("bronze/");
            if (!bronze && !t.startsWith("quarantine/") && !t.equals("ops/deliveries")) {
                continue;
            }
            Dataset<Row> rows = LakeDiff.comparable(DeltaIO.read(spark, root.resolve(t).toString()));
            if (excluded != null && (!bronze || t.equals("bronze/" + excluded[0]))) {
                Column mine = bronze
                        ? col(Bronze.SOURCE).equalTo(excluded[1]).and(col(Bronze.BUSINESS_DATE).equalTo(Date.valueOf(excluded[2])))
                        : col(Quarantine.FEED).equalTo(excluded[0]).and(col(Quarantine.SOURCE).equalTo(excluded[1]))
                                .and(col(Quarantine.BUSINESS_DATE).equalTo(Date.valueOf(excluded[2])));
                rows = rows.filter(coalesce(mine, lit(false)).unary_$bang());
            }
            List<Object> f = LakeDiff.fingerprint(rows);
            out.put(t, new Fingerprint((Long) f.get(0), (java.math.BigInteger) f.get(1)));
        }
        return out;
    }

    /** A lake with every day before {@code target} ingested, its landing holding only those days; kept. */
    private Path base(Path city, LocalDate target) throws IOException {
        Path base = scratch.root().resolve("bad-base-" + target);
        Path done = scratch.root().resolve("bad-base-" + target + ".done");
        if (Files.exists(done)) {
            return base;
        }
        Scratch.deleteTree(base);
        for (LocalDate d : settings.dates()) {
            if (d.isBefore(target)) {
                for (Path delivery : deliveries(city.resolve("landing"), d)) {
                    Scratch.copyTree(delivery, base.resolve("landing").resolve(city.resolve("landing")
                            .relativize(delivery).toString()));
                }
                new IngestJob(new Lake(base.toString()), line -> { }).run(spark, d);
            }
        }
        Files.createDirectories(base);
        Files.writeString(done, target.toString());
        return base;
    }

    /** Every delivery folder {@code landing/<feed>/<source>/<date>} of the date. */
    static List<Path> deliveries(Path landing, LocalDate date) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> feeds = Files.list(landing)) {
            for (Path feed : feeds.sorted().toList()) {
                try (Stream<Path> sources = Files.list(feed)) {
                    for (Path source : sources.sorted().toList()) {
                        Path d = source.resolve(date.toString());
                        if (Files.isDirectory(d)) {
                            out.add(d);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A sender code that delivered, on {@code date}, a feed of another kind of partner than {@code feed}'s. */
    private static String otherKind(Path landing, String feed, LocalDate date, Random rng) throws IOException {
        List<String> codes = new ArrayList<>();
        for (Path d : deliveries(landing, date)) {
            String code = d.getParent().getFileName().toString();
            if (feedSchema(d.getParent().getParent().getFileName().toString()).sourceKind()
                    != feedSchema(feed).sourceKind() && !codes.contains(code)) {
                codes.add(code);
            }
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException("no partner of another kind than " + feed + "'s delivered on " + date);
        }
        return codes.get(rng.nextInt(codes.size()));
    }

    /** Rows the delivery's manifest declares (0 when it has none or cannot be read). */
    private static long rowsOf(Path delivery) {
        try {
            return expectedRows(delivery);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isCsv(Path delivery) {
        String[] names = delivery.toFile().list();
        return names != null && Stream.of(names).filter(n -> !n.startsWith("_") && !n.startsWith("."))
                .allMatch(n -> n.endsWith(".csv") || n.endsWith(".csv.gz"));
    }

    static FeedSchema feedSchema(String feed) {
        return Feeds.ALL.stream().filter(f -> f.name().equals(feed)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feed " + feed));
    }
}

package org.fraudlake.orchestration.drill;

import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
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
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Silver;

/**
 * Restatement drill: a bank re-sends a day's transactions with some amounts changed (a new manifest with
 * correct checksums); the night re-run with {@code --force} through features (or {@code --to-stage}, from conform
 * on) must show the new amounts in bronze and silver and change the gold features, while the earlier version stays
 * readable in bronze with Delta time travel at the version the delivery ledger recorded.
 */
public final class RestatementDrill {
    /** The last stage the drill's nights run unless {@code --to-stage} names a later one than ingest. */
    static final String THROUGH = "features";

    private final DrillSettings settings;
    private final Scratch scratch;
    private final SparkSession spark;
    private final PrintStream out;

    public RestatementDrill(DrillSettings settings, SparkSession spark, PrintStream out) {
        this.settings = settings.toStage() == null || !settings.stages().contains("conform")
                ? settings.withToStage(THROUGH) : settings;
        this.scratch = new Scratch(settings);
        this.spark = spark;
        this.out = out;
    }

    public DrillReport run() throws IOException {
        DrillReport report = new DrillReport("restatement", out);
        Random rng = new Random(settings.seed() * 17 + 3);
        LocalDate date = settings.dates().get(0);
        for (int i = 0; i < settings.cases(); i++) {
            Path lakeDir = scratch.freshLake("restatement-case");
            List<Path> banks = BadInputDrill.deliveries(lakeDir.resolve("landing"), date).stream()
                    .filter(p -> p.getParent().getParent().getFileName().toString().equals(BankTransactions.NAME)).toList();
            Path delivery = banks.get(rng.nextInt(banks.size()));
            String bank = delivery.getParent().getFileName().toString();
            String name = "case " + (i + 1) + ": " + bank + " re-sends " + BankTransactions.NAME + " of " + date;
            try {
                report.check(name, restate(lakeDir, delivery, bank, date, rng), "new amounts in bronze, silver and "
                        + "gold; the earlier version readable at its bronze version");
            } catch (IOException | RuntimeException e) {
                report.add(name, false, "drill error: " + e);
            }
        }
        Scratch.deleteTree(scratch.root().resolve("restatement-case"));
        return report;
    }

    private List<String> restate(Path lakeDir, Path delivery, String bank, LocalDate date, Random rng)
            throws IOException {
        Lake lake = new Lake(lakeDir.toString());
        NightRunner runner = new NightRunner(config(lakeDir), new PrintStream(PrintStream.nullOutputStream()));
        runner.run(date, settings.toStage(), false);
        Map<String, BigDecimal> before = bronzeAmounts(lake, bank, date, -1);
        long goldBefore = settings.stages().contains("features") ? goldHash(lakeDir) : 0;
        Map<String, BigDecimal> changed = changeAmounts(delivery, rng);
        out.println("  changed amounts of " + changed.keySet() + " and re-sent; re-running the night with --force");
        runner.run(date, settings.toStage(), true);

        List<String> problems = new ArrayList<>();
        List<Row> loads = DeltaIO.read(spark, lake.deliveries()).filter(col(DeliveryLedger.FEED).equalTo(
                        BankTransactions.NAME).and(col(DeliveryLedger.SOURCE).equalTo(bank))
                        .and(col(DeliveryLedger.BUSINESS_DATE).equalTo(Date.valueOf(date)))
                        .and(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.LOADED)))
                .orderBy(col(DeliveryLedger.BRONZE_VERSION)).collectAsList();
        if (loads.size() != 2) {
            problems.add("ops/deliveries has " + loads.size() + " LOADED versions of the delivery, expected 2");
            return problems;
        }
        long oldVersion = ((Number) loads.get(0).getAs(DeliveryLedger.BRONZE_VERSION)).longValue();
        Map<String, BigDecimal> now = bronzeAmounts(lake, bank, date, -1);
        Map<String, BigDecimal> then = bronzeAmounts(lake, bank, date, oldVersion);
        if (now.size() != before.size()) {
            problems.add("bronze has " + now.size() + " rows of the delivery after the restatement, " + before.size()
                    + " before (rows replaced, not added)");
        }
        if (!then.equals(before)) {
            problems.add("bronze at version " + oldVersion + " (the ledger's) is not the earlier delivery");
        }
        Dataset<Row> silver = DeltaIO.read(spark, lake.silver(Silver.TRANSACTIONS))
                .filter(col(Silver.Transactions.BANK).equalTo(bank));
        for (Map.Entry<String, BigDecimal> e : changed.entrySet()) {
            if (now.get(e.getKey()) == null || now.get(e.getKey()).compareTo(e.getValue()) != 0) {
                problems.add("bronze " + e.getKey() + ": amount " + now.get(e.getKey()) + ", re-sent " + e.getValue());
            }
            List<Row> s = silver.filter(col(Silver.Transactions.TXN_ID).equalTo(e.getKey()))
                    .select(Silver.Transactions.AMOUNT).collectAsList();
            if (s.size() != 1 || ((BigDecimal) s.get(0).get(0)).compareTo(e.getValue()) != 0) {
                problems.add("silver " + e.getKey() + ": " + s + ", re-sent " + e.getValue());
            }
        }
        if (settings.stages().contains("features") && goldHash(lakeDir) == goldBefore) {
            problems.add("gold tables unchanged after amounts changed");
        }
        return problems;
    }

    /** txn_id to amount of the bank's rows of the date in bronze, now or at a version (-1: now). */
    private Map<String, BigDecimal> bronzeAmounts(Lake lake, String bank, LocalDate date, long version) {
        Dataset<Row> rows = version < 0 ? DeltaIO.read(spark, lake.bronze(BankTransactions.NAME))
                : spark.read().format("delta").option("versionAsOf", version).load(lake.bronze(BankTransactions.NAME));
        Map<String, BigDecimal> out = new TreeMap<>();
        rows.filter(col(Bronze.SOURCE).equalTo(bank).and(col(Bronze.BUSINESS_DATE).equalTo(Date.valueOf(date))))
                .select(BankTransactions.TXN_ID, BankTransactions.AMOUNT).collectAsList()
                .forEach(r -> out.put(String.valueOf(r.get(0)), new BigDecimal(String.valueOf(r.get(1)))));
        return out;
    }

    private long goldHash(Path lakeDir) {
        long h = 0;
        for (String t : LakeDiff.deltaTables(lakeDir)) {
            if (t.startsWith("gold/")) {
                Dataset<Row> rows = LakeDiff.comparable(DeltaIO.read(spark, lakeDir.resolve(t).toString()));
                h = h * 31 + LakeDiff.fingerprint(rows).hashCode();
            }
        }
        return h;
    }

    /** Raises the amounts of up to three rows of one file by 1,000.37 and rewrites the manifest's checksum. */
    static Map<String, BigDecimal> changeAmounts(Path delivery, Random rng) throws IOException {
        Path manifestFile = delivery.resolve(Manifest.FILE_NAME);
        Manifest m = Manifest.parse(Files.readAllBytes(manifestFile));
        int fi = rng.nextInt(m.files().size());
        Manifest.FileEntry entry = m.files().get(fi);
        Path file = delivery.resolve(entry.name());
        boolean gz = entry.name().endsWith(".gz");
        if (!entry.name().endsWith(".csv") && !gz) {
            throw new IllegalArgumentException("restatement drill edits CSV deliveries; " + file + " is not one");
        }
        byte[] stored = Files.readAllBytes(file);
        byte[] plain = gz ? new GZIPInputStream(new ByteArrayInputStream(stored)).readAllBytes() : stored;
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(new InputStreamReader(new ByteArrayInputStream(plain), StandardCharsets.UTF_8))) {
            for (CsvRecord rec; (rec = r.next()) != null; ) {
                rows.add(new ArrayList<>(rec.fields()));
            }
        }
        int id = headerIndex(rows.get(0), BankTransactions.TXN_ID, file);
        int amount = headerIndex(rows.get(0), BankTransactions.AMOUNT, file);
        Map<String, BigDecimal> changed = new TreeMap<>();
        int n = Math.min(3, rows.size() - 1);
        while (changed.size() < n) {
            List<String> row = rows.get(1 + rng.nextInt(rows.size() - 1));
            if (!changed.containsKey(row.get(id))) {
                BigDecimal v = new BigDecimal(row.get(amount)).add(new BigDecimal("1000.37"));
                row.set(amount, v.toPlainString());
                changed.put(row.get(id), v);
            }
        }
        byte[] bytes = Corruption.encode(Corruption.csv(rows), gz);
        Files.write(file, bytes);
        List<Manifest.FileEntry> files = new ArrayList<>(m.files());
        files.set(fi, new Manifest.FileEntry(entry.name(), entry.rows(), LakeDiff.sha256(file)));
        Files.write(manifestFile, new Manifest(m.feed(), m.source(), m.businessDate(), m.schemaVersion(), files).toJson());
        return changed;
    }

    /** Where a column stands in a header, matched as ingest matches it: by name, in any letter case. */
    private static int headerIndex(List<String> header, String column, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + " has no column " + column + " (header " + header + ")");
    }

    private FraudlakeConfig config(Path lake) {
        return FraudlakeConfig.defaults().with(FraudlakeConfig.LAKE_ROOT, lake.toString())
                .with(FraudlakeConfig.KEY_FILE, scratch.pseudonymKey().toString())
                .with(FraudlakeConfig.SIGNING_KEY, scratch.signingKey().toString())
                .with(FraudlakeConfig.READINESS_DEADLINE, "none").withShortWarmUp();
    }
}

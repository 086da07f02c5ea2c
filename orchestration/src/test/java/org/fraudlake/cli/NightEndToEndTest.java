package org.fraudlake.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.orchestration.LakeKeys;
import org.fraudlake.orchestration.Night;
import org.fraudlake.pipelines.ingest.DeliveryOutcome;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.publish.outbox.Publication;
import org.fraudlake.publish.report.ReportJob;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A small simulated city with faults, ingested and conformed day by day, checked against its truth. */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightEndToEndTest {
    private static final LocalDate START = LocalDate.of(2026, 10, 1);
    private static final int DAYS = 4;
    private static final Pattern TOKEN = Pattern.compile("(acc|ph|id|nm|imei)_[0-9a-f]{24}");

    private Lake lake;
    private final List<IngestReport> reports = new ArrayList<>();
    private List<TrainJob.Result> trained;
    private List<TrainJob.Result> trainedAgain;
    private Publication publication;
    private ReportJob.Output report;
    private boolean nothingCachedAfterTheNight;

    @BeforeAll
    void simulateAndRun(SparkSession spark, @TempDir Path tmp) throws IOException {
        spark.catalog().clearCache(); // what earlier classes in this JVM left is theirs, not the night's
        lake = new Lake(tmp.resolve("lake").toString());
        new CitySimulator(new SimulationConfig(300, DAYS, 99L, START, true)).run(lake, new Configuration(), s -> { });
        FraudlakeConfig config = FraudlakeConfig.defaults()
                .with(FraudlakeConfig.LAKE_ROOT, lake.root())
                .with(FraudlakeConfig.KEY_FILE, tmp.resolve("keys/pseudonym.key").toString())
                .with(FraudlakeConfig.SIGNING_KEY, tmp.resolve("keys/signing.key").toString());
        Night night = new Night(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        LakeKeys.init(config, lake, spark.sparkContext().hadoopConfiguration(), false, "NightEndToEndTest");
        for (LocalDate d : night.landedDates(spark)) {
            reports.add(night.ingest(spark, d));
            night.conform(spark, d);
            night.features(spark, d);
        }
        LocalDate last = START.plusDays(DAYS - 1L);
        trained = night.train(spark, last, ModelCatalog.all(), new TrainJob.Settings(DAYS - 2, 2, 10_000, 20))
                .results();
        night.score(spark, last);
        night.graph(spark, last);
        night.leads(spark, last);
        publication = night.publish(spark, last);
        report = night.report(spark, last);
        nothingCachedAfterTheNight = spark.sharedState().cacheManager().isEmpty();
        trainedAgain = night.train(spark, last, List.of(ModelCatalog.select(List.of("money_mule")).get(0)),
                new TrainJob.Settings(DAYS - 2, 2, 10_000, 20)).results();
    }

    /** A backfill runs every night in one JVM: a frame a stage caches and never frees fills its memory night by night. */
    @Test
    void theNightLeavesNoCachedFramesBehind() {
        assertTrue(nothingCachedAfterTheNight, "frames cached by the night's stages were not freed");
    }

    @Test
    void everyNotebookRunsOnTheNightsLake(@TempDir Path out) throws Exception {
        NotebooksTest.executeAll(Path.of(lake.root()), out);
    }

    @Test
    void everyModelIsTrainedRegisteredAndScoresTheLastDayWithReasons(SparkSession spark) {
        assertEquals(ModelCatalog.all().size(), trained.size());
        Registry registry = new Registry(spark, lake);
        for (RiskModel m : ModelCatalog.all()) {
            assertEquals(1, registry.champion(m.name()).orElseThrow().version(), m.name());
        }
        RegistryEntry again = trainedAgain.get(0).entry();
        assertEquals(2, again.version());
        assertTrue(again.note().contains("champion v1"), again.note());
        assertTrue(again.inputVersions().contains("gold/features_account_daily"), again.inputVersions());

        Dataset<Row> scores = DeltaIO.read(spark, lake.gold(Gold.SCORES));
        assertEquals(1, scores.select(Gold.BUSINESS_DATE).distinct().count());
        Set<String> scoredModels = new HashSet<>();
        scores.select(Scores.MODEL).distinct().collectAsList().forEach(r -> scoredModels.add(r.getString(0)));
        assertEquals(ModelCatalog.all().stream().map(RiskModel::name).collect(java.util.stream.Collectors.toSet()),
                scoredModels);
        assertEquals(0, scores.filter(col(Scores.SCORE).lt(0).or(col(Scores.SCORE).gt(1))).count());
        long accounts = DeltaIO.read(spark, lake.gold(Gold.FEATURES_ACCOUNT_DAILY))
                .filter(col(Gold.BUSINESS_DATE).equalTo(java.sql.Date.valueOf(START.plusDays(DAYS - 1L)))).count();
        assertEquals(accounts, scores.filter(col(Scores.MODEL).equalTo("money_mule")).count(),
                "every active account is scored");
        Dataset<Row> alerts = scores.filter(col(Scores.ALERT));
        assertEquals(0, alerts.filter(org.apache.spark.sql.functions.size(col(Scores.REASONS)).equalTo(0)).count(),
                "every alert has reasons");
    }

    @Test
    void publishesEveryPartnersVerifiedFolderWithItsSentWarningsAndAReport(SparkSession spark) throws IOException {
        Set<String> banks = new HashSet<>();
        DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS)).select(Silver.Accounts.BANK).distinct().collectAsList()
                .forEach(r -> banks.add(r.getString(0)));
        assertTrue(publication.folders().keySet().containsAll(banks), publication.folders().keySet().toString());
        java.sql.Date date = java.sql.Date.valueOf(publication.date());
        Dataset<Row> sent = DeltaIO.read(spark, lake.published(Published.INTERCEPT_LIST))
                .unionByName(DeltaIO.read(spark, lake.published(Published.VICTIM_WARNINGS))
                        .drop(Published.VictimWarnings.PERSON_ID))
                .filter(col(Published.BUSINESS_DATE).equalTo(date).and(col(InterceptList.SENT)))
                .filter(col(InterceptList.ENTITY_TYPE).equalTo("ACCOUNT"));
        for (String bank : banks) {
            long rows = sent.filter(col(InterceptList.PARTNER).equalTo(bank)).count();
            Path csv = Path.of(publication.folders().get(bank)).resolve("warnings.csv");
            long lines = Files.readAllLines(csv).size() - 1;
            assertEquals(rows, lines, bank + ": one line per sent warning of its own, and nothing else");
            assertEquals((int) rows, publication.rows().get(bank), bank);
        }
        assertTrue(publication.withheld().isEmpty(), publication.withheld().toString());
        assertTrue(Files.readString(Path.of(report.html())).contains("</html>"), report.html());
    }

    @Test
    void everyRowReceivedIsLoadedOrQuarantined(SparkSession spark) {
        List<Row> loaded = DeltaIO.read(spark, lake.deliveries())
                .filter(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.LOADED)).collectAsList();
        assertFalse(loaded.isEmpty());
        Map<String, Long> bronzeRows = LakeRowCounts.bronzeRows(spark, lake);
        Map<String, Long> quarantined = LakeRowCounts.quarantinedRows(spark, lake);
        for (Row r : loaded) {
            String id = r.getAs(DeliveryLedger.DELIVERY_ID);
            long inFiles = r.getAs(DeliveryLedger.ROWS_IN_FILES);
            long inBronze = bronzeRows.getOrDefault(id, 0L);
            long inQuarantine = quarantined.getOrDefault(id, 0L);
            assertEquals(inFiles, inBronze + inQuarantine, id + ": rows in files = loaded + quarantined");
            assertEquals(r.<Long>getAs(DeliveryLedger.ROWS_LOADED), inBronze, id);
        }
    }

    @Test
    void simulatedFaultsAreRejectedQuarantinedOrWaitingAsTheTruthSays(SparkSession spark) throws IOException {
        List<Map<String, String>> faults = readCsv(Path.of(lake.truth(), "faults.csv"));
        assertFalse(faults.isEmpty(), "the simulator wrote faults");
        Set<String> rejected = new HashSet<>();
        DeltaIO.read(spark, lake.quarantineDeliveries()).collectAsList().forEach(r -> rejected.add(
                r.getAs(Quarantine.FEED) + "/" + r.getAs(Quarantine.SOURCE) + "/" + r.getAs(Quarantine.BUSINESS_DATE)
                        + "/" + r.getAs(Quarantine.REASON_CODE)));
        Set<String> quarantinedLines = new HashSet<>();
        DeltaIO.read(spark, lake.quarantineRows()).collectAsList().forEach(r -> quarantinedLines.add(
                r.getAs(Quarantine.FEED) + "/" + r.getAs(Quarantine.SOURCE) + "/" + r.getAs(Quarantine.BUSINESS_DATE)
                        + "/" + r.getAs(Quarantine.FILE) + "/" + r.getAs(Quarantine.LINE) + "/"
                        + r.getAs(Quarantine.REASON_CODE)));
        Set<String> waiting = new HashSet<>();
        reports.forEach(rep -> rep.deliveries().stream().filter(o -> o.status() == DeliveryOutcome.Status.WAITING)
                .forEach(o -> waiting.add(o.key())));
        for (Map<String, String> f : faults) {
            String key = f.get("feed") + "/" + f.get("source") + "/" + f.get("business_date");
            switch (f.get("expect")) {
                case "REJECT" -> assertTrue(rejected.contains(key + "/" + f.get("reason_code")),
                        "rejected " + key + " " + f.get("reason_code") + " in " + rejected);
                case "WAITING" -> assertTrue(waiting.contains(key), "waiting " + key);
                case "QUARANTINE" -> assertTrue(quarantinedLines.contains(key + "/" + f.get("file") + "/"
                        + f.get("line") + "/" + f.get("reason_code")), "quarantined " + f + " in " + quarantinedLines);
                default -> throw new AssertionError("unknown expectation " + f);
            }
        }
    }

    /**
     * Every delivery the simulator did not break on purpose (in landing, not in the truth's faults) is loaded
     * whole: LOADED, every row its manifest counts in bronze, none quarantined. A clean delivery rejected or
     * trimmed by mistake fails here, which the fault checks above cannot see.
     */
    @Test
    void everyCleanDeliveryIsLoadedWithAllItsRows(SparkSession spark) throws IOException {
        Set<String> faulty = new HashSet<>();
        readCsv(Path.of(lake.truth(), "faults.csv")).forEach(f -> faulty.add(f.get("feed") + "/" + f.get("source") + "/"
                + f.get("business_date")));
        Map<String, Row> latest = new HashMap<>();
        for (Row r : DeltaIO.read(spark, lake.deliveries()).collectAsList()) {
            String key = r.getAs(DeliveryLedger.FEED) + "/" + r.getAs(DeliveryLedger.SOURCE) + "/"
                    + r.getAs(DeliveryLedger.BUSINESS_DATE);
            Row seen = latest.get(key);
            if (seen == null || r.<Timestamp>getAs(DeliveryLedger.DECIDED_AT)
                    .after(seen.getAs(DeliveryLedger.DECIDED_AT))) {
                latest.put(key, r);
            }
        }
        Path landing = Path.of(lake.landing());
        List<Path> clean;
        try (Stream<Path> folders = Files.walk(landing, 3)) {
            clean = folders.filter(p -> landing.relativize(p).getNameCount() == 3 && Files.isDirectory(p))
                    .filter(p -> !faulty.contains(landing.relativize(p).toString().replace('\\', '/'))).sorted().toList();
        }
        assertTrue(clean.size() > 3 * DAYS, "clean deliveries found: " + clean.size());
        ObjectMapper json = new ObjectMapper();
        for (Path folder : clean) {
            String key = landing.relativize(folder).toString().replace('\\', '/');
            long declared = 0;
            for (JsonNode f : json.readTree(folder.resolve("_manifest.json").toFile())
                    .get("files")) {
                declared += f.get("rows").asLong();
            }
            Row r = latest.get(key);
            assertTrue(r != null, key + ": a clean delivery has no decision in ops/deliveries");
            assertEquals(DeliveryLedger.LOADED, r.getAs(DeliveryLedger.STATUS), key + " was rejected: "
                    + r.getAs(DeliveryLedger.REASON_CODE) + " " + r.getAs(DeliveryLedger.REASON));
            assertEquals(declared, r.<Long>getAs(DeliveryLedger.ROWS_IN_FILES), key + ": rows in its files");
            assertEquals(declared, r.<Long>getAs(DeliveryLedger.ROWS_LOADED), key + ": every row loaded");
            assertEquals(0L, r.<Long>getAs(DeliveryLedger.ROWS_QUARANTINED), key + ": no row quarantined");
        }
    }

    @Test
    void noSilverStringHoldsARawIdentifierFromTheInput(SparkSession spark) {
        Set<String> raw = rawIdentifiers(spark);
        assertTrue(raw.size() > 100, "collected raw identifiers: " + raw.size());
        for (String table : Silver.ALL) {
            if (!DeltaIO.exists(spark, lake.silver(table))) {
                continue;
            }
            Dataset<Row> t = DeltaIO.read(spark, lake.silver(table));
            for (StructField f : t.schema().fields()) {
                String type = f.dataType().simpleString();
                if (!type.equals("string") && !type.equals("array<string>")) {
                    continue;
                }
                Dataset<Row> values = (type.equals("string") ? t.select(col(f.name()))
                        : t.select(org.apache.spark.sql.functions.explode(col(f.name())))).distinct();
                for (Row r : values.collectAsList()) {
                    String v = r.getString(0);
                    if (v == null || TOKEN.matcher(v).matches()) {
                        continue;
                    }
                    for (String id : raw) {
                        boolean leak = id.length() >= 6 ? v.contains(id) : v.equals(id);
                        assertFalse(leak, "silver/" + table + "." + f.name() + " holds raw identifier " + id + " in '"
                                + v + "'");
                    }
                }
            }
        }
    }

    /**
     * Every value of a personal column in bronze (list columns split, BANK: prefixes removed), less the
     * registered company names: a company's name in a holder or counterparty name is public, not personal.
     */
    private Set<String> rawIdentifiers(SparkSession spark) {
        Set<String> raw = new HashSet<>();
        for (FeedSchema feed : Feeds.ALL) {
            if (!DeltaIO.exists(spark, lake.bronze(feed.name()))) {
                continue;
            }
            Dataset<Row> b = DeltaIO.read(spark, lake.bronze(feed.name()));
            List<String> columns = new ArrayList<>(feed.piiColumns().stream().map(Column::name).toList());
            if (feed == Feeds.CallRecords.FEED) {
                columns.add(Feeds.CallRecords.CALLER_IMEI);
            }
            for (String c : columns) {
                for (Row r : b.select(c).distinct().collectAsList()) {
                    String v = r.getString(0);
                    if (v == null) {
                        continue;
                    }
                    for (String item : v.split(";")) {
                        String id = item.contains(":") ? item.substring(item.indexOf(':') + 1) : item;
                        if (!id.isBlank()) {
                            raw.add(id.trim());
                            if (id.trim().startsWith("+86")) {
                                raw.add(id.trim().substring(3));
                            }
                        }
                    }
                }
            }
        }
        DeltaIO.read(spark, lake.bronze(Feeds.Companies.NAME)).select(Feeds.Companies.COMPANY_NAME).collectAsList()
                .forEach(r -> raw.remove(r.getString(0)));
        return raw;
    }

    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(Files.readString(file)))) {
            List<String> header = reader.next().fields();
            CsvRecord rec;
            while ((rec = reader.next()) != null) {
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    m.put(header.get(i), rec.fields().get(i));
                }
                rows.add(m);
            }
        }
        return rows;
    }
}

package org.fraudlake.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.DeliveryOutcome.Status;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.SourceKind;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.PartnerBindings;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, items 4, 5, 6 and 11: one malformed delivery is rejected and the night goes on; a rejected delivery is
 * judged again when a file is re-uploaded; a code stays the kind of partner it is bound to; sizes and lengths are
 * bounded and checksums come before parsing.
 */
@ExtendWith(SparkTestExtension.class)
class IngestSafetyTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final String TXN = BankTransactions.NAME;
    private static final String HEADER = "txn_id,account_no,direction,amount,txn_time,channel";
    private static final String OK = "T1,A1,OUT,5,2026-11-27T01:00:00Z,ATM";
    private static final String SUB_HEADER = "phone,holder_id,activated_at,status,updated_at";
    private static final String SUB_ROW = "13800000001,ID1,2026-01-01,ACTIVE,2026-11-27T01:00:00Z";

    @TempDir
    Path dir;

    private Lake lake() {
        return new Lake(dir.resolve("lake").toString());
    }

    private static IngestReport ingest(SparkSession spark, Lake lake, IngestSettings settings) throws IOException {
        return new IngestJob(lake, settings, line -> { }).run(spark, D);
    }

    private static DeliveryOutcome only(IngestReport r, String feed, String source) {
        return r.deliveries().stream().filter(o -> o.source().equals(source) && o.feed().equals(feed)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + feed + "/" + source + " in " + r));
    }

    private static Path folder(Lake lake, String feed, String source) throws IOException {
        return Files.createDirectories(Path.of(lake.delivery(feed, source, D)));
    }

    /** Writes a data file's bytes and a manifest naming {@code listed} with the given rows and the bytes' sha256. */
    private static Path deliver(Lake lake, String feed, String source, String file, byte[] bytes, String listed,
                                long rows) throws IOException {
        Path f = folder(lake, feed, source);
        if (file != null) {
            Files.write(f.resolve(file), bytes);
        }
        manifest(f, feed, source, "[{\"name\": " + listed + ", \"rows\": " + rows + ", \"sha256\": \"" + sha(bytes)
                + "\"}]");
        return f;
    }

    private static void manifest(Path folder, String feed, String source, String files) throws IOException {
        Files.writeString(folder.resolve("_manifest.json"), "{\"feed\": \"" + feed + "\", \"source\": \"" + source
                + "\", \"business_date\": \"" + D + "\", \"schema_version\": 1, \"files\": " + files + "}");
    }

    private static byte[] csv(String header, String... lines) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyMalformedDeliveryIsRejectedNamingItsFileAndTheNightGoesOn(SparkSession spark) throws IOException {
        Lake lake = lake();
        byte[] good = csv(HEADER, OK);
        deliver(lake, TXN, "BANK_COLON", "a.csv", good, "\"a:b.csv\"", 1);
        deliver(lake, TXN, "BANK_EMPTY", "a.csv", good, "\"\"", 1);
        manifest(folder(lake, TXN, "BANK_NULL"), TXN, "BANK_NULL", "[null]");
        deliver(lake, TXN, "BANK_NOTGZ", "p1.csv.gz", good, "\"p1.csv.gz\"", 1);
        deliver(lake, TXN, "BANK_ZERO", "p1.csv.gz", new byte[0], "\"p1.csv.gz\"", 0);
        deliver(lake, TXN, "BANK_PARQ", "p1.parquet", "PAR1 this is not parquet PAR1".getBytes(StandardCharsets.UTF_8),
                "\"p1.parquet\"", 1);
        Path withDir = deliver(lake, TXN, "BANK_DIR", null, new byte[0], "\"sub\"", 0);
        Files.createDirectories(withDir.resolve("sub"));
        deliver(lake, TXN, "BANK_UP", "a.csv", good, "\"../a.csv\"", 1);
        deliver(lake, TXN, "BANK_ABS", "a.csv", good, "\"/etc/passwd\"", 1);
        Files.writeString(folder(lake, TXN, "BANK_ARRAY").resolve("_manifest.json"), "[1, 2]");
        deliver(lake, TXN, "BANK_TYPE", "a.csv", good, "\"a.csv\"", 1);
        Files.writeString(folder(lake, TXN, "BANK_TYPE").resolve("_manifest.json"), "{\"feed\": \"" + TXN
                + "\", \"source\": \"BANK_TYPE\", \"business_date\": \"" + D + "\", \"files\": [{\"name\": \"a.csv\", "
                + "\"rows\": \"1\", \"sha256\": \"" + sha(good) + "\"}]}");
        deliver(lake, TXN, "BANK_FLOAT", "a.csv", good, "\"a.csv\"", 1);
        Files.writeString(folder(lake, TXN, "BANK_FLOAT").resolve("_manifest.json"), Files.readString(
                folder(lake, TXN, "BANK_FLOAT").resolve("_manifest.json")).replace("\"rows\": 1", "\"rows\": 1.5"));
        deliver(lake, TXN, "BANK_GOOD", "a.csv", good, "\"a.csv\"", 1);

        IngestReport r = ingest(spark, lake, IngestSettings.DEFAULTS);

        Map<String, String> expected = Map.ofEntries(Map.entry("BANK_COLON", "BAD_MANIFEST"),
                Map.entry("BANK_EMPTY", "BAD_MANIFEST"), Map.entry("BANK_NULL", "BAD_MANIFEST"),
                Map.entry("BANK_NOTGZ", "UNREADABLE_FILE"), Map.entry("BANK_ZERO", "UNREADABLE_FILE"),
                Map.entry("BANK_PARQ", "UNREADABLE_FILE"), Map.entry("BANK_DIR", "UNREADABLE_FILE"),
                Map.entry("BANK_UP", "BAD_MANIFEST"), Map.entry("BANK_ABS", "BAD_MANIFEST"),
                Map.entry("BANK_ARRAY", "BAD_MANIFEST"), Map.entry("BANK_TYPE", "BAD_MANIFEST"),
                Map.entry("BANK_FLOAT", "BAD_MANIFEST"));
        expected.forEach((source, code) -> {
            DeliveryOutcome o = only(r, TXN, source);
            assertEquals(Status.REJECTED, o.status(), source + ": " + o);
            assertEquals(code, o.reasonCode(), source + ": " + o.reason());
            assertTrue(o.reason().contains(lake.delivery(TXN, source, D)), source + " names its folder: " + o.reason());
        });
        assertTrue(only(r, TXN, "BANK_NOTGZ").reason().contains("p1.csv.gz is not gzip"),
                only(r, TXN, "BANK_NOTGZ").reason());
        assertTrue(only(r, TXN, "BANK_DIR").reason().contains("sub, which is a directory"),
                only(r, TXN, "BANK_DIR").reason());
        assertTrue(only(r, TXN, "BANK_TYPE").reason().contains("\"rows\" of files[0] must be a whole number"),
                only(r, TXN, "BANK_TYPE").reason());
        assertEquals(Status.LOADED, only(r, TXN, "BANK_GOOD").status());
        assertEquals(1, DeltaIO.read(spark, lake.bronze(TXN)).count());
        assertEquals(expected.size(), DeltaIO.read(spark, lake.quarantineDeliveries()).count());
    }

    @Test
    void aRejectedDeliveryIsJudgedAgainOnceItsMissingOrTruncatedFileIsUploaded(SparkSession spark)
            throws IOException {
        Lake lake = lake();
        byte[] good = csv(HEADER, OK, "T2,A1,OUT,6,2026-11-27T02:00:00Z,ATM");
        Path missing = deliver(lake, TXN, "BANK_M", null, good, "\"p1.csv\"", 2);
        Path truncated = deliver(lake, TXN, "BANK_T", "p1.csv", java.util.Arrays.copyOf(good, good.length / 2),
                "\"p1.csv\"", 2);
        Files.writeString(truncated.resolve("_manifest.json"), Files.readString(truncated.resolve("_manifest.json"))
                .replace(sha(java.util.Arrays.copyOf(good, good.length / 2)), sha(good)));

        IngestReport first = ingest(spark, lake, IngestSettings.DEFAULTS);
        assertEquals("MISSING_FILE", only(first, TXN, "BANK_M").reasonCode());
        assertEquals("CHECKSUM_MISMATCH", only(first, TXN, "BANK_T").reasonCode());
        assertTrue(only(first, TXN, "BANK_T").reason().contains("nothing of the delivery was parsed"));

        IngestReport again = ingest(spark, lake, IngestSettings.DEFAULTS);
        assertEquals(Status.UNCHANGED, only(again, TXN, "BANK_M").status());
        assertEquals(Status.UNCHANGED, only(again, TXN, "BANK_T").status());

        Files.write(missing.resolve("p1.csv"), good);
        Files.write(truncated.resolve("p1.csv"), good);
        IngestReport retried = ingest(spark, lake, IngestSettings.DEFAULTS);

        for (String source : List.of("BANK_M", "BANK_T")) {
            DeliveryOutcome o = only(retried, TXN, source);
            assertEquals(Status.LOADED, o.status(), source + ": " + o);
            assertEquals(1, o.version(), source);
            assertEquals(2, o.loaded(), source);
        }
        assertEquals(Status.UNCHANGED, only(ingest(spark, lake, IngestSettings.DEFAULTS), TXN, "BANK_M").status());
    }

    @Test
    void aSourceCodeStaysTheKindOfPartnerItIsBoundTo(SparkSession spark) throws IOException {
        Lake lake = lake();
        deliver(lake, TXN, "BANK_A", "p.csv", csv(HEADER, OK), "\"p.csv\"", 1);
        assertEquals(Status.LOADED, only(ingest(spark, lake, IngestSettings.DEFAULTS), TXN, "BANK_A").status());
        assertEquals(Map.of("BANK_A", SourceKind.BANK), PartnerRegistry.kinds(spark, lake));

        byte[] subs = csv(SUB_HEADER, SUB_ROW);
        deliver(lake, Subscribers.NAME, "BANK_A", "p.csv", subs, "\"p.csv\"", 1);
        deliver(lake, Subscribers.NAME, "NEWCO", "p.csv", subs, "\"p.csv\"", 1);
        deliver(lake, TXN, "NEWCO", "p.csv", csv(HEADER, OK), "\"p.csv\"", 1);
        deliver(lake, Subscribers.NAME, "CARRIER_X", "p.csv", subs, "\"p.csv\"", 1);
        deliver(lake, Subscribers.NAME, "CARRIER_Y", "p.csv", subs, "\"p.csv\"", 1);
        IngestSettings closed = IngestSettings.DEFAULTS.withPartners(Map.of("CARRIER_X", SourceKind.CARRIER), true);

        IngestReport r = ingest(spark, lake, closed);

        DeliveryOutcome hijack = only(r, Subscribers.NAME, "BANK_A");
        assertEquals("PARTNER_MISMATCH", hijack.reasonCode());
        assertTrue(hijack.reason().contains("source BANK_A is a bank partner") && hijack.reason()
                .contains("_manifest.json"), hijack.reason());
        assertEquals("UNKNOWN_PARTNER", only(r, Subscribers.NAME, "NEWCO").reasonCode());
        assertEquals("UNKNOWN_PARTNER", only(r, Subscribers.NAME, "CARRIER_Y").reasonCode());
        assertEquals(Status.LOADED, only(r, Subscribers.NAME, "CARRIER_X").status());
        List<Row> ledger = DeltaIO.read(spark, lake.deliveries())
                .filter(col(DeliveryLedger.REASON_CODE).equalTo("PARTNER_MISMATCH")).collectAsList();
        assertEquals(1, ledger.size());
        assertEquals(1, DeltaIO.read(spark, lake.quarantineDeliveries())
                .filter(col(Quarantine.REASON_CODE).equalTo("PARTNER_MISMATCH")).count());

        Files.writeString(folder(lake, Subscribers.NAME, "NEWCO").resolve("note.txt"), "retry");
        Files.writeString(folder(lake, TXN, "NEWCO").resolve("note.txt"), "retry");
        IngestReport open = ingest(spark, lake, IngestSettings.DEFAULTS);
        assertEquals("PARTNER_MISMATCH", only(open, Subscribers.NAME, "NEWCO").reasonCode());
        assertTrue(only(open, TXN, "NEWCO").reason().contains("delivers feeds of 2 kinds at once"),
                only(open, TXN, "NEWCO").reason());
        assertEquals(Status.LOADED, only(open, Subscribers.NAME, "CARRIER_Y").status(), "an open registry learns");
        assertEquals(Map.of("BANK_A", SourceKind.BANK, "CARRIER_X", SourceKind.CARRIER, "CARRIER_Y",
                SourceKind.CARRIER), PartnerRegistry.kinds(spark, lake));
        assertEquals(List.of(PartnerBindings.LEARNED, PartnerBindings.CONFIG, PartnerBindings.LEARNED),
                DeltaIO.read(spark, lake.ops(PartnerBindings.TABLE)).orderBy(PartnerBindings.CODE)
                        .collectAsList().stream().map(row -> row.<String>getAs(PartnerBindings.ORIGIN)).toList());
    }

    @Test
    void aLakeWithoutRegistryBindsEachCodeToItsEarliestLoadedKind(SparkSession spark) throws IOException {
        Lake lake = lake();
        deliver(lake, TXN, "BANK_A", "p.csv", csv(HEADER, OK), "\"p.csv\"", 1);
        ingest(spark, lake, IngestSettings.DEFAULTS);
        org.apache.hadoop.fs.FileUtil.fullyDelete(new java.io.File(lake.ops(PartnerBindings.TABLE)));

        assertEquals(Map.of("BANK_A", SourceKind.BANK), PartnerRegistry.kinds(spark, lake));
    }

    @Test
    void longFieldsAndRecordsAreQuarantinedAndAnUnclosedQuoteStaysBounded(SparkSession spark) throws IOException {
        Lake lake = lake();
        IngestSettings small = IngestSettings.DEFAULTS.withLimits(40, 80, 1L << 20, 1L << 20, 200, 4096);
        String longField = "T2,A" + "9".repeat(60) + ",OUT,5,2026-11-27T01:00:00Z,ATM";
        String unclosed = "T3,\"A1,OUT,5,2026-11-27T01:00:00Z,ATM";
        String after = "T4,A1,OUT,5,2026-11-27T01:00:00Z,ATM";
        String next = "T5,A1,OUT,5,2026-11-27T01:00:00Z,ATM,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,";
        deliver(lake, TXN, "BANK_L", "p.csv", csv(HEADER, OK, longField, unclosed, after, next, OK.replace("T1", "T6")),
                "\"p.csv\"", 5);

        DeliveryOutcome o = only(ingest(spark, lake, small), TXN, "BANK_L");

        assertEquals(Status.LOADED, o.status(), o.toString());
        assertEquals(2, o.loaded());
        List<Row> bad = DeltaIO.read(spark, lake.quarantineRows()).orderBy(Quarantine.LINE).collectAsList();
        assertEquals(List.of("TOO_LONG", "TOO_LONG", "TOO_LONG"),
                bad.stream().map(r -> r.<String>getAs(Quarantine.REASON_CODE)).toList());
        assertEquals(List.of(3L, 4L, 6L), bad.stream().map(r -> r.<Long>getAs(Quarantine.LINE)).toList());
        assertTrue(bad.get(0).<String>getAs(Quarantine.REASON).contains("longer than 40 characters"));
        assertTrue(bad.get(1).<String>getAs(Quarantine.RAW).length() <= 80, bad.get(1).toString());
    }

    @Test
    void aGzipBombAndAnOversizedFileAreRejectedAndChecksumsComeBeforeParsing(SparkSession spark)
            throws IOException {
        Lake lake = lake();
        byte[] bomb = gzip(("txn_id\n" + "0".repeat(24 << 20)).getBytes(StandardCharsets.UTF_8));
        deliver(lake, TXN, "BANK_BOMB", "p.csv.gz", bomb, "\"p.csv.gz\"", 1);
        Path wrongSum = deliver(lake, TXN, "BANK_SUM", "p.csv.gz", bomb, "\"p.csv.gz\"", 1);
        Files.writeString(wrongSum.resolve("_manifest.json"), Files.readString(wrongSum.resolve("_manifest.json"))
                .replace(sha(bomb), sha(new byte[1])));
        deliver(lake, TXN, "BANK_OK", "p.csv", csv(HEADER, OK), "\"p.csv\"", 1);
        Lake other = new Lake(dir.resolve("other").toString());
        String[] rows = new String[10];
        java.util.Arrays.fill(rows, OK);
        byte[] big = csv(HEADER, rows);
        deliver(other, TXN, "BANK_BIG", "p.csv", big, "\"p.csv\"", rows.length);
        deliver(other, TXN, "BANK_BIGGZ", "p.csv.gz", gzip(big), "\"p.csv.gz\"", rows.length);
        deliver(other, TXN, "BANK_OK", "p.csv", csv(HEADER, OK), "\"p.csv\"", 1);
        IngestSettings limits = IngestSettings.DEFAULTS.withLimits(1024, 4096, 200, 1L << 40, 200, 4096);

        IngestReport r = ingest(spark, lake, IngestSettings.DEFAULTS);
        IngestReport small = ingest(spark, other, limits);

        DeliveryOutcome b = only(r, TXN, "BANK_BOMB");
        assertEquals("TOO_LARGE", b.reasonCode(), b.toString());
        assertTrue(b.reason().contains("p.csv.gz") && b.reason().contains("gzip bomb"), b.reason());
        assertEquals("CHECKSUM_MISMATCH", only(r, TXN, "BANK_SUM").reasonCode(), "checked before any parse");
        assertEquals(Status.LOADED, only(r, TXN, "BANK_OK").status());
        assertEquals("TOO_LARGE", only(small, TXN, "BANK_BIG").reasonCode());
        assertTrue(only(small, TXN, "BANK_BIG").reason().contains("ingest.max-file-bytes"));
        assertEquals("TOO_LARGE", only(small, TXN, "BANK_BIGGZ").reasonCode(), "decompressed over the limit");
        assertEquals(Status.LOADED, only(small, TXN, "BANK_OK").status());
    }
}

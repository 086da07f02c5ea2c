package org.fraudlake.pipelines.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.DeliveryOutcome.Status;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.landing.DeliveryWriter;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestExtension.class)
class IngestJobTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final String TXN = BankTransactions.NAME;
    private static final String HEADER = "txn_id,account_no,direction,amount,txn_time,channel";

    @TempDir
    Path dir;

    private Lake lake() {
        return new Lake(dir.resolve("lake").toString());
    }

    private IngestReport ingest(SparkSession spark, Lake lake) throws IOException {
        return new IngestJob(lake, line -> { }).run(spark, D);
    }

    private static DeliveryOutcome only(IngestReport r, String source) {
        return r.deliveries().stream().filter(o -> o.source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void everyRowIsLoadedOrQuarantinedWithFileLineAndReason(SparkSession spark) throws IOException {
        Lake lake = lake();
        Landing.deliver(lake, TXN, "BANK_A", D, "part-0001.csv.gz", HEADER,
                "T1,6222001,OUT,500,2026-11-27T21:04:05+08:00,MOBILE",
                "T2,6222001,in,12.5,2026-11-27T13:04:05.250Z, online ",
                "T3,6222001,OUT,-3,2026-11-27T13:04:05Z,ATM",
                "T4,6222001,OUT,0,2026-11-27T13:04:05Z,ATM",
                "T5,6222001,SIDEWAYS,10,2026-11-27T13:04:05Z,ATM",
                "T6,6222001,OUT,10,2026-11-27 13:04:05,ATM",
                "T7,,OUT,10,2026-11-27T13:04:05Z,ATM",
                "T8,6222001,OUT,12.345,2026-11-27T13:04:05Z,ATM",
                "T9,Zhang \"Boss,OUT,10,2026-11-27T13:04:05Z,ATM",
                "T10,6222001,OUT,10,2026-11-27T13:04:05Z",
                "\"T11\",\"6222,001\",OUT,10.00,2026-11-27T13:04:05+0800,POS").commit();

        DeliveryOutcome o = only(ingest(spark, lake), "BANK_A");

        assertEquals(Status.LOADED, o.status());
        assertEquals(11, o.rowsInFiles());
        assertEquals(3, o.loaded());
        assertEquals(8, o.quarantined());
        Map<Long, String> reasons = DeltaIO.read(spark, lake.quarantineRows()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Long>getAs(Quarantine.LINE), r -> r.getAs(Quarantine.REASON_CODE)));
        assertEquals(Map.of(4L, "NOT_POSITIVE", 5L, "NOT_POSITIVE", 6L, "BAD_ENUM", 7L, "BAD_TIME",
                8L, "MISSING_VALUE", 9L, "BAD_VALUE", 10L, "MALFORMED_CSV", 11L, "FIELD_COUNT"), reasons);
        Row t9 = DeltaIO.read(spark, lake.quarantineRows()).filter(col(Quarantine.LINE).equalTo(10)).first();
        assertEquals("T9,Zhang \"Boss,OUT,10,2026-11-27T13:04:05Z,ATM", t9.getAs(Quarantine.RAW));
        assertTrue(t9.<String>getAs(Quarantine.REASON).startsWith("part-0001.csv.gz line 10"));
        Dataset<Row> withoutValues = DeltaIO.read(spark, lake.quarantineRowReasons());
        assertEquals(List.of(Quarantine.ROW_REASONS.fieldNames()), List.of(withoutValues.columns()),
                "analysts' side of the quarantine: where and why, no raw text, no quoted value");
        assertEquals(reasons, withoutValues.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Long>getAs(Quarantine.LINE), r -> r.getAs(Quarantine.REASON_CODE))));
        Row t11 = DeltaIO.read(spark, lake.bronze(TXN)).filter(col(BankTransactions.TXN_ID).equalTo("T11")).first();
        assertEquals("6222,001", t11.getAs(BankTransactions.ACCOUNT_NO));
        assertEquals(new BigDecimal("10.00"), t11.getAs(BankTransactions.AMOUNT));
        assertEquals("POS", t11.getAs(BankTransactions.CHANNEL));
        Row t2 = DeltaIO.read(spark, lake.bronze(TXN)).filter(col(BankTransactions.TXN_ID).equalTo("T2")).first();
        assertEquals("IN", t2.getAs(BankTransactions.DIRECTION));
        assertEquals("ONLINE", t2.getAs(BankTransactions.CHANNEL));
        assertEquals(3L, t2.<Long>getAs(Bronze.LINE));
    }

    @Test
    void columnsInAnyOrderAnyCaseOptionalAbsentAndExtrasKept(SparkSession spark) throws IOException {
        Lake lake = lake();
        Landing.deliver(lake, TXN, "BANK_B", D, "part-0001.csv", "Channel,TXN_TIME,Amount,Direction,Account_No,"
                        + "Txn_Id,branch_note",
                "pos,2026-11-27T08:00:00+08:00,99.90,OUT,A1,X1,\"line one\nline two\"").commit();

        IngestReport r = ingest(spark, lake);

        assertEquals(Status.LOADED, only(r, "BANK_B").status());
        Row row = DeltaIO.read(spark, lake.bronze(TXN)).first();
        assertEquals("X1", row.getAs(BankTransactions.TXN_ID));
        assertNull(row.getAs(BankTransactions.CURRENCY));
        assertEquals("line one\nline two", row.<scala.collection.Map<String, String>>getAs(Bronze.EXTRA)
                .get("branch_note").get());
        assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2026-11-27T00:00:00Z")),
                row.getAs(BankTransactions.TXN_TIME));
    }

    @Test
    void brokenDeliveriesAreRejectedWholeAndRecorded(SparkSession spark) throws IOException {
        Lake lake = lake();
        String ok = "T1,A1,OUT,5,2026-11-27T01:00:00Z,ATM";
        DeliveryWriter checksum = Landing.deliver(lake, TXN, "BANK_A", D, "p1.csv", HEADER, ok);
        checksum.commit();
        Landing.overwrite(checksum, "p1.csv", HEADER + "\nT1,A1,OUT,6,2026-11-27T01:00:00Z,ATM\n");
        DeliveryWriter count = Landing.deliver(lake, TXN, "BANK_B", D, "p1.csv", HEADER, ok);
        Manifest.FileEntry e = count.entries().get(0);
        count.commit(new Manifest(TXN, "BANK_B", D.toString(), 1,
                List.of(new Manifest.FileEntry(e.name(), 2L, e.sha256()))));
        DeliveryWriter missing = Landing.deliver(lake, TXN, "BANK_C", D, "p1.csv", HEADER, ok);
        missing.commit(new Manifest(TXN, "BANK_C", D.toString(), 1,
                List.of(missing.entries().get(0), new Manifest.FileEntry("p2.csv", 1L, "00"))));
        DeliveryWriter mismatch = Landing.deliver(lake, TXN, "BANK_D", D, "p1.csv", HEADER, ok);
        mismatch.commit(new Manifest(TXN, "BANK_D", D.minusDays(1).toString(), 1, mismatch.entries()));
        Landing.deliver(lake, TXN, "BANK_E", D, "p1.csv", "txn_id,account_no,direction,amount,txn_time",
                "T1,A1,OUT,5,2026-11-27T01:00:00Z").commit();
        Landing.deliver(lake, TXN, "BANK_F", D, "p1.csv", HEADER, ok);

        IngestReport r = ingest(spark, lake);

        assertEquals("CHECKSUM_MISMATCH", only(r, "BANK_A").reasonCode());
        assertEquals("ROW_COUNT_MISMATCH", only(r, "BANK_B").reasonCode());
        assertEquals("MISSING_FILE", only(r, "BANK_C").reasonCode());
        assertEquals("MANIFEST_MISMATCH", only(r, "BANK_D").reasonCode());
        assertEquals("MISSING_REQUIRED_COLUMN", only(r, "BANK_E").reasonCode());
        assertTrue(only(r, "BANK_E").reason().contains("channel"));
        assertEquals(Status.WAITING, only(r, "BANK_F").status());
        assertEquals(5, r.count(Status.REJECTED));
        assertTrue(!DeltaIO.exists(spark, lake.bronze(TXN)) || DeltaIO.read(spark, lake.bronze(TXN)).isEmpty());
        assertEquals(5, DeltaIO.read(spark, lake.quarantineDeliveries()).count());

        IngestReport again = ingest(spark, lake);
        assertEquals(5, again.count(Status.UNCHANGED));
        assertEquals(5, DeltaIO.read(spark, lake.quarantineDeliveries()).count());
    }

    @Test
    void identicalRedeliveryChangesNothingAndRestatementReplacesKeepingHistory(SparkSession spark) throws IOException {
        Lake lake = lake();
        Landing.deliver(lake, Subscribers.NAME, "CARRIER_X", D, "p.csv", "phone,holder_id,activated_at,status,updated_at",
                "13800000001,ID1,2026-01-01,ACTIVE,2026-11-27T01:00:00Z",
                "13800000002,ID2,2026-01-01,ACTIVE,2026-11-27T01:00:00Z").commit();
        DeliveryOutcome first = only(ingest(spark, lake), "CARRIER_X");
        long v1 = DeltaIO.version(spark, lake.bronze(Subscribers.NAME));

        Landing.deliver(lake, Subscribers.NAME, "CARRIER_X", D, "p.csv", "phone,holder_id,activated_at,status,updated_at",
                "13800000001,ID1,2026-01-01,ACTIVE,2026-11-27T01:00:00Z",
                "13800000002,ID2,2026-01-01,ACTIVE,2026-11-27T01:00:00Z").commit();
        assertEquals(Status.UNCHANGED, only(ingest(spark, lake), "CARRIER_X").status());
        assertEquals(v1, DeltaIO.version(spark, lake.bronze(Subscribers.NAME)));

        Landing.deliver(lake, Subscribers.NAME, "CARRIER_X", D, "p.csv", "phone,holder_id,activated_at,status,updated_at",
                "13800000001,ID1,2026-01-01,SUSPENDED,2026-11-27T02:00:00Z").commit();
        DeliveryOutcome restated = only(ingest(spark, lake), "CARRIER_X");

        assertEquals(1, first.version());
        assertEquals(2, restated.version());
        Dataset<Row> now = DeltaIO.read(spark, lake.bronze(Subscribers.NAME));
        assertEquals(1, now.count());
        assertEquals("SUSPENDED", now.first().getAs(Subscribers.STATUS));
        Dataset<Row> before = spark.read().format("delta").option("versionAsOf", first.bronzeVersion())
                .load(lake.bronze(Subscribers.NAME));
        assertEquals(2, before.count());
    }

    @Test
    void parquetDeliveriesAreValidatedLikeCsv(SparkSession spark) throws Exception {
        Lake lake = lake();
        Path staging = dir.resolve("staging");
        spark.createDataFrame(List.of(
                        org.apache.spark.sql.RowFactory.create("P1", "A9", "OUT", "20.5", "2026-11-27T09:00:00Z", "ATM"),
                        org.apache.spark.sql.RowFactory.create("P2", "A9", "OUT", "-1", "2026-11-27T09:00:00Z", "ATM")),
                        org.apache.spark.sql.types.StructType.fromDDL("txn_id STRING, account_no STRING, "
                                + "direction STRING, amount STRING, txn_time STRING, channel STRING"))
                .coalesce(1).write().parquet(staging.toString());
        Path part = java.nio.file.Files.list(staging).filter(p -> p.toString().endsWith(".parquet")).findFirst()
                .orElseThrow();
        Path folder = Path.of(lake.delivery(TXN, "BANK_P", D));
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.copy(part, folder.resolve("part-0001.parquet"));
        byte[] bytes = java.nio.file.Files.readAllBytes(folder.resolve("part-0001.parquet"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        java.nio.file.Files.write(folder.resolve(Manifest.FILE_NAME), new Manifest(TXN, "BANK_P", D.toString(), 1,
                List.of(new Manifest.FileEntry("part-0001.parquet", 2L, sha))).toJson());

        DeliveryOutcome o = only(ingest(spark, lake), "BANK_P");

        assertEquals(Status.LOADED, o.status());
        assertEquals(1, o.loaded());
        assertEquals(1, o.quarantined());
        Row bad = DeltaIO.read(spark, lake.quarantineRows()).first();
        assertEquals(2L, bad.<Long>getAs(Quarantine.LINE));
        assertEquals("NOT_POSITIVE", bad.getAs(Quarantine.REASON_CODE));
    }

    @Test
    void unreadableManifestsDuplicateColumnsAndEmptyFilesAreRejected(SparkSession spark) throws IOException {
        Lake lake = lake();
        String ok = "T1,A1,OUT,5,2026-11-27T01:00:00Z,ATM";
        Landing.deliver(lake, TXN, "BANK_A", D, "p1.csv", HEADER, ok);
        Landing.overwrite(Landing.deliver(lake, TXN, "BANK_A", D, "p1.csv", HEADER, ok), "_manifest.json", "{not json");
        Landing.deliver(lake, TXN, "BANK_B", D, "p1.csv", HEADER + ",AMOUNT", ok + ",6").commit();
        DeliveryWriter empty = Landing.deliver(lake, TXN, "BANK_C", D, "p1.csv", HEADER);
        Landing.overwrite(empty, "p1.csv", "");
        empty.commit(new Manifest(TXN, "BANK_C", D.toString(), 1, List.of(new Manifest.FileEntry("p1.csv", 0L,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))));
        Landing.deliver(lake, TXN, "BANK_D", D, "p1.csv", HEADER).commit();

        IngestReport r = ingest(spark, lake);

        assertEquals("BAD_MANIFEST", only(r, "BANK_A").reasonCode());
        assertEquals("DUPLICATE_COLUMN", only(r, "BANK_B").reasonCode());
        assertEquals("MISSING_HEADER", only(r, "BANK_C").reasonCode());
        DeliveryOutcome headerOnly = only(r, "BANK_D");
        assertEquals(Status.LOADED, headerOnly.status());
        assertEquals(0, headerOnly.rowsInFiles());
    }

    @Test
    void aCorruptGzipFileRejectsItsDeliveryAndNotTheRun(SparkSession spark) throws IOException {
        Lake lake = lake();
        String[] rows = new String[400];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = "T" + i + ",A1,OUT," + (5 + i) + ",2026-11-27T01:00:00Z,ATM";
        }
        Landing.deliver(lake, TXN, "BANK_E", D, "p1.csv.gz", HEADER, rows).commit();
        java.nio.file.Path gz = java.nio.file.Path.of(lake.delivery(TXN, "BANK_E", D), "p1.csv.gz");
        byte[] bytes = java.nio.file.Files.readAllBytes(gz);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        java.nio.file.Files.write(gz, cut);
        java.nio.file.Files.write(gz.resolveSibling(Manifest.FILE_NAME), new Manifest(TXN, "BANK_E", D.toString(), 1,
                List.of(new Manifest.FileEntry("p1.csv.gz", 400L, java.util.HexFormat.of().formatHex(sha256(cut)))))
                .toJson());
        Landing.deliver(lake, TXN, "BANK_F", D, "p1.csv", HEADER, "T1,A1,OUT,5,2026-11-27T01:00:00Z,ATM").commit();

        IngestReport r = ingest(spark, lake);

        DeliveryOutcome broken = only(r, "BANK_E");
        assertEquals("UNREADABLE_FILE", broken.reasonCode());
        assertTrue(broken.reason().contains("p1.csv.gz"), broken.reason());
        assertEquals(Status.LOADED, only(r, "BANK_F").status());
    }

    @Test
    void aManifestListingAFileTwiceIsRejected(SparkSession spark) throws IOException {
        Lake lake = lake();
        DeliveryWriter w = Landing.deliver(lake, TXN, "BANK_G", D, "p1.csv", HEADER,
                "T1,A1,OUT,5,2026-11-27T01:00:00Z,ATM");
        java.nio.file.Path file = java.nio.file.Path.of(lake.delivery(TXN, "BANK_G", D), "p1.csv");
        String sha = java.util.HexFormat.of().formatHex(sha256(java.nio.file.Files.readAllBytes(file)));
        Manifest.FileEntry entry = new Manifest.FileEntry("p1.csv", 1L, sha);
        w.commit(new Manifest(TXN, "BANK_G", D.toString(), 1, List.of(entry, entry)));

        DeliveryOutcome twice = only(ingest(spark, lake), "BANK_G");

        assertEquals("BAD_MANIFEST", twice.reasonCode());
        assertTrue(twice.reason().contains("lists p1.csv twice"), twice.reason());
        assertEquals(0, twice.loaded());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox of a tiny Delta lake: two banks with the same account number, a bank known only by its deliveries,
 * two carriers, a foreign number, a victim; published, verified, published again byte for byte.
 */
@ExtendWith(SparkTestExtension.class)
class OutboxWriterTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final String BANK_HEADER = "warning_id,business_date,account_no,warning_type,recommended_action,"
            + "score,models,reasons,valid_until\r\n";
    private static final String CARRIER_HEADER = BANK_HEADER.replace("account_no", "phone");
    private static final List<String> PARTNERS = List.of("BANK_A", "BANK_B", "BANK_C", "CARRIER_X", "CARRIER_Y");
    @TempDir
    static Path dir;
    private static Lake lake;
    private static SigningKey key;

    @BeforeAll
    static void lake(SparkSession spark) throws IOException {
        lake = new Lake(dir.resolve("lake").toString());
        key = SigningKeys.init(dir.resolve("keys/signing.key"), lake);
        Date seen = Date.valueOf(D.minusDays(10));
        write(spark, lake.silver(Silver.ACCOUNTS), RandomDecisions.ACCOUNTS,
                RowFactory.create("acc_a1", "BANK_A", "id_1", seen), RowFactory.create("acc_a2", "BANK_A", "id_2", seen),
                RowFactory.create("acc_b1", "BANK_B", "id_3", seen));
        write(spark, lake.silver(Silver.SUBSCRIBERS), RandomDecisions.SUBSCRIBERS,
                RowFactory.create("ph_x1", "CARRIER_X", "id_1", seen), RowFactory.create("ph_y1", "CARRIER_Y", "id_4", seen));
        write(spark, lake.deliveries(), RandomDecisions.LEDGER, RowFactory.create("bank_transactions", "BANK_C", seen,
                "d1", "f", "LOADED", 1, 1, 0L, 0L, 0L, 1L, null, null, new java.sql.Timestamp(0)));
        write(spark, lake.vaultIdentities(), RandomDecisions.VAULT,
                RowFactory.create("acc_a1", "ACCOUNT", "BANK_A:62220001", "BANK_A", seen),
                RowFactory.create("acc_a1", "ACCOUNT", "BANK_A:62220001", "PSB_110", seen),
                RowFactory.create("acc_a2", "ACCOUNT", "BANK_A:62220002", "BANK_A", seen),
                RowFactory.create("acc_b1", "ACCOUNT", "BANK_B:62220001", "BANK_B", seen),
                RowFactory.create("ph_x1", "PHONE", "13800000001", "CARRIER_X", seen),
                RowFactory.create("ph_y1", "PHONE", "13900000002", "CARRIER_Y", seen),
                RowFactory.create("ph_f1", "PHONE", "+447700900123", "CARRIER_Y", seen));
        write(spark, lake.published(Published.INTERCEPT_LIST), RandomDecisions.PUBLISHED,
                warning("w_a1", "BANK_A", "ACCOUNT", "acc_a1", "MONEY_MULE", "FREEZE", 0.91234,
                        List.of("money_mule", "fund_trace"),
                        List.of("received 5,000.00 from a victim", "moved it on in 8 min"), true, D),
                warning("w_b1", "BANK_B", "ACCOUNT", "acc_b1", "FRAUD_ACCOUNT", "MONITOR", 0.5, List.of("fraud_account"),
                        List.of(), true, D),
                warning("w_a2_old", "BANK_A", "ACCOUNT", "acc_a2", "MONEY_MULE", "MONITOR", 0.6, List.of("money_mule"),
                        List.of(), false, D),
                warning("w_x1", "CARRIER_X", "PHONE", "ph_x1", "FRAUD_PHONE", "BLOCK", 0.99, List.of("fraud_phone"),
                        List.of("called 40 strangers"), true, D),
                warning("w_f1", null, "PHONE", "ph_f1", "FRAUD_PHONE", "BLOCK", 0.8, List.of("fraud_phone"),
                        List.of("spoofed foreign number"), true, D),
                warning("w_y1_before", "CARRIER_Y", "PHONE", "ph_y1", "FRAUD_PHONE", "BLOCK", 0.8,
                        List.of("fraud_phone"), List.of(), true, D.minusDays(1)));
        Object[] victim = values("w_a2v", "BANK_A", "ACCOUNT", "acc_a2", "VICTIM_AT_RISK", "CONTACT_VICTIM", 0.7,
                List.of("victim_risk"), List.of("a \"customer service\" caller"), true, D);
        write(spark, lake.published(Published.VICTIM_WARNINGS), RandomDecisions.VICTIMS,
                RowFactory.create(append(victim, "id_2")));
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }

    private static Row warning(String id, String partner, String type, String entity, String warningType,
                               String action, double score, List<String> models, List<String> reasons, boolean sent,
                               LocalDate day) {
        return RowFactory.create(values(id, partner, type, entity, warningType, action, score, models, reasons, sent,
                day));
    }

    private static Object[] values(String id, String partner, String type, String entity, String warningType,
                                   String action, double score, List<String> models, List<String> reasons,
                                   boolean sent, LocalDate day) {
        return new Object[]{id, partner, type, entity, warningType, action, score, models, reasons,
                Date.valueOf(day), Date.valueOf(day.plusDays(7)), sent ? "NEW" : "ACTIVE", sent, Date.valueOf(day)};
    }

    private static void write(SparkSession spark, String path, StructType schema, Row... rows) {
        DeltaIO.overwrite(spark.createDataFrame(List.of(rows), schema), path);
    }

    private static Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path root = Path.of(lake.outbox());
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static String csv(String partner, LocalDate date) throws IOException {
        return Files.readString(Path.of(lake.outbox(partner, date)).resolve(WarningsCsv.FILE_NAME));
    }

    @Test
    void everyPartnerGetsItsOwnSignedFolderAndNothingElse(SparkSession spark) throws IOException {
        Publication p = new OutboxWriter(lake, key, line -> { }).publish(spark, D);
        assertEquals(PARTNERS, List.copyOf(p.rows().keySet()));
        assertEquals(List.of(), p.withheld());

        assertEquals(BANK_HEADER
                + "w_a1,2026-11-27,62220001,MONEY_MULE,FREEZE,0.9123,money_mule;fund_trace,"
                + "\"received 5,000.00 from a victim; moved it on in 8 min\",2026-12-04\r\n"
                + "w_a2v,2026-11-27,62220002,VICTIM_AT_RISK,CONTACT_VICTIM,0.7000,victim_risk,"
                + "\"a \"\"customer service\"\" caller\",2026-12-04\r\n", csv("BANK_A", D));
        assertEquals(BANK_HEADER + "w_b1,2026-11-27,62220001,FRAUD_ACCOUNT,MONITOR,0.5000,fraud_account,,2026-12-04\r\n",
                csv("BANK_B", D), "the same number at another bank is that bank's, and only in its file");
        assertEquals(BANK_HEADER, csv("BANK_C", D), "known by its deliveries: a header-only file");
        assertEquals(CARRIER_HEADER
                + "w_f1,2026-11-27,+447700900123,FRAUD_PHONE,BLOCK,0.8000,fraud_phone,spoofed foreign number,"
                + "2026-12-04\r\n"
                + "w_x1,2026-11-27,13800000001,FRAUD_PHONE,BLOCK,0.9900,fraud_phone,called 40 strangers,2026-12-04\r\n",
                csv("CARRIER_X", D), "sorted by number");
        assertEquals(CARRIER_HEADER + "w_f1,2026-11-27,+447700900123,FRAUD_PHONE,BLOCK,0.8000,fraud_phone,"
                + "spoofed foreign number,2026-12-04\r\n", csv("CARRIER_Y", D), "yesterday's row is not repeated");

        Path bankA = Path.of(lake.outbox("BANK_A", D));
        String sha = OutboxManifest.sha256(Files.readAllBytes(bankA.resolve(WarningsCsv.FILE_NAME)));
        assertEquals("{\"feed\":\"warnings\",\"partner\":\"BANK_A\",\"business_date\":\"2026-11-27\",\"files\":"
                + "[{\"name\":\"warnings.csv\",\"rows\":2,\"sha256\":\"" + sha + "\"}]}\n",
                Files.readString(bankA.resolve(OutboxManifest.FILE_NAME)));
        for (String partner : PARTNERS) {
            Verification v = OutboxVerifier.verify(Path.of(lake.outbox(partner, D)));
            assertTrue(v.ok(), partner + ": " + v.problems());
        }
        List<String> expected = new ArrayList<>(List.of("signing-key.pub"));
        for (String partner : PARTNERS) {
            for (String f : List.of("_manifest.json", "_manifest.json.sig", "warnings.csv")) {
                expected.add(partner + "/" + D + "/" + f);
            }
        }
        List<String> present = new ArrayList<>(snapshot().keySet());
        present.removeIf(f -> !f.startsWith("signing-key") && !f.contains("/" + D + "/"));
        assertEquals(expected.stream().sorted().toList(), present, "no staging, checksum or stray files");
    }

    @Test
    void publishingTheSameDateAgainIsByteIdentical(SparkSession spark) throws IOException {
        OutboxWriter writer = new OutboxWriter(lake, key, line -> { });
        writer.publish(spark, D);
        Map<String, byte[]> first = snapshot();

        Publication again = writer.publish(spark, D);
        assertEquals(List.of(), again.rewritten(), "identical folders are left alone");
        assertSame(first, snapshot());

        for (String partner : PARTNERS) {
            Path csv = Path.of(lake.outbox(partner, D)).resolve(WarningsCsv.FILE_NAME);
            Files.writeString(csv, "stale", StandardCharsets.UTF_8);
        }
        Files.writeString(Path.of(lake.outbox("BANK_A", D)).resolve("leftover.tmp"), "x");
        Path crashed = Path.of(lake.outbox()).resolve(".staging-" + D + "-crashed/BANK_A");
        Files.createDirectories(crashed);
        Files.writeString(crashed.resolve(WarningsCsv.FILE_NAME), "half");
        Publication rewritten = new OutboxWriter(lake, SigningKeys.load(dir.resolve("keys/signing.key")),
                line -> { }).publish(spark, D);
        assertEquals(PARTNERS, rewritten.rewritten(), "each replaced whole");
        assertSame(first, snapshot());
        assertTrue(Files.notExists(crashed.getParent()), "an interrupted run's staging folder is cleaned up");
    }

    @Test
    void anEmptyDayGivesEveryPartnerAHeaderOnlyFile(SparkSession spark) throws IOException {
        LocalDate quiet = D.plusDays(1);
        Publication p = new OutboxWriter(lake, key, line -> { }).publish(spark, quiet);
        assertEquals(0, p.totalRows());
        for (String partner : PARTNERS) {
            assertEquals(partner.startsWith("BANK") ? BANK_HEADER : CARRIER_HEADER, csv(partner, quiet), partner);
            Verification v = OutboxVerifier.verify(Path.of(lake.outbox(partner, quiet)));
            assertTrue(v.ok(), partner + ": " + v.problems());
            assertEquals(0, v.rows());
        }
    }

    @Test
    void aPartnerWhoseFolderFailsIsReportedAndTheOthersArePublished(SparkSession spark) throws IOException {
        LocalDate day = D.plusDays(2);
        Path bankB = Path.of(lake.outbox()).resolve("BANK_B");
        Path aside = dir.resolve("bank_b-aside");
        boolean moved = Files.exists(bankB);
        if (moved) {
            Files.move(bankB, aside);
        }
        Files.writeString(bankB, "a file where BANK_B's folders go");
        try {
            Publication p = new OutboxWriter(lake, key, line -> { }).publish(spark, day);

            assertEquals(List.of("partner BANK_B"), p.failures().stream()
                    .map(org.fraudlake.core.failure.PartFailure::part).toList());
            assertTrue(p.failures().get(0).describe().contains("BANK_B"), p.failures().get(0).describe());
            assertEquals(List.of("BANK_A", "BANK_C", "CARRIER_X", "CARRIER_Y"), List.copyOf(p.folders().keySet()));
            for (String partner : p.folders().keySet()) {
                Verification v = OutboxVerifier.verify(Path.of(lake.outbox(partner, day)));
                assertTrue(v.ok(), partner + ": " + v.problems());
            }
        } finally {
            Files.delete(bankB);
            if (moved) {
                Files.move(aside, bankB);
            }
        }
    }

    @Test
    void refusesToSignWhenTheLakesPublicKeyIsAnother(SparkSession spark) throws IOException {
        SigningKey other = SigningKeys.init(dir.resolve("other/signing.key"), new Lake(dir.resolve("x").toString()));
        Map<String, byte[]> before = snapshot();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OutboxWriter(lake, other, line -> { }).publish(spark, D));
        assertTrue(e.getMessage().contains("signing-key.pub is not the public key of"), e.getMessage());
        assertSame(before, snapshot());
    }

    @Test
    void withoutPublishedDecisionsItSaysWhatIsMissing(SparkSession spark) throws IOException {
        Lake empty = new Lake(dir.resolve("empty").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OutboxWriter(empty, key, line -> { }).publish(spark, D));
        assertTrue(e.getMessage().contains(empty.published(Published.INTERCEPT_LIST)), e.getMessage());
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((f, bytes) -> assertArrayEquals(bytes, actual.get(f), f));
    }
}

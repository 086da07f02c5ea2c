package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner's check of a folder: intact passes; every kind of tampering, and a wrong key, fails. */
class OutboxVerifierTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    @TempDir
    Path dir;
    private Lake lake;
    private SigningKey key;
    private Path folder;

    @BeforeEach
    void folder() throws IOException {
        lake = new Lake(dir.resolve("lake").toString());
        key = SigningKeys.init(dir.resolve("keys/signing.key"), lake);
        folder = write("BANK_A", PartnerKind.BANK, List.of(
                new WarningLine("w_01", D.toString(), "6222 0001", "MONEY_MULE", "FREEZE", "0.9132",
                        "money_mule;fund_trace", "received victim money, \"fast\" out; 3 hops\nthen ATM", "2026-12-04"),
                new WarningLine("w_02", D.toString(), "6222 0002", "VICTIM_AT_RISK", "CONTACT_VICTIM", "0.7000",
                        "victim_risk", "冒充客服来电, 新收款人", "2026-11-30")));
    }

    private Path write(String partner, PartnerKind kind, List<WarningLine> rows) throws IOException {
        Path target = Path.of(lake.outbox(partner, D));
        Files.createDirectories(target);
        for (Map.Entry<String, byte[]> f : PartnerFolder.render(partner, kind, D, rows, key).entrySet()) {
            Files.write(target.resolve(f.getKey()), f.getValue());
        }
        return target;
    }

    private static boolean mentions(Verification v, String text) {
        return v.problems().stream().anyMatch(p -> p.contains(text));
    }

    @Test
    void anIntactFolderVerifiesWithTheDefaultKeyTwoLevelsUp() {
        assertEquals(Path.of(lake.signingPublicKey()).toAbsolutePath(), OutboxVerifier.defaultPublicKey(folder));
        Verification v = OutboxVerifier.verify(folder);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(2, v.rows(), "a quoted line break does not make an extra row");
    }

    @Test
    void aHeaderOnlyFolderVerifies() throws IOException {
        Path quiet = write("CARRIER_X", PartnerKind.CARRIER, List.of());
        assertEquals("warning_id,business_date,phone,warning_type,recommended_action,score,models,reasons,"
                + "valid_until\r\n", Files.readString(quiet.resolve(WarningsCsv.FILE_NAME)));
        Verification v = OutboxVerifier.verify(quiet);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(0, v.rows());
    }

    @Test
    void aChangedWarningsFileFails() throws IOException {
        Path csv = folder.resolve(WarningsCsv.FILE_NAME);
        Files.writeString(csv, Files.readString(csv).replace("0.9132", "0.1132"));
        Verification v = OutboxVerifier.verify(folder);
        assertFalse(v.ok());
        assertTrue(mentions(v, "sha256"), v.problems().toString());
    }

    @Test
    void aDroppedRowFailsOnCountAndChecksum() throws IOException {
        Path csv = folder.resolve(WarningsCsv.FILE_NAME);
        String text = Files.readString(csv);
        Files.writeString(csv, text.substring(0, text.indexOf("w_02")));
        Verification v = OutboxVerifier.verify(folder);
        assertTrue(mentions(v, "1 rows, the manifest says 2"), v.problems().toString());
        assertTrue(mentions(v, "sha256"), v.problems().toString());
    }

    @Test
    void aChangedManifestFailsTheSignature() throws IOException {
        Path manifest = folder.resolve(OutboxManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"rows\":2", "\"rows\":3"));
        Verification v = OutboxVerifier.verify(folder);
        assertTrue(mentions(v, "signature invalid"), v.problems().toString());
        assertTrue(mentions(v, "2 rows, the manifest says 3"), v.problems().toString());
    }

    @Test
    void aManifestMadeConsistentWithATamperedFileStillFailsTheSignature() throws IOException {
        Path csv = folder.resolve(WarningsCsv.FILE_NAME);
        String oldSha = OutboxManifest.sha256(Files.readAllBytes(csv));
        Files.writeString(csv, Files.readString(csv).replace("FREEZE", "MONITOR"));
        String newSha = OutboxManifest.sha256(Files.readAllBytes(csv));
        Path manifest = folder.resolve(OutboxManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace(oldSha, newSha));
        Verification v = OutboxVerifier.verify(folder);
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(mentions(v, "signature invalid"), v.problems().toString());
    }

    @Test
    void anotherKeyFails() throws IOException {
        SigningKey other = SigningKeys.init(dir.resolve("other/signing.key"), new Lake(dir.resolve("lake2").toString()));
        Path otherPem = dir.resolve("other.pub");
        Files.write(otherPem, SigningKeys.publicKeyPem(other.publicKey()));
        Verification v = OutboxVerifier.verify(folder, otherPem);
        assertEquals(1, v.problems().size(), v.problems().toString());
        assertTrue(mentions(v, "signature invalid"), v.problems().toString());

        Verification noKey = OutboxVerifier.verify(folder, dir.resolve("missing.pub"));
        assertTrue(mentions(noKey, "missing.pub"), noKey.problems().toString());
    }

    @Test
    void aFolderMovedToAnotherPartnerOrDateFails() throws IOException {
        Path moved = Path.of(lake.outbox("BANK_B", D));
        Files.createDirectories(moved.getParent());
        Files.move(folder, moved);
        Verification v = OutboxVerifier.verify(moved);
        assertTrue(mentions(v, "'partner' is 'BANK_A', expected 'BANK_B'"), v.problems().toString());
    }

    @Test
    void missingUnlistedAndMalformedFilesAreEachReported() throws IOException {
        Files.writeString(folder.resolve("notes.txt"), "hello");
        Files.writeString(folder.resolve(OutboxManifest.SIGNATURE_FILE_NAME), "%%% not base64\n");
        Verification v = OutboxVerifier.verify(folder);
        assertTrue(mentions(v, "notes.txt: not listed in the manifest"), v.problems().toString());
        assertTrue(mentions(v, "not base64"), v.problems().toString());

        Files.delete(folder.resolve(WarningsCsv.FILE_NAME));
        Files.writeString(folder.resolve(OutboxManifest.FILE_NAME), "{\"feed\": \"warnings\", ");
        Verification broken = OutboxVerifier.verify(folder);
        assertTrue(mentions(broken, "not parseable JSON"), broken.problems().toString());
        assertTrue(mentions(broken, "warnings.csv: missing"), broken.problems().toString());

        Files.writeString(folder.resolve(OutboxManifest.FILE_NAME), "{\"feed\":\"warnings\",\"partner\":\"BANK_A\","
                + "\"business_date\":\"2026-11-27\",\"files\":[],\"generated_at\":\"now\"}\n");
        Verification fields = OutboxVerifier.verify(folder);
        assertTrue(mentions(fields, "unexpected field 'generated_at'"), fields.problems().toString());
        assertTrue(mentions(fields, "non-empty array"), fields.problems().toString());

        Files.delete(folder.resolve(OutboxManifest.SIGNATURE_FILE_NAME));
        assertTrue(mentions(OutboxVerifier.verify(folder), "_manifest.json.sig: missing"));
    }

    @Test
    void theSignatureFileIsBase64OfTheRawSignatureWithATrailingNewline() throws IOException {
        String sig = Files.readString(folder.resolve(OutboxManifest.SIGNATURE_FILE_NAME), StandardCharsets.US_ASCII);
        assertTrue(sig.endsWith("\n"));
        assertEquals(64, java.util.Base64.getDecoder().decode(sig.trim()).length);
        Files.writeString(folder.resolve(OutboxManifest.SIGNATURE_FILE_NAME), sig.trim());
        assertTrue(OutboxVerifier.verify(folder).ok(), "the newline is optional");
        assertTrue(SigningKeys.lakePublicKey(lake, new Configuration()) != null);
    }
}

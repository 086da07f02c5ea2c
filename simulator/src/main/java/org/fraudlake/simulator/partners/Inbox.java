package org.fraudlake.simulator.partners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;

/**
 * What a partner bank does with its outbox folder before acting on it, per the contract ("What partners
 * receive"): the folder counts only once {@code _manifest.json} is there; the manifest must name the bank, the date
 * and {@code warnings.csv} with the file's sha256 and record count; when the lake's public key
 * ({@code outbox/signing-key.pub}) is there, {@code _manifest.json.sig} must verify against it. A folder that fails
 * is refused with the reason, never half read.
 */
final class Inbox {
    static final String WARNINGS = "warnings.csv";
    static final String MANIFEST = "_manifest.json";
    static final String SIGNATURE = "_manifest.json.sig";
    static final String ACCOUNT_NO = "account_no";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Lake lake;
    private final PublicKey key;

    private Inbox(FileSystem fs, Lake lake, PublicKey key) {
        this.fs = fs;
        this.lake = lake;
        this.key = key;
    }

    /** An inbox over the lake's outbox, with the lake's public key when it has one. */
    static Inbox open(FileSystem fs, Lake lake) throws IOException {
        Path pem = new Path(lake.signingPublicKey());
        return new Inbox(fs, lake, fs.exists(pem) ? publicKey(pem, read(fs, pem)) : null);
    }

    /** The bank's warnings of the date; empty when the folder is missing or not complete (no manifest yet). */
    List<ReceivedWarning> warnings(String bank, LocalDate date) throws IOException {
        Path folder = new Path(lake.outbox(bank, date));
        Path manifestPath = new Path(folder, MANIFEST);
        if (!fs.exists(manifestPath)) {
            return List.of();
        }
        byte[] manifest = read(fs, manifestPath);
        verifySignature(folder, manifest);
        byte[] csv = read(fs, new Path(folder, WARNINGS));
        List<ReceivedWarning> rows = parse(folder, csv, date);
        checkManifest(folder, manifest, bank, date, csv, rows.size());
        return rows;
    }

    private void verifySignature(Path folder, byte[] manifest) throws IOException {
        if (key == null) {
            return;
        }
        Path sigPath = new Path(folder, SIGNATURE);
        if (!fs.exists(sigPath)) {
            throw refused(folder, SIGNATURE + " is missing");
        }
        String sig = new String(read(fs, sigPath), StandardCharsets.US_ASCII).trim();
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(manifest);
            if (!verifier.verify(Base64.getDecoder().decode(sig))) {
                throw refused(folder, "the signature does not verify against " + lake.signingPublicKey());
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused(folder, "the signature cannot be checked: " + e.getMessage());
        }
    }

    private static void checkManifest(Path folder, byte[] manifest, String bank, LocalDate date, byte[] csv,
                                      long rows) {
        JsonNode m;
        try {
            m = JSON.readTree(manifest);
        } catch (IOException e) {
            throw refused(folder, MANIFEST + " is not JSON: " + e.getMessage());
        }
        if (!bank.equals(m.path("partner").asText()) || !date.toString().equals(m.path("business_date").asText())) {
            throw refused(folder, MANIFEST + " is for " + m.path("partner").asText() + " "
                    + m.path("business_date").asText() + ", not " + bank + " " + date);
        }
        for (JsonNode f : m.path("files")) {
            if (WARNINGS.equals(f.path("name").asText())) {
                String sha = sha256(csv);
                if (!sha.equals(f.path("sha256").asText()) || f.path("rows").asLong(-1) != rows) {
                    throw refused(folder, WARNINGS + " has sha256 " + sha + " and " + rows + " rows; the manifest "
                            + "says " + f.path("sha256").asText() + " and " + f.path("rows").asText());
                }
                return;
            }
        }
        throw refused(folder, MANIFEST + " does not list " + WARNINGS);
    }

    private static List<ReceivedWarning> parse(Path folder, byte[] csv, LocalDate date) throws IOException {
        List<ReceivedWarning> out = new ArrayList<>();
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8);
             CsvReader reader = new CsvReader(r)) {
            CsvRecord header = reader.next();
            if (header == null) {
                throw refused(folder, WARNINGS + " is empty, without even its header");
            }
            List<String> names = header.fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            int id = column(folder, names, "warning_id");
            int account = column(folder, names, ACCOUNT_NO);
            int type = column(folder, names, "warning_type");
            int action = column(folder, names, "recommended_action");
            int score = column(folder, names, "score");
            int models = column(folder, names, "models");
            int validUntil = column(folder, names, "valid_until");
            CsvRecord rec;
            while ((rec = reader.next()) != null) {
                if (rec.malformed() || rec.fields().size() != names.size()) {
                    throw refused(folder, WARNINGS + " line " + rec.line() + " is malformed: "
                            + (rec.error() == null ? rec.fields().size() + " fields" : rec.error()));
                }
                List<String> f = rec.fields();
                out.add(new ReceivedWarning(f.get(id), date, f.get(account), f.get(type), f.get(action), f.get(score),
                        f.get(models), f.get(validUntil)));
            }
        }
        return out;
    }

    private static int column(Path folder, List<String> names, String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw refused(folder, WARNINGS + " has no column " + name + " (header: " + names + ")");
        }
        return i;
    }

    private static PublicKey publicKey(Path pem, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(pem + " is not an Ed25519 public key in X.509 PEM: " + e.getMessage(), e);
        }
    }

    static byte[] read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static IllegalStateException refused(Path folder, String why) {
        return new IllegalStateException("a partner would not act on " + folder + ": " + why
                + "; publish the outbox of that date again");
    }
}

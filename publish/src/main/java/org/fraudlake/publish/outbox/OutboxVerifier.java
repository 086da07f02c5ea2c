package org.fraudlake.publish.outbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;

/**
 * What a partner runs on a folder it fetched, {@code outbox/<partner>/<business_date>/}: the three files are there
 * and nothing else; the manifest is the contract's JSON and names this partner and date; every listed file has
 * the listed sha256 and record count; {@code warnings.csv} is well-formed CSV with the bank or the carrier header;
 * and {@code _manifest.json.sig} is a valid Ed25519 signature of the manifest's exact bytes under the publisher's
 * public key. Every problem is reported, not only the first. Local files only (what a partner has).
 */
public final class OutboxVerifier {
    private static final Set<String> MANIFEST_KEYS = Set.of(OutboxManifest.KEY_FEED, OutboxManifest.KEY_PARTNER,
            OutboxManifest.KEY_BUSINESS_DATE, OutboxManifest.KEY_FILES);
    private static final Set<String> FILE_KEYS = Set.of(OutboxManifest.KEY_NAME, OutboxManifest.KEY_ROWS,
            OutboxManifest.KEY_SHA256);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private OutboxVerifier() {
    }

    /** The public key a folder is checked against by default: {@code signing-key.pub} two levels up (outbox/). */
    public static Path defaultPublicKey(Path partnerDateDir) {
        Path absolute = partnerDateDir.toAbsolutePath().normalize();
        Path outbox = absolute.getParent() == null ? null : absolute.getParent().getParent();
        return (outbox == null ? absolute : outbox).resolve("signing-key.pub");
    }

    /** Checks the folder against the publisher's key at {@link #defaultPublicKey}. */
    public static Verification verify(Path partnerDateDir) {
        return verify(partnerDateDir, defaultPublicKey(partnerDateDir));
    }

    /** Checks the folder against the X.509 PEM public key in {@code publicKeyPem}. */
    public static Verification verify(Path partnerDateDir, Path publicKeyPem) {
        Path dir = partnerDateDir.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": no such folder");
            return new Verification(dir, publicKeyPem, -1, problems);
        }
        PublicKey key = null;
        try {
            key = SigningKeys.readPublicKey(publicKeyPem);
        } catch (IOException e) {
            problems.add("public key " + message(e));
        }
        byte[] manifestBytes = read(dir.resolve(OutboxManifest.FILE_NAME), problems);
        byte[] signature = read(dir.resolve(OutboxManifest.SIGNATURE_FILE_NAME), problems);
        if (manifestBytes != null && signature != null && key != null) {
            checkSignature(dir, key, manifestBytes, signature, problems);
        }
        Set<String> listed = new TreeSet<>();
        long rows = -1;
        if (manifestBytes != null) {
            rows = checkManifest(dir, manifestBytes, listed, problems);
        }
        if (!listed.contains(WarningsCsv.FILE_NAME) && Files.notExists(dir.resolve(WarningsCsv.FILE_NAME))) {
            problems.add(dir.resolve(WarningsCsv.FILE_NAME) + ": missing");
        }
        checkNothingElse(dir, listed, problems);
        return new Verification(dir, publicKeyPem, rows, problems);
    }

    private static void checkSignature(Path dir, PublicKey key, byte[] manifest, byte[] sigFile, List<String> problems) {
        Path sigPath = dir.resolve(OutboxManifest.SIGNATURE_FILE_NAME);
        String text = new String(sigFile, StandardCharsets.US_ASCII);
        text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            problems.add(sigPath + ": not base64: " + e.getMessage());
            return;
        }
        if (raw.length != 64) {
            problems.add(sigPath + ": " + raw.length + " bytes, an Ed25519 signature has 64");
        } else if (!SigningKey.verify(key, manifest, raw)) {
            problems.add(sigPath + ": signature invalid: the manifest was changed or signed with another key (key "
                    + SigningKeys.fingerprint(key) + ")");
        }
    }

    /** Checks the manifest and the files it lists; returns the warnings.csv row count, or -1. */
    private static long checkManifest(Path dir, byte[] bytes, Set<String> listed, List<String> problems) {
        Path path = dir.resolve(OutboxManifest.FILE_NAME);
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            problems.add(path + ": not parseable JSON: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
            return -1;
        }
        if (root == null || !root.isObject()) {
            problems.add(path + ": not a JSON object");
            return -1;
        }
        unexpectedKeys(root, MANIFEST_KEYS, path.toString(), problems);
        expectText(root, OutboxManifest.KEY_FEED, OutboxManifest.FEED, path, problems);
        String partner = dir.getParent() == null ? null : dir.getParent().getFileName().toString();
        expectText(root, OutboxManifest.KEY_PARTNER, partner, path, problems);
        String date = dir.getFileName().toString();
        expectText(root, OutboxManifest.KEY_BUSINESS_DATE, date, path, problems);
        try {
            LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            problems.add(dir + ": folder name '" + date + "' is not a business date YYYY-MM-DD");
        }
        JsonNode files = root.get(OutboxManifest.KEY_FILES);
        if (files == null || !files.isArray() || files.isEmpty()) {
            problems.add(path + ": '" + OutboxManifest.KEY_FILES + "' must be a non-empty array");
            return -1;
        }
        long rows = -1;
        for (JsonNode entry : files) {
            long r = checkEntry(dir, path, entry, listed, problems);
            if (WarningsCsv.FILE_NAME.equals(entry.path(OutboxManifest.KEY_NAME).asText(null))) {
                rows = r;
            }
        }
        if (!listed.contains(WarningsCsv.FILE_NAME)) {
            problems.add(path + ": does not list " + WarningsCsv.FILE_NAME);
        }
        return rows;
    }

    /** Checks one listed file; returns its record count, or -1. */
    private static long checkEntry(Path dir, Path manifest, JsonNode entry, Set<String> listed, List<String> problems) {
        if (!entry.isObject()) {
            problems.add(manifest + ": a files entry is not an object: " + entry);
            return -1;
        }
        unexpectedKeys(entry, FILE_KEYS, manifest + " files entry", problems);
        JsonNode nameNode = entry.get(OutboxManifest.KEY_NAME);
        JsonNode rowsNode = entry.get(OutboxManifest.KEY_ROWS);
        JsonNode shaNode = entry.get(OutboxManifest.KEY_SHA256);
        if (nameNode == null || !nameNode.isTextual() || !nameNode.asText().matches("[A-Za-z0-9_.-]+")
                || nameNode.asText().startsWith(".") || nameNode.asText().startsWith(OutboxManifest.FILE_NAME)) {
            problems.add(manifest + ": files entry has no valid plain file name: " + entry);
            return -1;
        }
        String name = nameNode.asText();
        if (!listed.add(name)) {
            problems.add(manifest + ": lists " + name + " twice");
            return -1;
        }
        boolean rowsOk = rowsNode != null && rowsNode.isIntegralNumber() && rowsNode.asLong() >= 0;
        boolean shaOk = shaNode != null && shaNode.isTextual() && shaNode.asText().matches("[0-9a-f]{64}");
        if (!rowsOk) {
            problems.add(manifest + ": " + name + ": 'rows' must be a non-negative integer, got " + rowsNode);
        }
        if (!shaOk) {
            problems.add(manifest + ": " + name + ": 'sha256' must be 64 lower-case hex digits, got " + shaNode);
        }
        Path file = dir.resolve(name);
        byte[] bytes = read(file, problems);
        if (bytes == null) {
            return -1;
        }
        if (shaOk && !OutboxManifest.sha256(bytes).equals(shaNode.asText())) {
            problems.add(file + ": sha256 " + OutboxManifest.sha256(bytes) + " is not the manifest's "
                    + shaNode.asText());
        }
        long records = name.endsWith(".csv") ? countRecords(file, bytes, problems) : -1;
        if (rowsOk && records >= 0 && records != rowsNode.asLong()) {
            problems.add(file + ": " + records + " rows, the manifest says " + rowsNode.asLong());
        }
        return records;
    }

    /** CSV records after the header; checks UTF-8, the header and each record's shape. */
    private static long countRecords(Path file, byte[] bytes, List<String> problems) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8");
        }
        try (CsvReader reader = new CsvReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            CsvRecord header = reader.next();
            if (header == null) {
                problems.add(file + ": empty, not even a header");
                return 0;
            }
            if (header.malformed() || !(header.fields().equals(PartnerKind.BANK.header())
                    || header.fields().equals(PartnerKind.CARRIER.header()))) {
                problems.add(file + ": header " + header.raw() + " is neither the bank columns "
                        + PartnerKind.BANK.header() + " nor the carrier columns " + PartnerKind.CARRIER.header());
            }
            long records = 0;
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records++;
                if (r.malformed()) {
                    problems.add(file + " line " + r.line() + ": malformed record: " + r.error());
                } else if (r.fields().size() != header.fields().size()) {
                    problems.add(file + " line " + r.line() + ": " + r.fields().size() + " fields, the header has "
                            + header.fields().size());
                }
            }
            return records;
        } catch (IOException e) {
            problems.add(file + ": unreadable: " + e.getMessage());
            return -1;
        }
    }

    private static void checkNothingElse(Path dir, Set<String> listed, List<String> problems) {
        Set<String> allowed = new HashSet<>(listed);
        allowed.add(OutboxManifest.FILE_NAME);
        allowed.add(OutboxManifest.SIGNATURE_FILE_NAME);
        allowed.add(WarningsCsv.FILE_NAME);
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> !allowed.contains(n))
                    .forEach(n -> problems.add(dir.resolve(n) + ": not listed in the manifest"));
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
        }
    }

    private static void unexpectedKeys(JsonNode node, Set<String> expected, String where, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                problems.add(where + ": unexpected field '" + name + "'");
            }
        }
    }

    private static void expectText(JsonNode root, String key, String expected, Path path, List<String> problems) {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual()) {
            problems.add(path + ": '" + key + "' missing or not a string");
        } else if (expected != null && !expected.equals(v.asText())) {
            problems.add(path + ": '" + key + "' is '" + v.asText() + "', expected '" + expected + "'");
        }
    }

    private static byte[] read(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(file + ": unreadable: " + e.getMessage());
            return null;
        }
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}

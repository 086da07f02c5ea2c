package org.fraudlake.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fraudlake.schemas.BadValueException;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Values;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.simulator.delivery.SourceStyles;

/**
 * An independent judge of a landing zone, written from the contract: what ingest must reject, wait for
 * or quarantine. Tests compare its findings with {@code truth/faults.csv} and walk good rows.
 */
final class LandingCheck {
    static final String UNKNOWN_COLUMN = "UNKNOWN_COLUMN";

    /** A delivery or row that ingest may not load as is. */
    record Finding(String feed, String source, String date, String file, Long line, String expect, String reason) {
        String csv() {
            return String.join(",", feed, source, date, file == null ? "" : file, line == null ? "" : line.toString(),
                    expect, reason);
        }
    }

    /** A good row, with its columns resolved. */
    record Row(String feed, String source, String date, String file, long line, FeedSchema schema, List<String> header,
               List<String> fields) {
        String get(String column) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equalsIgnoreCase(column)) {
                    return fields.get(i);
                }
            }
            return "";
        }
    }

    private final Path landing;
    private final List<Finding> findings = new ArrayList<>();
    private int deliveries;

    LandingCheck(Path lake) {
        this.landing = lake.resolve("landing");
    }

    List<Finding> findings() {
        return findings;
    }

    int deliveries() {
        return deliveries;
    }

    /** Judges every delivery; good rows of accepted deliveries go to {@code rows}. */
    LandingCheck run(Consumer<Row> rows) throws IOException {
        for (Path feedDir : sorted(landing)) {
            FeedSchema feed = Feeds.byName(feedDir.getFileName().toString());
            for (Path sourceDir : sorted(feedDir)) {
                for (Path dateDir : sorted(sourceDir)) {
                    deliveries++;
                    delivery(feed, sourceDir.getFileName().toString(), dateDir.getFileName().toString(), dateDir, rows);
                }
            }
        }
        return this;
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private void delivery(FeedSchema feed, String source, String date, Path dir, Consumer<Row> sink)
            throws IOException {
        Path manifestPath = dir.resolve(Manifest.FILE_NAME);
        if (!Files.exists(manifestPath)) {
            findings.add(new Finding(feed.name(), source, date, null, null, "WAITING", "NO_MANIFEST"));
            return;
        }
        Manifest m = Manifest.parse(Files.readAllBytes(manifestPath));
        if (!feed.name().equals(m.feed()) || !source.equals(m.source()) || !date.equals(m.businessDate())) {
            reject(feed, source, date, "MANIFEST_MISMATCH");
            return;
        }
        for (Manifest.FileEntry f : m.files()) {
            if (!Files.exists(dir.resolve(f.name()))) {
                reject(feed, source, date, "MISSING_FILE");
                return;
            }
        }
        List<Finding> rowFindings = new ArrayList<>();
        List<Row> good = new ArrayList<>();
        for (Manifest.FileEntry f : m.files()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(f.name()));
            if (!sha256(bytes).equals(f.sha256())) {
                reject(feed, source, date, "CHECKSUM_MISMATCH");
                return;
            }
            List<CsvRecord> records = read(bytes, f.name().endsWith(".gz"));
            if (records.isEmpty()) {
                reject(feed, source, date, "MISSING_HEADER");
                return;
            }
            if (records.size() - 1 != f.rows()) {
                reject(feed, source, date, "ROW_COUNT_MISMATCH");
                return;
            }
            List<String> header = records.get(0).fields();
            List<Optional<Column>> columns = new ArrayList<>();
            for (String h : header) {
                Optional<Column> c = feed.column(h);
                if (c.isEmpty() && !SourceStyles.extraColumns().contains(h.trim().toLowerCase(Locale.ROOT))) {
                    findings.add(new Finding(feed.name(), source, date, f.name(), 1L, "REJECT", UNKNOWN_COLUMN));
                }
                columns.add(c);
            }
            for (Column required : feed.requiredColumns()) {
                if (columns.stream().noneMatch(c -> c.isPresent() && c.get().equals(required))) {
                    reject(feed, source, date, "MISSING_REQUIRED_COLUMN");
                    return;
                }
            }
            for (CsvRecord rec : records.subList(1, records.size())) {
                String problem = problem(rec, columns);
                if (problem != null) {
                    rowFindings.add(new Finding(feed.name(), source, date, f.name(), rec.line(), "QUARANTINE",
                            problem));
                } else {
                    good.add(new Row(feed.name(), source, date, f.name(), rec.line(), feed, header, rec.fields()));
                }
            }
        }
        findings.addAll(rowFindings);
        good.forEach(sink);
    }

    private void reject(FeedSchema feed, String source, String date, String reason) {
        findings.add(new Finding(feed.name(), source, date, null, null, "REJECT", reason));
    }

    private static String problem(CsvRecord rec, List<Optional<Column>> columns) {
        if (rec.malformed()) {
            return "MALFORMED_CSV";
        }
        if (rec.fields().size() != columns.size()) {
            return "FIELD_COUNT";
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isEmpty()) {
                continue;
            }
            try {
                Values.parse(columns.get(i).get(), rec.fields().get(i));
            } catch (BadValueException e) {
                return e.problem().name();
            }
        }
        return null;
    }

    static List<CsvRecord> read(byte[] bytes, boolean gzip) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if (gzip) {
            in = new GZIPInputStream(in);
        }
        List<CsvRecord> out = new ArrayList<>();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
            CsvRecord rec;
            while ((rec = csv.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.fraudlake.orchestration.drill;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.ColumnType;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.landing.CsvWriter;
import org.fraudlake.schemas.landing.Manifest;

/**
 * One way a partner breaks a delivery, applied in place to a delivery folder with a seeded RNG. Content
 * corruptions re-checksum the manifest (the partner checksummed what it wrote), so they reach the row-level
 * checks; TRUNCATE keeps the old checksum, as a transfer cut short would.
 */
public enum Corruption {
    TRUNCATE(false), FLIP_BYTES(false), DROP_COLUMN(true), ADD_COLUMN(true), BAD_DATES(true), UNKNOWN_ENUM(true),
    EMBEDDED_NEWLINE_AND_QUOTES(true), STRAY_QUOTE(true), WRONG_COUNT(false), WRONG_CHECKSUM(false),
    FILE_LISTED_TWICE(false),
    /** Issue 16 item 4: a manifest broken at random (bad file names, null or mistyped entries, not an object). */
    MANIFEST_GARBLE(false),
    /** Item 4: a data file replaced by 0 bytes, bytes that are not gzip, or a garbled gzip stream; re-checksummed. */
    GZIP_GARBLE(false),
    /** Item 11: a data file replaced by a gzip bomb (tens of MB of one byte), re-checksummed. */
    GZIP_BOMB(false),
    /** Item 11: one field longer than ingest.max-field-chars' default; the row is quarantined. */
    LONG_FIELD(true),
    /** Item 5: a file cut short (rejected), then uploaded whole under the same manifest: it must be loaded. */
    REUPLOAD(false),
    /** Item 6: the delivery sent under the code of a partner of another kind: rejected by the partner registry. */
    HIJACK(false);

    /** Characters of the field {@link #LONG_FIELD} writes: over the default limit of 64 Ki. */
    static final int LONG_FIELD_CHARS = 70_000;
    /** Bytes a {@link #GZIP_BOMB} holds once decompressed. */
    static final int BOMB_BYTES = 24 << 20;

    private final boolean needsCsv;

    Corruption(boolean needsCsv) {
        this.needsCsv = needsCsv;
    }

    /** Whether it edits CSV text (plain or gzip), so it needs a CSV delivery. */
    public boolean needsCsv() {
        return needsCsv;
    }

    /** Corrupts the delivery folder; returns what was done, in words. */
    public String apply(Path folder, FeedSchema feed, Random rng) throws IOException {
        Path manifestFile = folder.resolve(Manifest.FILE_NAME);
        Manifest m = Manifest.parse(Files.readAllBytes(manifestFile));
        int fi = rng.nextInt(m.files().size());
        Manifest.FileEntry entry = m.files().get(fi);
        Path file = folder.resolve(entry.name());
        String done;
        switch (this) {
            case TRUNCATE -> {
                byte[] b = Files.readAllBytes(file);
                int keep = b.length / 4 + rng.nextInt(Math.max(1, b.length / 2));
                Files.write(file, java.util.Arrays.copyOf(b, keep));
                return "truncated " + entry.name() + " from " + b.length + " to " + keep + " bytes (manifest unchanged)";
            }
            case FLIP_BYTES -> {
                byte[] b = Files.readAllBytes(file);
                int n = 1 + rng.nextInt(4);
                List<Integer> at = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int p = rng.nextInt(b.length);
                    b[p] = (byte) (b[p] ^ (1 << rng.nextInt(8)));
                    at.add(p);
                }
                Files.write(file, b);
                if (rng.nextBoolean()) {
                    done = "flipped a bit at bytes " + at + " of " + entry.name() + ", re-checksummed";
                    break;
                }
                return "flipped a bit at bytes " + at + " of " + entry.name() + " (manifest unchanged)";
            }
            case WRONG_COUNT -> {
                List<Manifest.FileEntry> files = new ArrayList<>(m.files());
                long delta = rng.nextBoolean() ? 1 : -1;
                files.set(fi, new Manifest.FileEntry(entry.name(), entry.rows() + delta, entry.sha256()));
                Files.write(manifestFile, new Manifest(m.feed(), m.source(), m.businessDate(), m.schemaVersion(), files)
                        .toJson());
                return "manifest says " + (entry.rows() + delta) + " rows for " + entry.name() + ", file has " + entry.rows();
            }
            case WRONG_CHECKSUM -> {
                List<Manifest.FileEntry> files = new ArrayList<>(m.files());
                byte[] sha = HexFormat.of().parseHex(entry.sha256());
                sha[rng.nextInt(sha.length)] ^= 1;
                files.set(fi, new Manifest.FileEntry(entry.name(), entry.rows(), HexFormat.of().formatHex(sha)));
                Files.write(manifestFile, new Manifest(m.feed(), m.source(), m.businessDate(), m.schemaVersion(), files)
                        .toJson());
                return "manifest sha256 of " + entry.name() + " off by one bit";
            }
            case MANIFEST_GARBLE -> {
                return garbleManifest(manifestFile, m, entry, rng);
            }
            case GZIP_GARBLE -> {
                byte[] b = Files.readAllBytes(file);
                int how = rng.nextInt(3);
                byte[] bad = switch (how) {
                    case 0 -> new byte[0];
                    case 1 -> (file.getFileName().toString().endsWith(".gz")
                            ? new GZIPInputStream(new ByteArrayInputStream(b)).readAllBytes() : encode("x", true));
                    default -> garbleGzip(file.getFileName().toString().endsWith(".gz") ? b : encode(new String(b,
                            StandardCharsets.UTF_8), true), rng);
                };
                Files.write(file, bad);
                done = (how == 0 ? "emptied " : how == 1 ? "swapped gzip and plain bytes of " : "garbled the deflate "
                        + "stream of ") + entry.name() + ", re-checksummed";
            }
            case GZIP_BOMB -> {
                byte[] bomb = encode(String.join(",", feed.requiredColumns().stream().map(Column::name).toList())
                        + "\n" + "7".repeat(BOMB_BYTES), true);
                Files.write(file, bomb);
                done = "replaced " + entry.name() + " by a gzip bomb (" + bomb.length + " bytes, " + BOMB_BYTES
                        + " once decompressed), re-checksummed";
            }
            case REUPLOAD -> {
                byte[] b = Files.readAllBytes(file);
                Files.write(folder.resolve(REUPLOAD_COPY), b);
                Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
                return "cut " + entry.name() + " to " + b.length / 2 + " of " + b.length + " bytes (manifest unchanged); "
                        + "the whole file is uploaded again after the first ingest";
            }
            case HIJACK -> {
                String code = folder.getParent().getFileName().toString();
                Files.write(manifestFile, new Manifest(m.feed(), code, m.businessDate(), m.schemaVersion(), m.files())
                        .toJson());
                return "sent " + m.feed() + " of " + m.source() + " under " + code + ", a partner of another kind";
            }
            case FILE_LISTED_TWICE -> {
                List<Manifest.FileEntry> files = new ArrayList<>(m.files());
                files.add(entry);
                Files.write(manifestFile, new Manifest(m.feed(), m.source(), m.businessDate(), m.schemaVersion(), files)
                        .toJson());
                return "manifest lists " + entry.name() + " twice";
            }
            default -> done = editCsv(file, feed, rng);
        }
        List<Manifest.FileEntry> files = new ArrayList<>(m.files());
        files.set(fi, new Manifest.FileEntry(entry.name(), entry.rows(), LakeDiff.sha256(file)));
        Files.write(manifestFile, new Manifest(m.feed(), m.source(), m.businessDate(), m.schemaVersion(), files).toJson());
        return done;
    }

    /** Where {@link #REUPLOAD} keeps the whole file until it is uploaded again. */
    static final String REUPLOAD_COPY = ".reupload";

    /** {@link #REUPLOAD}'s second upload: the whole file back in place, the manifest as it was. */
    static void reupload(Path folder) throws IOException {
        Path copy = folder.resolve(REUPLOAD_COPY);
        Manifest m = Manifest.parse(Files.readAllBytes(folder.resolve(Manifest.FILE_NAME)));
        for (Manifest.FileEntry f : m.files()) {
            Path file = folder.resolve(f.name());
            if (Files.exists(copy) && !LakeDiff.sha256(file).equals(f.sha256())) {
                Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String garbleManifest(Path manifestFile, Manifest m, Manifest.FileEntry entry, Random rng)
            throws IOException {
        String json = new String(m.toJson(), StandardCharsets.UTF_8);
        String name = "\"name\" : \"" + entry.name() + "\"";
        String[][] edits = {
                {name, "\"name\" : \"" + entry.name().replace("part", "a:b") + "\"", "a name with ':'"},
                {name, "\"name\" : \"\"", "an empty name"},
                {name, "\"name\" : \"../" + entry.name() + "\"", "a name with '../'"},
                {name, "\"name\" : \"/etc/" + entry.name() + "\"", "an absolute name"},
                {"\"rows\" : " + entry.rows(), "\"rows\" : \"" + entry.rows() + "\"", "rows as text"},
                {"\"rows\" : " + entry.rows(), "\"rows\" : " + entry.rows() + ".5", "rows as a fraction"},
                {"\"files\" : [", "\"files\" : [ null, ", "a null file entry"},
                {"\"schema_version\" : " + m.schemaVersion(), "\"schema_version\" : [1]", "a list as schema_version"},
        };
        int pick = rng.nextInt(edits.length + 2);
        String done;
        if (pick == edits.length) {
            json = "[" + json + "]";
            done = "a manifest that is a list, not an object";
        } else if (pick == edits.length + 1) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            int at = rng.nextInt(b.length);
            String pool = "{}[]\":,0x";
            b[at] = (byte) pool.charAt(rng.nextInt(pool.length()));
            json = new String(b, StandardCharsets.UTF_8);
            done = "a random byte at " + at + " of the manifest";
        } else {
            json = json.replace(edits[pick][0], edits[pick][1]);
            done = "manifest with " + edits[pick][2];
        }
        Files.writeString(manifestFile, json);
        return done + " (" + Manifest.FILE_NAME + ")";
    }

    private static byte[] garbleGzip(byte[] gz, Random rng) {
        byte[] b = gz.clone();
        int body = Math.max(1, b.length - 18);
        for (int k = 0; k < 1 + rng.nextInt(8); k++) {
            int p = 10 + rng.nextInt(body);
            b[Math.min(p, b.length - 1)] = (byte) rng.nextInt(256);
        }
        return b;
    }

    private String editCsv(Path file, FeedSchema feed, Random rng) throws IOException {
        boolean gz = file.getFileName().toString().endsWith(".gz");
        byte[] stored = Files.readAllBytes(file);
        byte[] plain = gz ? new GZIPInputStream(new ByteArrayInputStream(stored)).readAllBytes() : stored;
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(new InputStreamReader(new ByteArrayInputStream(plain), StandardCharsets.UTF_8))) {
            for (CsvRecord rec; (rec = r.next()) != null; ) {
                rows.add(new ArrayList<>(rec.fields()));
            }
        }
        List<String> header = rows.get(0);
        int data = rows.size() - 1;
        String done;
        List<String> rawLines = null;
        switch (this) {
            case DROP_COLUMN -> {
                int c = rng.nextInt(header.size());
                done = "dropped column " + header.get(c) + " (" + (feed.column(header.get(c)).map(Column::required)
                        .orElse(false) ? "required" : "optional") + ")";
                rows.forEach(r -> r.remove(c));
            }
            case ADD_COLUMN -> {
                rows.get(0).add("drill_extra_" + rng.nextInt(100));
                for (int i = 1; i < rows.size(); i++) {
                    rows.get(i).add("v" + rng.nextInt(1000));
                }
                done = "added unknown column " + rows.get(0).get(rows.get(0).size() - 1);
            }
            case BAD_DATES -> {
                int c = columnOf(header, feed, rng, ColumnType.DATE, ColumnType.TIMESTAMP);
                if (c < 0) {
                    return "no date column in " + file.getFileName() + "; nothing changed";
                }
                String[] bad = {"2026-13-45", "yesterday", "02/11/2026", "2026-11-02T25:61:00+08:00", "2026-11-02 07:00"};
                int n = changeRows(rows, rng, r -> r.set(c, bad[rng.nextInt(bad.length)]));
                done = "bad values in date column " + header.get(c) + " of " + n + " rows";
            }
            case UNKNOWN_ENUM -> {
                int c = columnOf(header, feed, rng, ColumnType.ENUM);
                if (c < 0) {
                    return "no enum column in " + file.getFileName() + "; nothing changed";
                }
                int n = changeRows(rows, rng, r -> r.set(c, "DRILL_UNKNOWN"));
                done = "unknown value DRILL_UNKNOWN in enum column " + header.get(c) + " of " + n + " rows";
            }
            case EMBEDDED_NEWLINE_AND_QUOTES -> {
                int c = columnOf(header, feed, rng, ColumnType.STRING);
                if (c < 0) {
                    return "no text column in " + file.getFileName() + "; nothing changed";
                }
                int n = changeRows(rows, rng, r -> r.set(c, r.get(c) + " \"quoted\"\nsecond line, with comma"));
                done = "embedded newline, quotes and a comma (quoted per RFC 4180) in " + header.get(c) + " of " + n
                        + " rows";
            }
            case LONG_FIELD -> {
                int c = columnOf(header, feed, rng, ColumnType.STRING);
                if (c < 0) {
                    return "no text column in " + file.getFileName() + "; nothing changed";
                }
                int n = changeRows(rows, rng, r -> r.set(c, "L".repeat(LONG_FIELD_CHARS)));
                done = LONG_FIELD_CHARS + " characters in " + header.get(c) + " of " + n + " rows";
            }
            case STRAY_QUOTE -> {
                rawLines = new ArrayList<>(new String(plain, StandardCharsets.UTF_8).lines().toList());
                if (rawLines.size() < 2) {
                    return "no data line in " + file.getFileName() + "; nothing changed";
                }
                int line = 1 + rng.nextInt(rawLines.size() - 1);
                String l = rawLines.get(line);
                int at = l.indexOf(',') + 1;
                rawLines.set(line, l.substring(0, at) + "\"" + l.substring(at));
                done = "a stray quote on line " + (line + 1);
            }
            default -> throw new IllegalStateException(this + " is not a CSV edit");
        }
        String text;
        if (rawLines != null) {
            StringBuilder b = new StringBuilder();
            rawLines.forEach(l -> b.append(l).append('\n'));
            text = b.toString();
        } else {
            text = csv(rows);
        }
        byte[] out = encode(text, gz);
        Files.write(file, out);
        return done + " in " + file.getFileName() + " (" + data + " data rows), re-checksummed";
    }

    /** Rows as contract CSV text (quoted where needed), one line each. */
    static String csv(List<List<String>> rows) throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter w = new CsvWriter(text, "\n");
        for (List<String> r : rows) {
            w.write(r.toArray(String[]::new));
        }
        return text.toString();
    }

    /** A data file's bytes: UTF-8 text, gzipped for {@code .csv.gz} files. */
    static byte[] encode(String text, boolean gz) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!gz) {
            return bytes;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(bytes);
        }
        return b.toByteArray();
    }

    private static int columnOf(List<String> header, FeedSchema feed, Random rng, ColumnType... types) {
        List<Integer> fit = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            ColumnType t = feed.column(header.get(i)).map(Column::type).orElse(null);
            if (t != null && List.of(types).contains(t)) {
                fit.add(i);
            }
        }
        return fit.isEmpty() ? -1 : fit.get(rng.nextInt(fit.size()));
    }

    private static int changeRows(List<List<String>> rows, Random rng, java.util.function.Consumer<List<String>> edit) {
        int n = Math.min(rows.size() - 1, 1 + rng.nextInt(3));
        java.util.Set<Integer> picked = new java.util.TreeSet<>();
        while (picked.size() < n) {
            picked.add(1 + rng.nextInt(rows.size() - 1));
        }
        picked.forEach(i -> edit.accept(rows.get(i)));
        return n;
    }
}

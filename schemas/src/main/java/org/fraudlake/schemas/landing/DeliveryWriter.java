package org.fraudlake.schemas.landing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;

/**
 * Writes one delivery the way the contract asks a sender to: data files (CSV, optionally gzip), then
 * {@code _manifest.json} last with each file's record count and the sha256 of its stored bytes. Works on
 * any Hadoop file system. Usage: {@code open}, {@code part(...)} and rows, then {@code commit()}.
 */
public final class DeliveryWriter {
    private final FileSystem fs;
    private final Path dir;
    private final String feed;
    private final String source;
    private final LocalDate date;
    private final int schemaVersion;
    private final List<Manifest.FileEntry> entries = new ArrayList<>();

    private DeliveryWriter(FileSystem fs, Path dir, String feed, String source, LocalDate date, int schemaVersion) {
        this.fs = fs;
        this.dir = dir;
        this.feed = feed;
        this.source = source;
        this.date = date;
        this.schemaVersion = schemaVersion;
    }

    /** Starts a delivery folder, removing any earlier content of it (a restatement or a rewrite). */
    public static DeliveryWriter open(Lake lake, String feed, String source, LocalDate date, int schemaVersion,
                                      Configuration conf) throws IOException {
        Path dir = new Path(lake.delivery(feed, source, date));
        FileSystem fs = fileSystem(dir, conf);
        if (fs.exists(dir)) {
            fs.delete(dir, true);
        }
        fs.mkdirs(dir);
        return new DeliveryWriter(fs, dir, feed, source, date, schemaVersion);
    }

    /** The file system for a path; local file systems write no {@code .crc} side files. */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        fs.setWriteChecksum(false);
        fs.setVerifyChecksum(false);
        return fs;
    }

    /** Opens a data file; rows go through the returned part, which must be closed before {@link #commit()}. */
    public Part part(String name, String lineEnd, String... header) throws IOException {
        return new Part(name, lineEnd, header);
    }

    /** Writes the manifest, last; after this the delivery is complete. */
    public Manifest commit() throws IOException {
        Manifest m = new Manifest(feed, source, date.toString(), schemaVersion, List.copyOf(entries));
        writeBytes(Manifest.FILE_NAME, m.toJson());
        return m;
    }

    /** Writes a manifest as given (to make deliberately wrong ones). */
    public void commit(Manifest manifest) throws IOException {
        writeBytes(Manifest.FILE_NAME, manifest.toJson());
    }

    public List<Manifest.FileEntry> entries() {
        return List.copyOf(entries);
    }

    public Path dir() {
        return dir;
    }

    private void writeBytes(String name, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(new Path(dir, name), true)) {
            out.write(bytes);
        }
    }

    /** One data file being written. */
    public final class Part implements AutoCloseable {
        private final String name;
        private final MessageDigest sha;
        private final BufferedWriter text;
        private final CsvWriter csv;
        private long rows;

        private Part(String name, String lineEnd, String... header) throws IOException {
            this.name = name;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            OutputStream raw = new DigestOutputStream(fs.create(new Path(dir, name), true), sha);
            OutputStream body = name.endsWith(".gz") ? new GZIPOutputStream(raw, 64 * 1024) : raw;
            this.text = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 64 * 1024);
            this.csv = new CsvWriter(text, lineEnd);
            csv.write(header);
        }

        public void row(String... fields) {
            try {
                csv.write(fields);
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A record written exactly as given (it still counts as one record). */
        public void rawRow(String line) throws IOException {
            csv.writeRaw(line);
            rows++;
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            text.close();
            entries.add(new Manifest.FileEntry(name, rows, HexFormat.of().formatHex(sha.digest())));
        }
    }
}

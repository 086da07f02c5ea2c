package org.fraudlake.pipelines.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;

/**
 * A CSV file, optionally gzip, hashed while it is read. Reads at most {@code maxBytes} decompressed bytes (and a
 * gzip file at most {@link IngestSettings#maxCompressionRatio()} times its stored bytes read), fields and records
 * within the settings' lengths: bounded memory whatever the file holds.
 */
final class CsvSource implements RecordSource {
    private final DigestInputStream digest;
    private final SizeLimit limited;
    private final CsvReader reader;
    private List<String> header;
    private boolean headerRead;

    CsvSource(InputStream stored, boolean gzip, String name, IngestSettings settings, long maxBytes)
            throws IOException {
        try {
            this.digest = new DigestInputStream(new BufferedInputStream(stored, 256 * 1024),
                    MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        SizeLimit.Counter compressed = gzip ? new SizeLimit.Counter(digest) : null;
        InputStream body = gzip ? gunzip(compressed, name) : digest;
        this.limited = new SizeLimit(body, name, maxBytes, settings.maxCompressionRatio(), compressed);
        this.reader = new CsvReader(new InputStreamReader(limited, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                settings.maxFieldChars(), settings.maxRecordChars());
    }

    private static InputStream gunzip(InputStream stored, String name) throws IOException {
        try {
            return new GZIPInputStream(stored, 64 * 1024);
        } catch (EOFException e) {
            throw new IOException(name + " is empty or cut short before its gzip header; a .gz file must be gzip", e);
        } catch (ZipException e) {
            throw new IOException(name + " is not gzip (" + e.getMessage() + "); a .gz file must be gzip", e);
        }
    }

    @Override
    public long bytes() {
        return limited.count();
    }

    @Override
    public List<String> header() throws IOException {
        if (!headerRead) {
            headerRead = true;
            CsvRecord first = reader.next();
            header = first == null || first.malformed() ? null : first.fields();
        }
        return header;
    }

    @Override
    public CsvRecord next() throws IOException {
        header();
        return reader.next();
    }

    @Override
    public String sha256() throws IOException {
        byte[] rest = new byte[64 * 1024];
        while (digest.read(rest) >= 0) {
            // drain bytes after the last record (gzip trailer, padding) so the checksum covers the whole file
        }
        return HexFormat.of().formatHex(digest.getMessageDigest().digest());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package org.fraudlake.pipelines.ingest;

import java.io.BufferedInputStream;
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
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;

/** A CSV file, optionally gzip, hashed while it is read. */
final class CsvSource implements RecordSource {
    private final DigestInputStream digest;
    private final CsvReader reader;
    private List<String> header;
    private boolean headerRead;

    CsvSource(InputStream stored, boolean gzip) throws IOException {
        try {
            this.digest = new DigestInputStream(new BufferedInputStream(stored, 256 * 1024),
                    MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        InputStream body = gzip ? new GZIPInputStream(digest, 64 * 1024) : digest;
        this.reader = new CsvReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
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

package org.fraudlake.publish.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * A partner folder's {@code _manifest.json}: {@code feed}, {@code partner}, {@code business_date}, {@code files}
 * (each {@code name}, {@code rows}, {@code sha256}), in that key order, compact, one line with a trailing newline and
 * no timestamp, so the same files always give the same bytes (and the same signature).
 */
public final class OutboxManifest {
    public static final String FILE_NAME = "_manifest.json";
    public static final String SIGNATURE_FILE_NAME = "_manifest.json.sig";
    public static final String FEED = "warnings";
    public static final String KEY_FEED = "feed";
    public static final String KEY_PARTNER = "partner";
    public static final String KEY_BUSINESS_DATE = "business_date";
    public static final String KEY_FILES = "files";
    public static final String KEY_NAME = "name";
    public static final String KEY_ROWS = "rows";
    public static final String KEY_SHA256 = "sha256";
    private static final JsonFactory JSON = new JsonFactory();

    private OutboxManifest() {
    }

    /** One listed file: its name, record count without the header, and sha256 of its bytes (hex). */
    public record FileEntry(String name, long rows, String sha256) {
    }

    /** The manifest's bytes. */
    public static byte[] render(String partner, LocalDate date, List<FileEntry> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField(KEY_FEED, FEED);
            g.writeStringField(KEY_PARTNER, partner);
            g.writeStringField(KEY_BUSINESS_DATE, date.toString());
            g.writeArrayFieldStart(KEY_FILES);
            for (FileEntry f : files) {
                g.writeStartObject();
                g.writeStringField(KEY_NAME, f.name());
                g.writeNumberField(KEY_ROWS, f.rows());
                g.writeStringField(KEY_SHA256, f.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** SHA-256 of the bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}

package org.fraudlake.schemas.landing;

import java.io.IOException;
import java.io.Writer;

/** Writes RFC 4180 records, quoting only fields that need it. */
public final class CsvWriter {
    private final Writer out;
    private final String lineEnd;

    public CsvWriter(Writer out, String lineEnd) {
        this.out = out;
        this.lineEnd = lineEnd;
    }

    public void write(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields[i]));
        }
        out.write(lineEnd);
    }

    /** The field as it must stand in a CSV record. */
    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Writes an already formatted line as is (used to write deliberately malformed records). */
    public void writeRaw(String line) throws IOException {
        out.write(line);
        out.write(lineEnd);
    }
}

package org.fraudlake.schemas.landing;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma separated, {@code "}-quoted fields with {@code ""} escapes, line
 * breaks inside quoted fields, LF or CRLF record ends. It never loses a record: a stray quote makes the
 * record malformed (with its raw text and line) and reading resumes at the end of that physical line,
 * so record counts stay those the sender wrote. Not thread-safe.
 *
 * <p>Memory is bounded by the limits: a field longer than {@code maxFieldChars} or a record longer than
 * {@code maxRecordChars} (an unclosed quote swallowing the rest of the file, a line without end) makes the record
 * malformed ({@link CsvRecord#tooLong()}, its raw text cut at the record limit) and reading resumes at the end of
 * the physical line where the limit was passed.
 */
public final class CsvReader implements Closeable {
    private static final int EOF = -1;
    private final Reader in;
    private final int maxFieldChars;
    private final int maxRecordChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int len;
    private long line = 1;
    private final StringBuilder raw = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);

    /** A reader without length limits (for trusted files, such as the lake's own). */
    public CsvReader(Reader in) {
        this(in, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** A reader that cuts fields over {@code maxFieldChars} and records over {@code maxRecordChars}. */
    public CsvReader(Reader in, int maxFieldChars, int maxRecordChars) {
        if (maxFieldChars < 1 || maxRecordChars < 1) {
            throw new IllegalArgumentException("CSV limits must be positive, got field " + maxFieldChars
                    + " and record " + maxRecordChars + " characters");
        }
        this.in = in;
        this.maxFieldChars = maxFieldChars;
        this.maxRecordChars = maxRecordChars;
    }

    private int read() throws IOException {
        int c = peek();
        if (c != EOF) {
            pos++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = Math.max(0, in.read(buf, 0, buf.length));
            pos = 0;
            if (len == 0) {
                return EOF;
            }
        }
        return buf[pos];
    }

    /** The next record, or {@code null} at end of input. A trailing empty line is not a record. */
    public CsvRecord next() throws IOException {
        int c = peek();
        if (c == EOF) {
            return null;
        }
        long start = line;
        raw.setLength(0);
        List<String> fields = new ArrayList<>(16);
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            if (raw.length() > maxRecordChars) {
                return tooLong(start, "record longer than " + maxRecordChars + " characters");
            }
            if (field.length() > maxFieldChars) {
                return tooLong(start, "field " + (fields.size() + 1) + " longer than " + maxFieldChars + " characters");
            }
            c = read();
            if (c == EOF) {
                if (quoted) {
                    return new CsvRecord(start, List.of(), raw.toString(), "unterminated quoted field at end of file");
                }
                fields.add(field.toString());
                return new CsvRecord(start, fields, raw.toString(), null);
            }
            if (quoted) {
                if (c == '"') {
                    raw.append('"');
                    if (peek() == '"') {
                        read();
                        raw.append('"');
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    raw.append((char) c);
                    field.append((char) c);
                }
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                continue;
            }
            if (c == '\n') {
                line++;
                fields.add(field.toString());
                return new CsvRecord(start, fields, raw.toString(), null);
            }
            raw.append((char) c);
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                afterQuote = false;
                continue;
            }
            if (afterQuote) {
                return malformed(start, "unexpected character after closing quote in field " + (fields.size() + 1));
            }
            if (c == '"') {
                if (!fieldStart) {
                    return malformed(start, "stray quote inside unquoted field " + (fields.size() + 1));
                }
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            field.append((char) c);
        }
    }

    /** Skips to the end of the current physical line and returns the record as malformed. */
    private CsvRecord malformed(long start, String why) throws IOException {
        skipLine(true);
        return new CsvRecord(start, List.of(), raw.toString(), why);
    }

    /** A record over a limit: its first characters, the rest of its physical line skipped. */
    private CsvRecord tooLong(long start, String why) throws IOException {
        raw.setLength(Math.min(raw.length(), maxRecordChars));
        skipLine(false);
        return new CsvRecord(start, List.of(), raw.toString(), why, true);
    }

    /** Reads to the end of the physical line, keeping at most {@code maxRecordChars} of raw text. */
    private void skipLine(boolean keep) throws IOException {
        int c;
        while ((c = read()) != EOF) {
            if (c == '\n') {
                line++;
                break;
            }
            if (keep && raw.length() < maxRecordChars && (c != '\r' || peek() != '\n')) {
                raw.append((char) c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package org.fraudlake.schemas.landing;

import java.util.List;

/**
 * One CSV record as read from a file.
 *
 * @param line   1-based physical line where the record starts (the header is line 1)
 * @param fields the fields, unquoted; empty when the record is malformed
 * @param raw    the record's text as stored, without its line ending
 * @param error  why the record is malformed, or {@code null}
 * @param tooLong whether it is malformed because a field or the record is over the reader's limit ({@code raw} then
 *               holds the record's first characters only)
 */
public record CsvRecord(long line, List<String> fields, String raw, String error, boolean tooLong) {
    public CsvRecord(long line, List<String> fields, String raw, String error) {
        this(line, fields, raw, error, false);
    }

    public boolean malformed() {
        return error != null;
    }
}

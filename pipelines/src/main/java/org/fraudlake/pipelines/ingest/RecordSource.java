package org.fraudlake.pipelines.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.fraudlake.schemas.landing.CsvRecord;

/** The records of one data file, CSV or Parquet, read once, with the sha256 of the file's bytes at the end. */
interface RecordSource extends Closeable {
    /** Header names in file order, or {@code null} when the file has none (an empty file). */
    List<String> header() throws IOException;

    /** The next record, or {@code null} at the end. */
    CsvRecord next() throws IOException;

    /** Bytes read so far once decompressed (for Parquet, the characters of the values). */
    long bytes();

    /** Hex sha256 of the stored bytes; valid after {@link #next()} returned {@code null}. */
    String sha256() throws IOException;
}

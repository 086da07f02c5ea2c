package org.fraudlake.pipelines.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fraudlake.core.spark.SerializableConf;
import org.fraudlake.schemas.BadValueException;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.landing.CsvRecord;

/**
 * Parses one data file on an executor into {@link ParsedRows}: typed good rows, bad rows with raw text,
 * line and reason, and a summary row with the file's sha256, record count, decompressed bytes and header
 * problem. Streams: rows are produced as the file is read, never all held in memory; fields, records and
 * decompressed bytes stay within the {@link IngestSettings}. Whatever a file holds (not gzip, empty, corrupt
 * Parquet, over a limit), it ends in a summary naming the problem, never in a failed task.
 */
public final class FileParser implements FlatMapFunction<FileTask, Row> {
    private static final long serialVersionUID = 1L;
    private final SerializableConf conf;
    private final IngestSettings settings;

    public FileParser(SerializableConf conf) {
        this(conf, IngestSettings.DEFAULTS);
    }

    public FileParser(SerializableConf conf, IngestSettings settings) {
        this.conf = conf;
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(FileTask task) {
        return new Rows(Feeds.byName(task.feed()), task, settings, () -> open(task));
    }

    private RecordSource open(FileTask task) throws IOException {
        Path path = new Path(task.path());
        FileSystem fs = path.getFileSystem(conf.get());
        String lower = task.name().toLowerCase(Locale.ROOT);
        long maxBytes = Math.min(settings.maxFileBytes(), settings.maxDeliveryBytes());
        if (lower.endsWith(".parquet")) {
            return new ParquetSource(fs, path, conf.get(), maxBytes);
        }
        InputStream in = fs.open(path);
        try {
            return new CsvSource(in, lower.endsWith(".gz"), task.path(), settings, maxBytes);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Opens a file's records; may fail like any read. */
    @FunctionalInterface
    interface Opener {
        RecordSource open() throws IOException;
    }

    /** How the header's columns map onto the feed: contract column index per file column, or extras. */
    record HeaderMap(int[] feedIndex, String[] extraName, Problem problem, String reason) {

        static HeaderMap of(FeedSchema feed, List<String> header, String file) {
            if (header == null) {
                return new HeaderMap(null, null, Problem.MISSING_HEADER, file + ": empty file, no header row");
            }
            int[] index = new int[header.size()];
            String[] extra = new String[header.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim().toLowerCase(Locale.ROOT);
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1);
                }
                if (!seen.add(name)) {
                    return new HeaderMap(null, null, Problem.DUPLICATE_COLUMN,
                            file + ": header names column '" + name + "' twice");
                }
                Optional<Column> c = feed.column(name);
                index[i] = c.map(col -> feed.columns().indexOf(col)).orElse(-1);
                extra[i] = c.isPresent() ? null : header.get(i).trim();
            }
            String missing = feed.requiredColumns().stream().map(Column::name).filter(n -> !seen.contains(n))
                    .collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                return new HeaderMap(null, null, Problem.MISSING_REQUIRED_COLUMN,
                        file + ": required column(s) missing from the header: " + missing);
            }
            return new HeaderMap(index, extra, null, null);
        }
    }

    /** The lazy row stream of one file. */
    private static final class Rows implements Iterator<Row> {
        private final FeedSchema feed;
        private final FileTask task;
        private final IngestSettings settings;
        private final Opener opener;
        private RecordSource source;
        private final int width;
        private final LocalDate date;
        private final Instant ingestedAt;
        private HeaderMap header;
        private Row pending;
        private boolean done;
        private long records;
        private long good;
        private long bad;
        private Problem unreadableCode;
        private String unreadable;

        Rows(FeedSchema feed, FileTask task, IngestSettings settings, Opener opener) {
            this.feed = feed;
            this.task = task;
            this.settings = settings;
            this.opener = opener;
            this.width = ParsedRows.schema(feed).size();
            this.date = LocalDate.parse(task.date());
            this.ingestedAt = Instant.EPOCH.plus(task.ingestedAt(), ChronoUnit.MICROS);
        }

        @Override
        public boolean hasNext() {
            if (pending == null && !done) {
                try {
                    pending = advance();
                } catch (IOException | RuntimeException e) {
                    pending = unreadable(e);
                }
            }
            return pending != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = pending;
            pending = null;
            return r;
        }

        private Row advance() throws IOException {
            if (source == null) {
                source = opener.open();
            }
            if (header == null) {
                header = HeaderMap.of(feed, source.header(), task.path());
            }
            CsvRecord rec;
            while ((rec = source.next()) != null) {
                records++;
                if (header.problem() == null) {
                    return toRow(rec);
                }
            }
            done = true;
            String sha = source.sha256();
            source.close();
            return summary(sha);
        }

        private Row toRow(CsvRecord rec) {
            if (rec.tooLong()) {
                return badRow(rec, Problem.TOO_LONG, task.name() + " line " + rec.line() + ": " + rec.error()
                        + " (ingest.max-field-chars, ingest.max-record-chars)");
            }
            if (rec.malformed()) {
                return badRow(rec, Problem.MALFORMED_CSV, task.name() + " line " + rec.line() + ": " + rec.error());
            }
            List<String> fields = rec.fields();
            int[] index = header.feedIndex();
            if (fields.size() != index.length) {
                return badRow(rec, Problem.FIELD_COUNT, task.name() + " line " + rec.line() + ": " + fields.size()
                        + " fields but the header has " + index.length);
            }
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).length() > settings.maxFieldChars()) {
                    return badRow(rec, Problem.TOO_LONG, task.name() + " line " + rec.line() + ": field " + (i + 1)
                            + " longer than " + settings.maxFieldChars() + " characters (ingest.max-field-chars)");
                }
            }
            Object[] values = new Object[width];
            Map<String, String> extra = null;
            for (int i = 0; i < index.length; i++) {
                if (index[i] < 0) {
                    if (extra == null) {
                        extra = new HashMap<>();
                    }
                    extra.put(header.extraName()[i], fields.get(i));
                    continue;
                }
                Column column = feed.columns().get(index[i]);
                try {
                    values[index[i]] = org.fraudlake.schemas.Values.parse(column, fields.get(i));
                } catch (BadValueException e) {
                    return badRow(rec, e.problem(), task.name() + " line " + rec.line() + ": " + e.getMessage());
                }
            }
            good++;
            int n = feed.columns().size();
            values[n] = extra == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(extra);
            lineage(values, n, rec.line());
            values[n + 7] = ParsedRows.ROW;
            return RowFactory.create(values);
        }

        private Row badRow(CsvRecord rec, Problem problem, String reason) {
            bad++;
            Object[] values = new Object[width];
            int n = feed.columns().size();
            lineage(values, n, rec.line());
            values[n + 7] = ParsedRows.BAD;
            values[n + 8] = problem.name();
            values[n + 9] = reason;
            String raw = rec.raw();
            values[n + 10] = raw.length() > settings.maxRecordChars() ? raw.substring(0, settings.maxRecordChars()) : raw;
            return RowFactory.create(values);
        }

        /**
         * A file that breaks while being read (not gzip, a truncated or corrupt gzip stream, a corrupt Parquet
         * file, an I/O error) or goes over a size limit: its summary rejects the delivery as UNREADABLE_FILE or
         * TOO_LARGE, naming the file, the records read and the cause, instead of failing the whole ingest run.
         * Rows already read are dropped with the rejected delivery.
         */
        private Row unreadable(Exception e) {
            done = true;
            if (e instanceof SizeLimit.Exceeded) {
                unreadableCode = Problem.TOO_LARGE;
                unreadable = e.getMessage() + " (after " + records + " records)";
            } else {
                unreadableCode = Problem.UNREADABLE_FILE;
                unreadable = task.path() + ": cannot be read after " + records + " records: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (source != null) {
                try {
                    source.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            return summary("unreadable");
        }

        private Row summary(String sha) {
            Object[] values = new Object[width];
            int n = feed.columns().size();
            lineage(values, n, 0L);
            values[n + 7] = ParsedRows.FILE;
            if (unreadable != null) {
                values[n + 8] = unreadableCode.name();
                values[n + 9] = unreadable;
            } else {
                values[n + 8] = header.problem() == null ? null : header.problem().name();
                values[n + 9] = header.reason();
            }
            values[n + 11] = records;
            values[n + 12] = good;
            values[n + 13] = bad;
            values[n + 14] = sha;
            values[n + 15] = source == null ? 0L : source.bytes();
            return RowFactory.create(values);
        }

        private void lineage(Object[] values, int n, long line) {
            values[n + 1] = task.source();
            values[n + 2] = date;
            values[n + 3] = task.deliveryId();
            values[n + 4] = task.name();
            values[n + 5] = line;
            values[n + 6] = ingestedAt;
        }
    }
}

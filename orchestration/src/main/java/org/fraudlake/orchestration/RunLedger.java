package org.fraudlake.orchestration;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;

/**
 * The run ledger {@code ops/runs}: one Delta row per stage attempt when it ends: SUCCEEDED, SKIPPED (nothing
 * to do, counts as complete; with an error when some of its parts failed: {@link #PARTIAL}), FAILED, or ABORTED (its process died during the attempt: recorded by the next
 * run, which finds the dead holder's stage in the lake lock). The stage running now is in the lock, not here.
 * A stage of a date is complete when its latest attempt succeeded or skipped. Each write is one small Delta
 * commit; reads filter by date and collect a handful of rows.
 */
public final class RunLedger {
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";
    public static final String ABORTED = "ABORTED";
    /**
     * Not a status: how {@code fraudlake runs} marks a SUCCEEDED row whose stage completed with failed parts (its
     * {@code error} names them, its note says {@code PARTIAL: ...} and where the stacks are).
     */
    public static final String PARTIAL = "PARTIAL";

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("business_date", DataTypes.DateType, false)
            .add("stage", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("attempt", DataTypes.IntegerType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("ended_at", DataTypes.TimestampType, true)
            .add("rows_in", DataTypes.LongType, true)
            .add("rows_out", DataTypes.LongType, true)
            .add("error", DataTypes.StringType, true)
            .add("note", DataTypes.StringType, true)
            .add("host", DataTypes.StringType, true)
            .add("pid", DataTypes.LongType, true);

    /** One ledger row. */
    public record Entry(String runId, LocalDate date, String stage, String status, int attempt, Instant startedAt,
                        Instant endedAt, Long rowsIn, Long rowsOut, String error, String note, String host,
                        Long pid) {

        public boolean completed() {
            return SUCCEEDED.equals(status) || SKIPPED.equals(status);
        }

        /** Completed, but some of its parts failed (named in {@link #error}). */
        public boolean partial() {
            return completed() && error != null;
        }

        Row toRow() {
            return RowFactory.create(runId, Date.valueOf(date), stage, status, attempt, Timestamp.from(startedAt),
                    endedAt == null ? null : Timestamp.from(endedAt), rowsIn, rowsOut, error, note, host, pid);
        }

        static Entry of(Row r) {
            Timestamp ended = r.getAs("ended_at");
            return new Entry(r.getAs("run_id"), ((Date) r.getAs("business_date")).toLocalDate(), r.getAs("stage"),
                    r.getAs("status"), r.<Integer>getAs("attempt"), ((Timestamp) r.getAs("started_at")).toInstant(),
                    ended == null ? null : ended.toInstant(), r.getAs("rows_in"), r.getAs("rows_out"),
                    r.getAs("error"), r.getAs("note"), r.getAs("host"), r.getAs("pid"));
        }
    }

    private final SparkSession spark;
    private final String path;

    public RunLedger(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.path = lake.runs();
    }

    /** Appends one row. */
    public void record(Entry e) {
        spark.sparkContext().setJobDescription("ledger " + e.stage() + " " + e.date() + " " + e.status());
        DeltaIO.append(spark.createDataFrame(List.of(e.toRow()), SCHEMA).coalesce(1), path);
    }

    /** Every row, or the rows of one date, oldest first. */
    public List<Entry> entries(LocalDate date) {
        if (!DeltaIO.exists(spark, path)) {
            return List.of();
        }
        Dataset<Row> rows = DeltaIO.read(spark, path);
        if (date != null) {
            rows = rows.filter(col("business_date").equalTo(Date.valueOf(date)));
        }
        List<Entry> out = new ArrayList<>(rows.collectAsList().stream().map(Entry::of).toList());
        out.sort(Comparator.comparing(Entry::startedAt).thenComparing(Entry::attempt)
                .thenComparing(e -> e.endedAt() == null ? Instant.MIN : e.endedAt()));
        return out;
    }

    /** The latest row of each stage of the date: its current state. */
    public Map<String, Entry> latest(LocalDate date) {
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry e : entries(date)) {
            Entry seen = latest.get(e.stage());
            if (seen == null || e.attempt() >= seen.attempt()) {
                latest.put(e.stage(), e);
            }
        }
        return latest;
    }

    /** Whether the stage's latest attempt for the date completed. */
    public static boolean completed(Map<String, Entry> latest, String stage) {
        return Optional.ofNullable(latest.get(stage)).map(Entry::completed).orElse(false);
    }

    /** The next attempt number of a stage for a date. */
    public static int nextAttempt(Map<String, Entry> latest, String stage) {
        return Optional.ofNullable(latest.get(stage)).map(e -> e.attempt() + 1).orElse(1);
    }
}

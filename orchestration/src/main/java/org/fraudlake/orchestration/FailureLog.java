package org.fraudlake.orchestration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.StageFailures;

/**
 * Where the runner puts what a failure says. For one stage attempt that failed, or that completed with failed
 * parts: the whole stack of each failure in one log file in the lake's ops area,
 * {@code ops/logs/<date>/<runId>-<stage>-<attempt>.log} (written through Hadoop's FileSystem, so on {@code hdfs://}
 * too), the same on stderr, and one {@code ops/failures} row per failure (class, message, frames of our code, log).
 * The ledger row keeps the one-line description and the log's path. Failing to write the log or the table is said
 * on the runner's output and does not hide the stage's own error.
 */
final class FailureLog {
    private final SparkSession spark;
    private final Lake lake;
    private final PrintStream err;
    private final PrintStream out;

    FailureLog(SparkSession spark, Lake lake, PrintStream err, PrintStream out) {
        this.spark = spark;
        this.lake = lake;
        this.err = err;
        this.out = out;
    }

    /** The log file of a stage attempt, relative to the lake root. */
    static String logName(String runId, String stage, int attempt) {
        return runId + "-" + stage + "-" + attempt + ".log";
    }

    /** The log's path relative to the lake root, as the ledger and {@code ops/failures} name it. */
    static String relativeLog(LocalDate date, String runId, String stage, int attempt) {
        return "ops/logs/" + date + "/" + logName(runId, stage, attempt);
    }

    /**
     * Records the failures of one attempt: {@code whole} when the stage failed (else null), and the failed
     * {@code parts}. Returns the log's path relative to the lake root, or null when it could not be written (said
     * on the runner's output; the ledger row and stderr still hold the error).
     */
    String record(String runId, LocalDate date, String stage, int attempt, Throwable whole, List<PartFailure> parts) {
        StringBuilder text = new StringBuilder();
        text.append("fraudlake ").append(stage).append(' ').append(date).append(", attempt ").append(attempt)
                .append(" of run ").append(runId).append(", ").append(Instant.now()).append('\n');
        if (whole != null) {
            text.append("\n== stage ").append(stage).append(" failed: ").append(ErrorText.describe(whole)).append('\n')
                    .append(ErrorText.stackTrace(whole));
        }
        for (PartFailure p : parts) {
            text.append("\n== ").append(stage).append(" part ").append(p.part()).append(" failed: ")
                    .append(ErrorText.describe(p.error())).append('\n').append(ErrorText.stackTrace(p.error()));
        }
        err.print(text);
        err.flush();
        String log = write(lake.opsLog(date, logName(runId, stage, attempt)), text.toString())
                ? relativeLog(date, runId, stage, attempt) : null;
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        if (whole != null) {
            rows.add(row(runId, date, stage, attempt, null, whole, log, now));
        }
        parts.forEach(p -> rows.add(row(runId, date, stage, attempt, p.part(), p.error(), log, now)));
        spark.sparkContext().setJobDescription("failures " + stage + " " + date);
        try {
            DeltaIO.append(spark.createDataFrame(rows, StageFailures.SCHEMA).coalesce(1), lake.failures());
        } catch (RuntimeException e) {
            out.println("could not add to " + lake.failures() + " (" + ErrorText.describe(e) + "); the failure is in "
                    + "the run ledger" + (log == null ? "" : " and " + log));
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        return log;
    }

    private boolean write(String path, String text) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream o = fs.create(p, true)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        } catch (IOException e) {
            out.println("could not write the failure log " + path + " (" + ErrorText.describe(e)
                    + "); the stack is on stderr above");
            return false;
        }
    }

    private static Row row(String runId, LocalDate date, String stage, int attempt, String part, Throwable error,
                           String log, Timestamp now) {
        Throwable root = ErrorText.root(error);
        List<String> frames = ErrorText.ourFrames(root, ErrorText.FRAMES);
        if (frames.isEmpty()) {
            frames = ErrorText.ourFrames(error, ErrorText.FRAMES);
        }
        return RowFactory.create(runId, Date.valueOf(date), stage, attempt, part, root.getClass().getName(),
                ErrorText.message(root), String.join(" <- ", frames), ErrorText.describe(error), log, now);
    }
}

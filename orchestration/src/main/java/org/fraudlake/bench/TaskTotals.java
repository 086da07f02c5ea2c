package org.fraudlake.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark listener that counts the jobs started (in all, and per call site: the line of our code whose action
 * started it, such as {@code count at FeaturesJob.java:120}; Delta's own jobs name the write or read that caused
 * them) and stages completed since it was registered, and sums the metrics of every finished task: tasks, input
 * records and bytes, shuffle bytes read and written, output records and bytes, executor CPU time. A
 * {@link Probe} reads the totals at the start and end of a window and keeps the difference.
 */
final class TaskTotals extends SparkListener {
    /** Cumulative task metrics at one moment. */
    record Snapshot(long jobs, long stages, long tasks, long inputRecords, long inputBytes, long shuffleReadBytes, long shuffleWriteBytes,
                    long outputRecords, long outputBytes, long cpuNanos) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(jobs - o.jobs, stages - o.stages, tasks - o.tasks, inputRecords - o.inputRecords, inputBytes - o.inputBytes,
                    shuffleReadBytes - o.shuffleReadBytes, shuffleWriteBytes - o.shuffleWriteBytes,
                    outputRecords - o.outputRecords, outputBytes - o.outputBytes, cpuNanos - o.cpuNanos);
        }
    }

    private long jobs;
    private long stages;
    private long tasks;
    private long inputRecords;
    private long inputBytes;
    private long shuffleReadBytes;
    private long shuffleWriteBytes;
    private long outputRecords;
    private long outputBytes;
    private long cpuNanos;

    private final Map<String, Long> jobsBySite = new HashMap<>();

    /** The call site of each running SQL execution (its root's: the action of ours that the execution serves). */
    private final Map<Long, String> executionSites = new HashMap<>();

    @Override
    public synchronized void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            Object root = start.rootExecutionId().getOrElse(() -> start.executionId());
            String site = executionSites.get((Long) root);
            executionSites.put(start.executionId(), site != null ? site : site(start.description(), start.details()));
        } else if (event instanceof SparkListenerSQLExecutionEnd end) {  // its jobs have started; nested ones end first
            executionSites.remove(end.executionId());
        }
    }

    /**
     * An execution's site: its description (Spark's "count at File.java:41", or the job description our code set,
     * such as "ingest calls 2026-11-02", then followed by the first line of ours in the call stack past the core's
     * helpers).
     */
    static String site(String description, String details) {
        String ours = null;
        for (String frame : details == null ? new String[0] : details.split("\n")) {
            int open = frame.indexOf('(');
            if (frame.startsWith("org.fraudlake.") && open > 0 && frame.endsWith(")")) {
                String line = frame.substring(open + 1, frame.length() - 1);
                if (!frame.startsWith("org.fraudlake.core.")) {  // past the shared helpers (DeltaIO) to the job
                    ours = line;
                    break;
                }
                ours = ours == null ? line : ours;
            }
        }
        return ours == null || description.contains(ours) ? description : description + " (" + ours + ")";
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobs++;
        String execution = start.properties() == null ? null
                : start.properties().getProperty(SQLExecution.EXECUTION_ID_KEY());
        String site = execution == null ? null : executionSites.get(Long.parseLong(execution));
        int last = -1;
        for (StageInfo stage : CollectionConverters.asJava(start.stageInfos())) {
            if (site == null && stage.stageId() > last) {  // an RDD job's result stage is named after its call site
                last = stage.stageId();
                site = stage.name();
            }
        }
        jobsBySite.merge(site == null || site.isBlank() ? "(unknown)" : site, 1L, Long::sum);
    }

    /** Jobs started so far per call site. */
    synchronized Map<String, Long> jobsBySite() {
        return new HashMap<>(jobsBySite);
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
        stages++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        tasks++;
        TaskMetrics m = end.taskMetrics();
        if (m == null) {
            return;
        }
        inputRecords += m.inputMetrics().recordsRead();
        inputBytes += m.inputMetrics().bytesRead();
        shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
        shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        outputRecords += m.outputMetrics().recordsWritten();
        outputBytes += m.outputMetrics().bytesWritten();
        cpuNanos += m.executorCpuTime();
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(jobs, stages, tasks, inputRecords, inputBytes, shuffleReadBytes, shuffleWriteBytes, outputRecords,
                outputBytes, cpuNanos);
    }
}

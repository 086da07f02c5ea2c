package org.fraudlake.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A Spark listener that counts the jobs started and stages completed since it was registered, and sums the metrics
 * of every finished task: tasks, input
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

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobs++;
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

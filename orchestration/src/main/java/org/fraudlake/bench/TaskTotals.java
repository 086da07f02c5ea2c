package org.fraudlake.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A Spark listener that sums the metrics of every finished task since it was registered: tasks, input
 * records and bytes, shuffle bytes read and written, output records and bytes, executor CPU time. A
 * {@link Probe} reads the totals at the start and end of a window and keeps the difference.
 */
final class TaskTotals extends SparkListener {
    /** Cumulative task metrics at one moment. */
    record Snapshot(long tasks, long inputRecords, long inputBytes, long shuffleReadBytes, long shuffleWriteBytes,
                    long outputRecords, long outputBytes, long cpuNanos) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(tasks - o.tasks, inputRecords - o.inputRecords, inputBytes - o.inputBytes,
                    shuffleReadBytes - o.shuffleReadBytes, shuffleWriteBytes - o.shuffleWriteBytes,
                    outputRecords - o.outputRecords, outputBytes - o.outputBytes, cpuNanos - o.cpuNanos);
        }
    }

    private long tasks;
    private long inputRecords;
    private long inputBytes;
    private long shuffleReadBytes;
    private long shuffleWriteBytes;
    private long outputRecords;
    private long outputBytes;
    private long cpuNanos;

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
        return new Snapshot(tasks, inputRecords, inputBytes, shuffleReadBytes, shuffleWriteBytes, outputRecords,
                outputBytes, cpuNanos);
    }
}

package org.fraudlake.bench;

/**
 * What one measured window cost: wall time; Spark jobs (one per action: a write, a count, a collect), the stages
 * they ran and their tasks, with the tasks' input, shuffle and output; executor CPU and
 * JVM garbage-collection time; peak heap; files, bytes and Delta commits it left in the lake. Sums of windows
 * add everything but the peak heap, which is the largest.
 */
public record Measure(double wallS, long jobs, long stages, long tasks, long inputRecords, long inputBytes, long shuffleReadBytes,
                      long shuffleWriteBytes, long outputRecords, long outputBytes, double cpuS, double gcS,
                      long peakHeapBytes, long filesWritten, long bytesWritten, long deltaCommits) {

    /** Nothing measured yet: the start of a sum. */
    public static final Measure ZERO = new Measure(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Both windows together. */
    public Measure plus(Measure o) {
        return new Measure(wallS + o.wallS, jobs + o.jobs, stages + o.stages, tasks + o.tasks, inputRecords + o.inputRecords,
                inputBytes + o.inputBytes, shuffleReadBytes + o.shuffleReadBytes,
                shuffleWriteBytes + o.shuffleWriteBytes, outputRecords + o.outputRecords,
                outputBytes + o.outputBytes, cpuS + o.cpuS, gcS + o.gcS, Math.max(peakHeapBytes, o.peakHeapBytes),
                filesWritten + o.filesWritten, bytesWritten + o.bytesWritten, deltaCommits + o.deltaCommits);
    }
}

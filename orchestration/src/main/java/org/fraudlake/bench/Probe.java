package org.fraudlake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;

/**
 * Measures windows of work in this JVM, one at a time: {@link #start} resets the heap pools' peaks and notes
 * the Spark task totals, GC time and the lake's files; {@link #stop} waits for Spark's listener bus to deliver
 * every finished task, then returns the differences as a {@link Measure}. In local mode the executors run in
 * this JVM, so the heap peak covers them; on a cluster it is the driver's only.
 */
public final class Probe implements AutoCloseable {
    private static final long DRAIN_MILLIS = 60_000;

    private final SparkSession spark;
    private final TaskTotals totals = new TaskTotals();
    private LakeFiles files;
    private long startNanos;
    private TaskTotals.Snapshot startTasks;
    private long startGcMillis;
    private Map<String, Long> startFiles;
    private Map<String, Long> startSites = Map.of();
    private List<Map.Entry<String, Long>> lastSites = List.of();

    /** Registers a task listener on the session; {@link #close} removes it. */
    public Probe(SparkSession spark) {
        this.spark = spark;
        spark.sparkContext().addSparkListener(totals);
    }

    /** Counts files written into this lake from now on (null: none). */
    public Probe watch(Lake lake) {
        this.files = lake == null ? null : new LakeFiles(lake, spark.sparkContext().hadoopConfiguration());
        return this;
    }

    /** Starts a window. */
    public void start() {
        drain();
        startFiles = listFiles();
        startTasks = totals.snapshot();
        startSites = totals.jobsBySite();
        startGcMillis = gcMillis();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
        startNanos = System.nanoTime();
    }

    /** Ends the window started last and returns what it cost. */
    public Measure stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        double gc = (gcMillis() - startGcMillis) / 1e3;
        drain();
        TaskTotals.Snapshot t = totals.snapshot().minus(startTasks);
        lastSites = sitesSince(startSites, totals.jobsBySite());
        LakeFiles.Written w = startFiles == null ? LakeFiles.Written.NONE : LakeFiles.diff(startFiles, listFiles());
        return new Measure(wall, t.jobs(), t.stages(), t.tasks(), t.inputRecords(), t.inputBytes(), t.shuffleReadBytes(),
                t.shuffleWriteBytes(), t.outputRecords(), t.outputBytes(), t.cpuNanos() / 1e9, gc, peak, w.files(),
                w.bytes(), w.commits());
    }

    /**
     * The jobs of the window {@link #stop} ended last, per call site, most jobs first (ties by site): where a stage's
     * jobs come from, such as the counts and collects of our code and the writes that cost Delta several jobs each.
     */
    public List<Map.Entry<String, Long>> jobsBySite() {
        return lastSites;
    }

    private static List<Map.Entry<String, Long>> sitesSince(Map<String, Long> before, Map<String, Long> now) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        now.forEach((site, n) -> {
            long added = n - before.getOrDefault(site, 0L);
            if (added > 0) {
                out.add(Map.entry(site, added));
            }
        });
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return List.copyOf(out);
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(totals);
    }

    private void drain() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(DRAIN_MILLIS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("bench: Spark's listener bus did not deliver the finished tasks' metrics "
                    + "within " + DRAIN_MILLIS / 1000 + " s", e);
        }
    }

    private Map<String, Long> listFiles() {
        if (files == null) {
            return null;
        }
        try {
            return files.list();
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot list the lake's files to count those written", e);
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}

package org.fraudlake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's profile of a window: Spark jobs (in all and per call site), stages and tasks, files and Delta commits.
 */
@ExtendWith(SparkTestExtension.class)
class ProbeTest {
    private final SparkSession spark;

    ProbeTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void countsTheJobsStagesTasksFilesAndCommitsOfAWindow(@TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        spark.sparkContext().setJobDescription(null);  // not one an earlier test in this JVM left on the thread
        try (Probe probe = new Probe(spark).watch(lake)) {
            probe.start();
            DeltaIO.overwrite(spark.range(100).toDF("n").repartition(2), lake.gold("probe_test"));
            long n = spark.range(10).count();
            Measure m = probe.stop();
            assertEquals(10, n);
            assertTrue(m.jobs() >= 2, "the write and the count are a job each at least (Delta adds its own): " + m);
            assertTrue(m.stages() >= 2, "the write's shuffle and the count ran stages: " + m);
            assertTrue(m.tasks() >= m.stages(), m.toString());
            assertEquals(1, m.deltaCommits(), "one Delta commit: " + m);
            assertEquals(2, m.filesWritten(), "two partitions, a data file each: " + m);
            List<Map.Entry<String, Long>> sites = probe.jobsBySite();
            assertEquals(m.jobs(), sites.stream().mapToLong(Map.Entry::getValue).sum(),
                    "every job has a site: " + sites);
            assertTrue(sites.stream().anyMatch(e -> e.getKey().startsWith("count at ProbeTest.java:")),
                    "the count is named by its line: " + sites);
            assertTrue(sites.stream().anyMatch(e -> e.getKey().contains("DeltaIO.java:")),
                    "the write's jobs are named by the line that wrote: " + sites);

            probe.start();
            spark.sparkContext().setJobDescription("probe test label");
            spark.range(5).count();
            spark.sparkContext().setJobDescription(null);
            probe.stop();
            assertTrue(probe.jobsBySite().stream()
                            .allMatch(e -> e.getKey().startsWith("probe test label (ProbeTest.java:")),
                    "a job description names the jobs, with the line of ours that ran them: " + probe.jobsBySite());

            probe.start();
            Measure idle = probe.stop();
            assertEquals(0, idle.jobs() + idle.stages() + idle.tasks() + idle.deltaCommits(), idle.toString());
            assertEquals(List.of(), probe.jobsBySite());
        }
    }
}

package org.fraudlake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.ConformJob;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.pipelines.spark.Sessions;

/** The stages of the night that exist so far, run for one business date with progress on {@code out}. */
public final class Night {
    private final FraudlakeConfig config;
    private final Lake lake;
    private final PrintStream out;

    public Night(FraudlakeConfig config, PrintStream out) {
        this.config = config;
        this.lake = new Lake(config.get(FraudlakeConfig.LAKE_ROOT));
        this.out = out;
    }

    public Lake lake() {
        return lake;
    }

    public SparkSession spark() {
        return Sessions.create("fraudlake", config.get(FraudlakeConfig.SPARK_MASTER),
                config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
    }

    public IngestReport ingest(SparkSession spark, LocalDate date) throws IOException {
        out.println("ingest " + date);
        return new IngestJob(lake, line -> out.println("  " + line)).run(spark, date);
    }

    public Map<String, Long> conform(SparkSession spark, LocalDate date) throws IOException {
        out.println("conform " + date);
        Pseudonymizer p = Pseudonymizer.fromKeyFile(Path.of(config.get(FraudlakeConfig.KEY_FILE)));
        return new ConformJob(lake, p, out::println).run(spark, date);
    }

    /** Business dates with deliveries in landing. */
    public java.util.List<LocalDate> landedDates(SparkSession spark) throws IOException {
        return new IngestJob(lake, line -> { }).pendingDates(spark);
    }
}

package org.fraudlake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.pipelines.spark.Sessions;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fraudlake bench ingest}: ingest throughput for one simulated day next to a minimal Spark job that
 * only reads the same CSV files and writes them to Delta, in the same JVM, each run twice (the first run
 * warms the JVM and is not reported). Prints rows, seconds, rows/s and the ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks. 'bench ingest': ingest vs a bare CSV->Delta Spark job on the same day.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", description = "What to measure: ingest.")
    String what;

    @Option(names = "--persons", split = ",", description = "City sizes, comma separated (default 20000,100000).")
    List<Integer> persons = List.of(20_000, 100_000);

    @Option(names = "--dir", description = "Scratch folder, deleted afterwards (default ./bench).")
    Path dir = Path.of("bench");

    @Override
    public Integer call() throws Exception {
        if (!what.equals("ingest")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; valid: ingest");
        }
        FraudlakeConfig config = common.config();
        SparkSession spark = Sessions.create("fraudlake-bench", config.get(FraudlakeConfig.SPARK_MASTER),
                config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
        LocalDate day = config.get(FraudlakeConfig.SIMULATOR_START);
        List<String> lines = new ArrayList<>();
        for (int p : persons) {
            Path root = dir.resolve("p" + p);
            delete(root);
            Lake lake = new Lake(root.resolve("lake").toAbsolutePath().toString());
            SimulateCommand.run(lake, new SimulationConfig(p, 1, 7L, day, false));
            double[] base = new double[2];
            double[] ingest = new double[2];
            long rows = 0;
            for (int round = 0; round < 2; round++) {
                base[round] = baseline(spark, lake, day, root.resolve("baseline" + round));
                delete(root.resolve("lake/bronze"));
                delete(root.resolve("lake/ops"));
                delete(root.resolve("lake/quarantine"));
                long t0 = System.nanoTime();
                IngestReport r = new IngestJob(lake, s -> { }).run(spark, day);
                ingest[round] = (System.nanoTime() - t0) / 1e9;
                rows = r.loaded() + r.quarantined();
            }
            lines.add(String.format("persons %,7d: %,9d rows | bare CSV->Delta %6.1f s (%,8.0f rows/s) | "
                            + "ingest %6.1f s (%,8.0f rows/s) | ingest/bare time ratio %.2f", p, rows, base[1],
                    rows / base[1], ingest[1], rows / ingest[1], ingest[1] / base[1]));
            delete(root);
        }
        System.out.println("bench ingest (one simulated day, second of two runs, " + spark.sparkContext().master()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores):");
        lines.forEach(l -> System.out.println("  " + l));
        return 0;
    }

    /** The bare job: per delivery, read the manifest's CSV files with their header and write them to Delta. */
    private static double baseline(SparkSession spark, Lake lake, LocalDate day, Path out) throws IOException {
        delete(out);
        long t0 = System.nanoTime();
        for (FeedSchema feed : Feeds.ALL) {
            Path feedDir = Path.of(lake.landing(), feed.name());
            if (!Files.isDirectory(feedDir)) {
                continue;
            }
            try (Stream<Path> sources = Files.list(feedDir)) {
                for (Path source : sources.sorted().toList()) {
                    Path folder = source.resolve(day.toString());
                    Manifest m = Manifest.parse(Files.readAllBytes(folder.resolve(Manifest.FILE_NAME)));
                    String[] files = m.files().stream().map(f -> folder.resolve(f.name()).toString())
                            .toArray(String[]::new);
                    spark.read().option("header", "true").option("multiLine", "true")
                            .csv(files)
                            .write().format("delta").mode(SaveMode.Append)
                            .save(out.resolve(feed.name()).resolve(source.getFileName().toString())
                                    .toAbsolutePath().toString());
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

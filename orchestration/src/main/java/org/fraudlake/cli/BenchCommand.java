package org.fraudlake.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.bench.BenchHtml;
import org.fraudlake.bench.BenchReport;
import org.fraudlake.bench.CityCache;
import org.fraudlake.bench.NightBench;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.StandardNight;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.simulator.SimulationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fraudlake bench [night]}: simulates a city once (cached under {@code <dir>/cache}) and a half-size one,
 * backfills the nights before the last simulated date, then times that last night stage by stage (wall time,
 * rows in and out, rows/s per core, peak heap, shuffle bytes, tasks, files written) next to a bare CSV-to-Delta
 * job on the same night's files; the half-size city gives each stage's scaling exponent. Prints a table and
 * writes {@code results.json} and {@code results.html}.
 *
 * <p>{@code fraudlake bench ingest}: ingest of one simulated day against the bare job, twice each in one JVM
 * (the first run warms it up), per city size.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks.",
                "'bench [night]': simulate a city once (cached) and a half-size one; backfill the nights before the "
                        + "last simulated date, then time that night stage by stage next to a bare CSV->Delta job "
                        + "on its files; print a table, write results.json and results.html. The timed night "
                        + "refits the models (train.every-days 1) so every stage works; it needs "
                        + "train.valid-days + 3 nights before it for that (the default 9 days). At 20,000 persons "
                        + "the default takes about an hour on 2 cores; --backfill-days shortens it.",
                "'bench ingest': ingest vs a bare CSV->Delta Spark job on one simulated day per city size."})
public final class BenchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?]");

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "night", description = "What to measure: night "
            + "(default) or ingest.")
    String what;

    @Option(names = "--persons", split = ",", description = "Persons in the city (night: one size, default 20000; "
            + "ingest: comma separated, default 20000,100000).")
    List<Integer> persons;

    @Option(names = "--days", description = "Days to simulate; the last is the timed night (default 9).")
    int days = 9;

    @Option(names = "--backfill-days", description = "Nights run before the timed one (default: every simulated "
            + "day before it). Fewer is faster; under train.valid-days + 3 the timed night cannot train or score.")
    Integer backfillDays;

    @Option(names = "--to-stage", paramLabel = "STAGE", description = "Time the night only through this stage (and "
            + "the stages it needs), e.g. conform to look at landing alone; default the whole night.")
    String toStage;

    @Option(names = "--seed", description = "Simulator seed (default 7).")
    long seed = 7L;

    @Option(names = "--dir", description = "Bench folder: the city cache and the benched lakes (default ./bench).")
    Path dir = Path.of("bench");

    @Option(names = "--out", description = "Results folder (default <dir>/results).")
    Path out;

    @Option(names = "--keep-lakes", description = "Keep the benched lakes under <dir>/lakes (default: deleted).")
    boolean keepLakes;

    @Override
    public Integer call() throws Exception {
        return switch (what) {
            case "night" -> night();
            case "ingest" -> ingest();
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; valid: night, ingest");
        };
    }

    private int night() throws IOException {
        List<Integer> sizes = persons == null ? List.of(20_000) : persons;
        if (sizes.size() != 1 || sizes.get(0) < 2) {
            throw new IllegalArgumentException("bench night: --persons takes one city size of at least 2 (got "
                    + sizes + "); run the bench once per size");
        }
        if (days < 1) {
            throw new IllegalArgumentException("bench night: --days " + days + " must be at least 1");
        }
        int before = backfillDays == null ? days - 1 : backfillDays;
        if (before < 0 || before > days - 1) {
            throw new IllegalArgumentException("bench night: --backfill-days " + before + " must be 0.." + (days - 1)
                    + " (the simulated days before the timed night)");
        }
        if (toStage != null) {
            StandardNight.GRAPH.stage(toStage);  // an unknown name fails listing the stages
        }
        int p = sizes.get(0);
        Path results = out != null ? out : dir.resolve("results");
        Files.createDirectories(results);
        FraudlakeConfig config = common.config().withShortWarmUp()
                .with(FraudlakeConfig.KEY_FILE, dir.resolve("keys/pseudonym.key").toAbsolutePath().toString())
                .with(FraudlakeConfig.SIGNING_KEY, dir.resolve("keys/signing.key").toAbsolutePath().toString())
                .with(FraudlakeConfig.READINESS_DEADLINE, "none");
        LocalDate start = config.get(FraudlakeConfig.SIMULATOR_START);
        String command = "fraudlake bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String startedAt = Instant.now().toString();
        double loadBefore = load();

        CityCache cache = new CityCache(dir.resolve("cache"));
        CityCache.City full = cache.get(new SimulationConfig(p, days, seed, start, false), this::progress);
        CityCache.City half = cache.get(new SimulationConfig(p / 2, days, seed, start, false), this::progress);

        Path logFile = results.resolve("run.log");
        try (OutputStream logBytes = Files.newOutputStream(logFile);
             PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8)) {
            progress("runner output: " + logFile);
            SparkSession spark = Sessions.create("fraudlake", config.get(FraudlakeConfig.SPARK_MASTER),
                    config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
            int cores = cores(spark);
            NightBench bench = new NightBench(config, cores, log, this::progress);
            Path lakes = dir.resolve("lakes");
            NightBench.CityFigures fullFigures = bench.run(full, lakes.resolve("p" + p), before, toStage);
            progress("city figures: " + BenchReport.writeJson(fullFigures, results.resolve("city-p" + p + ".json")));
            NightBench.CityFigures halfFigures = bench.run(half, lakes.resolve("p" + p / 2), before, toStage);
            progress("city figures: " + BenchReport.writeJson(halfFigures, results.resolve("city-p" + p / 2 + ".json")));
            if (!keepLakes) {
                CityCache.delete(lakes);
            }
            BenchReport.Machine machine = new BenchReport.Machine(spark.sparkContext().master(), cores,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.version"), spark.version(), loadBefore, load());
            BenchReport report = BenchReport.of(command, startedAt, machine, fullFigures, halfFigures);
            report.print(System.out);
            Path json = report.writeJson(results);
            Path html = BenchHtml.write(report, results);
            System.out.println("results: " + json.toAbsolutePath());
            System.out.println("page:    " + html.toAbsolutePath());
        }
        return 0;
    }

    private void progress(String line) {
        LOG.debug(line);
        System.out.println("bench: " + line);
    }

    /** Cores Spark runs tasks on: N of local[N], the machine's of local[*], else the default parallelism. */
    static int cores(SparkSession spark) {
        String master = spark.sparkContext().master();
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) {
            return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
        }
        if (master.equals("local")) {
            return 1;
        }
        return spark.sparkContext().defaultParallelism();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private int ingest() throws Exception {
        List<Integer> sizes = persons == null ? List.of(20_000, 100_000) : persons;
        FraudlakeConfig config = common.config();
        SparkSession spark = Sessions.create("fraudlake-bench", config.get(FraudlakeConfig.SPARK_MASTER),
                config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
        LocalDate day = config.get(FraudlakeConfig.SIMULATOR_START);
        List<String> lines = new ArrayList<>();
        for (int p : sizes) {
            Path root = dir.resolve("p" + p);
            CityCache.delete(root);
            Lake lake = new Lake(root.resolve("lake").toAbsolutePath().toString());
            SimulateCommand.run(lake, new SimulationConfig(p, 1, seed, day, false));
            double[] base = new double[2];
            double[] ingest = new double[2];
            long rows = 0;
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                NightBench.bare(spark, lake, day, root.resolve("baseline" + round).toAbsolutePath());
                base[round] = (System.nanoTime() - t0) / 1e9;
                CityCache.delete(root.resolve("lake/bronze"));
                CityCache.delete(root.resolve("lake/ops"));
                CityCache.delete(root.resolve("lake/quarantine"));
                t0 = System.nanoTime();
                IngestReport r = new IngestJob(lake, s -> { }).run(spark, day);
                ingest[round] = (System.nanoTime() - t0) / 1e9;
                rows = r.loaded() + r.quarantined();
            }
            lines.add(String.format("persons %,7d: %,9d rows | bare CSV->Delta %6.1f s (%,8.0f rows/s) | "
                            + "ingest %6.1f s (%,8.0f rows/s) | ingest/bare time ratio %.2f", p, rows, base[1],
                    rows / base[1], ingest[1], rows / ingest[1], ingest[1] / base[1]));
            CityCache.delete(root);
        }
        System.out.println("bench ingest (one simulated day, second of two runs, " + spark.sparkContext().master()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores):");
        lines.forEach(l -> System.out.println("  " + l));
        return 0;
    }
}

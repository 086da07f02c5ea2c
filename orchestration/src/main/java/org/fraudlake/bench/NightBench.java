package org.fraudlake.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.LakeKeys;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.RunLedger;
import org.fraudlake.orchestration.StageObserver;
import org.fraudlake.orchestration.StandardNight;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.landing.Manifest;

/**
 * One city's bench: a fresh lake gets the cached city's deliveries, {@link NightRunner} backfills the nights
 * before the timed one, then runs the timed night (the last simulated date) with {@code train.every-days 1}
 * so the models are refitted and every stage does its work; each stage attempt is measured by a
 * {@link Probe}. Last, the bare baseline job reads the timed night's CSV files and writes them to Delta with
 * no logic. The runners' own output goes to {@code log}; one line per stage goes to {@code progress}.
 */
public final class NightBench {
    /** One backfill or night: its dates, wall-clock time (stages plus the runner's bookkeeping), stages. */
    public record Run(LocalDate from, LocalDate to, int nights, double clockS, List<StageFigures> stages) {
        /** The stages' own time, without the runner's bookkeeping. */
        public double stagesS() {
            return stages.stream().mapToDouble(s -> s.measure().wallS()).sum();
        }

        /** The figures of the named stage. */
        public StageFigures stage(String name) {
            return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
        }
    }

    /** The bare baseline: read the night's CSV files, write them to Delta, nothing else. */
    public record Bare(LocalDate date, long files, long inputRecords, Measure measure) {
    }

    /** One city's figures. */
    public record CityFigures(int persons, int days, long seed, long simulatedRows, long deliveries,
                              double simulateS, boolean simulationCached, Run backfill, Run night, Bare bare) {
    }

    private final FraudlakeConfig base;
    private final int cores;
    private final PrintStream log;
    private final Consumer<String> progress;

    /**
     * @param base     settings of the runs (keys, Spark); the lake root is set per city
     * @param cores    cores Spark runs tasks on, for rows per second per core
     * @param log      where the runners write their usual output
     * @param progress one line per stage and night
     */
    public NightBench(FraudlakeConfig base, int cores, PrintStream log, Consumer<String> progress) {
        this.base = base;
        this.cores = cores;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Benches the city in a fresh lake at {@code work/lake} (the bare baseline writes to {@code work/bare}).
     *
     * @param backfillDays nights run before the timed one (at most the simulated days before it)
     * @param toStage      the timed night runs through this stage and those it needs; null: every stage
     */
    public CityFigures run(CityCache.City city, Path work, int backfillDays, String toStage) throws IOException {
        int persons = city.config().persons();
        LocalDate last = city.config().startDate().plusDays(city.config().days() - 1L);
        int before = Math.min(backfillDays, city.config().days() - 1);
        LocalDate from = last.minusDays(before);
        CityCache.delete(work);
        Path lakeRoot = work.resolve("lake").toAbsolutePath();
        Files.createDirectories(lakeRoot);
        CityCache.linkInto(city, lakeRoot);
        Lake lake = new Lake(lakeRoot.toString());
        FraudlakeConfig config = base.with(FraudlakeConfig.LAKE_ROOT, lake.root());
        String label = String.format("[%,d persons]", persons);

        NightRunner backfiller = new NightRunner(config, log);
        SparkSession spark = backfiller.spark();
        LakeKeys.init(config, lake, spark.sparkContext().hadoopConfiguration(), false, "bench night").forEach(log::println);
        try (Probe probe = new Probe(spark).watch(lake)) {
            Run backfill = null;
            if (before > 0) {
                Windows windows = new Windows(probe, label);
                backfiller.observe(windows);
                progress.accept(String.format("%s backfill %s..%s (%d nights)", label, from, last.minusDays(1), before));
                long t0 = System.nanoTime();
                List<NightRunner.Outcome> outcomes = backfiller.backfill(from, last.minusDays(1), false);
                double clock = (System.nanoTime() - t0) / 1e9;
                requireCompleted(outcomes, label);
                backfill = figures(from, last.minusDays(1), clock, outcomes, windows, null);
                progress.accept(String.format("%s backfill done in %.1f s", label, clock));
            }
            NightRunner timed = new NightRunner(config.with(FraudlakeConfig.TRAIN_EVERY_DAYS, "1"), log);
            Windows windows = new Windows(probe, label);
            timed.observe(windows);
            progress.accept(String.format("%s timed night %s", label, last));
            long t0 = System.nanoTime();
            NightRunner.Outcome outcome = timed.run(last, toStage, false);
            double clock = (System.nanoTime() - t0) / 1e9;
            requireCompleted(List.of(outcome), label);
            Run night = figures(last, last, clock, List.of(outcome), windows, toStage);
            progress.accept(String.format("%s timed night done in %.1f s", label, clock));

            Path bareRoot = work.resolve("bare").toAbsolutePath();
            probe.watch(new Lake(bareRoot.toString()));
            probe.start();
            long files = bare(spark, lake, last, bareRoot);
            Measure m = probe.stop();
            progress.accept(String.format("%s bare CSV->Delta of %s: %d files in %.1f s", label, last, files, m.wallS()));
            return new CityFigures(persons, city.config().days(), city.config().seed(), city.rows(), city.deliveries(),
                    city.simulateS(), city.cached(), backfill, night, new Bare(last, files, m.inputRecords(), m));
        }
    }

    private static void requireCompleted(List<NightRunner.Outcome> outcomes, String label) {
        for (NightRunner.Outcome o : outcomes) {
            if (!o.completed()) {
                throw new IllegalStateException(label + " the night of " + o.date() + " stopped before its end; "
                        + "the bench needs complete nights (see the run log)");
            }
        }
    }

    private Run figures(LocalDate from, LocalDate to, double clock, List<NightRunner.Outcome> outcomes,
                        Windows windows, String toStage) {
        List<StageFigures> stages = new ArrayList<>();
        for (String stage : StandardNight.GRAPH.through(toStage)) {
            Measure m = Measure.ZERO;
            Map<String, Integer> statuses = new TreeMap<>();
            long rowsOut = 0;
            boolean anyOut = false;
            long ledgerIn = 0;
            boolean allIn = true;
            int nights = 0;
            for (NightRunner.Outcome o : outcomes) {
                RunLedger.Entry e = o.stages().stream().filter(x -> x.stage().equals(stage) && x.completed())
                        .reduce((a, b) -> b).orElse(null);
                if (e == null) {
                    continue;
                }
                nights++;
                statuses.merge(e.status(), 1, Integer::sum);
                m = m.plus(windows.of(o.date(), stage));
                if (e.rowsOut() != null) {
                    rowsOut += e.rowsOut();
                    anyOut = true;
                }
                if (e.rowsIn() != null) {
                    ledgerIn += e.rowsIn();
                } else {
                    allIn = false;
                }
            }
            String status = statuses.size() == 1 && nights == 1 ? statuses.keySet().iterator().next()
                    : statuses.entrySet().stream().map(x -> x.getValue() + " " + x.getKey())
                    .reduce((a, b) -> a + ", " + b).orElse("NOT RUN");
            long rowsIn = allIn && nights > 0 ? ledgerIn : m.inputRecords();
            Double perCore = m.wallS() > 0 ? rowsIn / m.wallS() / cores : null;
            stages.add(new StageFigures(stage, status, nights, rowsIn, allIn && nights > 0 ? StageFigures.LEDGER
                    : StageFigures.SPARK, anyOut ? rowsOut : null, perCore, m));
        }
        return new Run(from, to, outcomes.size(), clock, stages);
    }

    /** The bare job: per delivery of the date, read its manifest's CSV files with their header, write Delta. */
    public static long bare(SparkSession spark, Lake lake, LocalDate day, Path out) throws IOException {
        CityCache.delete(out);
        try {
            return bareCopy(spark, lake, day, out);
        } finally {
            spark.sparkContext().setJobDescription(null);  // a thread's description names its later jobs too
        }
    }

    private static long bareCopy(SparkSession spark, Lake lake, LocalDate day, Path out) throws IOException {
        long files = 0;
        for (FeedSchema feed : Feeds.ALL) {
            Path feedDir = Path.of(lake.landing(), feed.name());
            if (!Files.isDirectory(feedDir)) {
                continue;
            }
            try (Stream<Path> sources = Files.list(feedDir)) {
                for (Path source : sources.sorted().toList()) {
                    Path folder = source.resolve(day.toString());
                    if (!Files.isRegularFile(folder.resolve(Manifest.FILE_NAME))) {
                        continue;
                    }
                    Manifest m = Manifest.parse(Files.readAllBytes(folder.resolve(Manifest.FILE_NAME)));
                    String[] csv = m.files().stream().map(f -> folder.resolve(f.name()).toString())
                            .toArray(String[]::new);
                    files += csv.length;
                    spark.sparkContext().setJobDescription("bench bare " + feed.name() + "/" + source.getFileName());
                    spark.read().option("header", "true").option("multiLine", "true").csv(csv)
                            .write().format("delta").mode(SaveMode.Append)
                            .save(out.resolve(feed.name()).resolve(source.getFileName().toString()).toString());
                }
            }
        }
        return files;
    }

    /** The stage windows of one runner: measured by the probe, summed per date and stage (retries add up). */
    private final class Windows implements StageObserver {
        /** Call sites printed per stage window, those with most jobs first. */
        private static final int TOP_SITES = 8;

        private final Probe probe;
        private final String label;
        private final Map<String, Measure> measures = new LinkedHashMap<>();

        Windows(Probe probe, String label) {
            this.probe = probe;
            this.label = label;
        }

        @Override
        public void started(String stage, LocalDate date) {
            probe.start();
        }

        @Override
        public void ended(String stage, LocalDate date) {
            Measure m = probe.stop();
            measures.merge(date + "/" + stage, m, Measure::plus);
            progress.accept(String.format("%s %s %-8s %7.1f s  %,d jobs, %,d stages, %,d tasks, %,d Delta commits, "
                            + "shuffle %s, heap peak %s", label, date, stage, m.wallS(), m.jobs(), m.stages(), m.tasks(),
                    m.deltaCommits(), BenchReport.mb(m.shuffleReadBytes() + m.shuffleWriteBytes()),
                    BenchReport.mb(m.peakHeapBytes())));
            List<Map.Entry<String, Long>> sites = probe.jobsBySite();
            if (!sites.isEmpty()) {
                progress.accept("    jobs by call site: " + sites.stream().limit(TOP_SITES)
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                        + (sites.size() > TOP_SITES ? ", " + (sites.size() - TOP_SITES) + " more sites" : ""));
            }
        }

        Measure of(LocalDate date, String stage) {
            return measures.getOrDefault(date + "/" + stage, Measure.ZERO);
        }
    }
}

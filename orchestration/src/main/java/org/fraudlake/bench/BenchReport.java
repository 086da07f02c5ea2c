package org.fraudlake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bench's result: the full-size city, the half-size city, and the ratios that survive a noisy machine: the
 * timed night's ingest over the bare CSV-to-Delta job, and the scaling exponent of each stage,
 * {@code log(t_full / t_half) / log(persons_full / persons_half)} (1: linear in the city's size, 0: constant).
 * Printed as a table, written as {@code results.json} and, through {@link BenchHtml}, {@code results.html}.
 */
public record BenchReport(String command, String startedAt, Machine machine, NightBench.CityFigures full,
                          NightBench.CityFigures half, Double ingestOverBare, Double ingestOverBareHalf,
                          Map<String, Double> stageExponents, Double nightExponent, Double bareExponent) {

    /** Where it ran: Spark master, the cores tasks run on, the JVM's heap limit, the load before and after. */
    public record Machine(String sparkMaster, int cores, int availableProcessors, long maxHeapBytes, String java,
                          String spark, double loadBefore, double loadAfter) {
    }

    /** Stage times below this are too short to give an exponent. */
    static final double MIN_SECONDS = 0.05;

    /** Computes the ratios of the two cities. */
    public static BenchReport of(String command, String startedAt, Machine machine, NightBench.CityFigures full,
                                 NightBench.CityFigures half) {
        double sizes = full.persons() / (double) half.persons();
        Map<String, Double> exponents = new LinkedHashMap<>();
        for (StageFigures s : full.night().stages()) {
            exponents.put(s.stage(), exponent(s.measure().wallS(), half.night().stage(s.stage()).measure().wallS(),
                    sizes));
        }
        return new BenchReport(command, startedAt, machine, full, half, ratio(full), ratio(half), exponents,
                exponent(full.night().stagesS(), half.night().stagesS(), sizes),
                exponent(full.bare().measure().wallS(), half.bare().measure().wallS(), sizes));
    }

    static Double exponent(double full, double half, double sizes) {
        if (full < MIN_SECONDS || half < MIN_SECONDS || sizes <= 1) {
            return null;
        }
        return Math.log(full / half) / Math.log(sizes);
    }

    private static Double ratio(NightBench.CityFigures c) {
        double bare = c.bare().measure().wallS();
        return bare > 0 ? c.night().stage("ingest").measure().wallS() / bare : null;
    }

    /** Writes {@code results.json}. */
    public Path writeJson(Path dir) throws IOException {
        return writeJson(this, dir.resolve("results.json"));
    }

    /** Writes any of the bench's records as indented JSON (dates as ISO strings). */
    public static Path writeJson(Object value, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .registerModule(new SimpleModule().addSerializer(LocalDate.class, ToStringSerializer.instance));
        json.writeValue(file.toFile(), value);
        return file;
    }

    /** Prints the timed night's stage table, the totals and the ratios. */
    public void print(PrintStream out) {
        out.printf("%nfraudlake bench: timed night %s, %,d persons (half-size city %,d), %s, %d cores, load %.1f -> %.1f%n",
                full.night().to(), full.persons(), half.persons(), machine.sparkMaster(), machine.cores(),
                machine.loadBefore(), machine.loadAfter());
        out.printf("%-9s %-10s %8s %12s %12s %10s %9s %11s %5s %6s %7s %6s %7s %8s %6s%n", "stage", "status",
                "wall s", "rows in", "rows out", "rows/s/c", "heap MB", "shuffle MB", "jobs", "stages", "tasks", "files",
                "commits", "half s", "exp");
        for (StageFigures s : full.night().stages()) {
            Measure m = s.measure();
            out.printf("%-9s %-10s %8.1f %12s %12s %10s %9s %11s %5d %6d %7d %6d %7d %8.1f %6s%n", s.stage(),
                    s.status().length() > 10 ? s.status().substring(0, 10) : s.status(), m.wallS(),
                    count(s.rowsIn()) + (StageFigures.SPARK.equals(s.rowsInFrom()) ? "*" : ""), count(s.rowsOut()),
                    s.rowsPerSecPerCore() == null ? "-" : count(Math.round(s.rowsPerSecPerCore())),
                    mb(m.peakHeapBytes()), mb(m.shuffleReadBytes() + m.shuffleWriteBytes()), m.jobs(), m.stages(),
                    m.tasks(), m.filesWritten(), m.deltaCommits(), half.night().stage(s.stage()).measure().wallS(),
                    num(stageExponents.get(s.stage())));
        }
        out.printf("%-20s %8.1f   (clock %.1f s with the runner's bookkeeping; half-size city %.1f s; exponent %s)%n",
                "night, stages", full.night().stagesS(), full.night().clockS(), half.night().stagesS(),
                num(nightExponent));
        out.println("  * rows in: Spark input records of the stage's tasks (the stage does not report rows read)");
        if (full.backfill() != null) {
            out.printf("backfill %s..%s: %d nights in %.1f s (stages %.1f s); half-size city %.1f s%n",
                    full.backfill().from(), full.backfill().to(), full.backfill().nights(), full.backfill().clockS(),
                    full.backfill().stagesS(), half.backfill() == null ? 0 : half.backfill().clockS());
        }
        out.printf("baseline (a) bare CSV->Delta of the night's %d files: %.1f s; ingest %.1f s = %s x the bare job "
                        + "(half-size city: %s x)%n", full.bare().files(), full.bare().measure().wallS(),
                full.night().stage("ingest").measure().wallS(), num(ingestOverBare), num(ingestOverBareHalf));
        out.printf("baseline (b) scaling exponent, %,d vs %,d persons: night %s, bare job %s (1 = linear)%n",
                full.persons(), half.persons(), num(nightExponent), num(bareExponent));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
    }

    static String count(Long n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}

package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * Crash drill: the nights of a small simulated city run uninterrupted once (the reference); then, per case,
 * on a fresh copy of the landing, a child JVM runs a night and is killed with SIGKILL at a seeded random
 * moment (a random stage, a random delay after it starts), the night is run again to completion, and every
 * Delta table and every outbox file is compared with the reference ({@link LakeDiff}): nothing lost, nothing
 * duplicated, the outbox byte-identical.
 */
public final class CrashDrill {
    /** Longest delay after the chosen stage starts before the kill. */
    static final int MAX_DELAY_MS = 6_000;

    private final DrillSettings settings;
    private final Scratch scratch;
    private final SparkSession spark;
    private final PrintStream out;

    public CrashDrill(DrillSettings settings, SparkSession spark, PrintStream out) {
        this.settings = settings;
        this.scratch = new Scratch(settings);
        this.spark = spark;
        this.out = out;
    }

    public DrillReport run() throws IOException, InterruptedException {
        DrillReport report = new DrillReport("crash", out);
        Path reference;
        try {
            reference = reference();
        } catch (IllegalStateException e) {
            report.add("reference run", false, e.getMessage());
            return report;
        }
        Random rng = new Random(settings.seed());
        List<LocalDate> dates = settings.dates();
        List<String> stages = settings.stages();
        for (int i = 1; i <= settings.cases(); i++) {
            LocalDate killDate = dates.get(rng.nextInt(dates.size()));
            String stage = stages.get(rng.nextInt(stages.size()));
            int delay = rng.nextInt(MAX_DELAY_MS);
            String name = String.format("case %d: night %s, SIGKILL %d ms after stage %s starts", i, killDate, delay,
                    stage);
            try {
                report.check(name, crashCase(i, reference, killDate, stage, delay),
                        "re-run identical to the uninterrupted run");
            } catch (IllegalStateException e) {
                report.add(name, false, e.getMessage());
            }
        }
        return report;
    }

    /** The uninterrupted run, kept in the scratch folder for the same city and stages. */
    Path reference() throws IOException, InterruptedException {
        String tag = "crash-ref-" + (settings.toStage() == null ? "all" : settings.toStage());
        Path lake = scratch.root().resolve(tag);
        Path done = scratch.root().resolve(tag + ".done");
        String what = settings.persons() + "p " + settings.days() + "d s" + settings.seed() + " " + settings.start();
        if (Files.exists(done) && Files.readString(done).equals(what)) {
            out.println("crash: reference run reused from " + lake);
            return lake;
        }
        Files.deleteIfExists(done);
        scratch.freshLake(lake.getFileName().toString());
        out.println("crash: reference: the uninterrupted night(s) " + settings.dates() + " in " + lake);
        for (LocalDate d : settings.dates()) {
            complete(lake, d, "reference");
        }
        Files.writeString(done, what);
        return lake;
    }

    private List<String> crashCase(int i, Path reference, LocalDate killDate, String stage, int delay)
            throws IOException, InterruptedException {
        Path lake = scratch.freshLake("crash-case-" + i);
        String moment = "finished before the kill";
        for (LocalDate d : settings.dates()) {
            if (d.equals(killDate)) {
                ChildJvm child = ChildJvm.start(scratch.runArgs(lake, d), settings.childHeap(),
                        scratch.root().resolve("logs/crash-case-" + i + "-killed.log"));
                String starts = stage + " " + d;
                if (child.awaitLine(l -> l.startsWith(starts), settings.childTimeout())) {
                    Thread.sleep(delay);
                }
                if (child.alive()) {
                    List<String> lines = child.output().lines().filter(l -> !l.isBlank()).toList();
                    child.kill();
                    moment = "killed; last line: " + (lines.isEmpty() ? "(none)" : abbreviate(lines.get(lines.size() - 1)));
                }
            }
            complete(lake, d, "case " + i);
        }
        List<String> problems = new ArrayList<>(LakeDiff.compare(spark, reference, lake));
        if (problems.isEmpty()) {
            out.println("  " + moment + "; re-run matches the uninterrupted run ("
                    + LakeDiff.deltaTables(lake).size() + " tables, " + LakeDiff.checksums(lake.resolve("outbox")).size()
                    + " outbox files)");
            Scratch.deleteTree(lake);
        } else {
            problems.add(0, moment);
            problems.add("lake kept at " + lake);
        }
        return problems;
    }

    /** Runs a night to the end in a child JVM; fails naming the log when it does not exit 0. */
    private void complete(Path lake, LocalDate date, String label) throws IOException, InterruptedException {
        Path log = scratch.root().resolve("logs/" + lake.getFileName() + "-" + date + "-" + System.nanoTime() + ".log");
        ChildJvm.Exit exit = ChildJvm.run(scratch.runArgs(lake, date), settings.childHeap(), log, settings.childTimeout());
        if (exit.code() != 0) {
            throw new IllegalStateException(label + ": `fraudlake run --date " + date + "` exited " + exit.code()
                    + " (log " + log + "): " + lastLines(exit.log(), 5));
        }
    }

    static String lastLines(String log, int n) {
        List<String> lines = log.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}

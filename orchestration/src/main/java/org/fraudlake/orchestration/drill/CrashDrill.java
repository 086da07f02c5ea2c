package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;
import org.fraudlake.orchestration.LakeLock;
import org.fraudlake.orchestration.RunLedger;

/**
 * Crash drill: the nights of a small simulated city run uninterrupted once (the reference); then, per case,
 * on a fresh copy of the landing, a child JVM runs a night and is killed with SIGKILL at a seeded random
 * moment (a random stage, a random delay after the lake lock shows that stage started), the night is run again
 * to completion, and every Delta table and every outbox file is compared with the reference ({@link LakeDiff}):
 * nothing lost, nothing duplicated, the outbox byte-identical.
 *
 * <p>A case counts only a kill that provably hit the night mid-way ({@link Kill#missed()}): the child died of
 * the SIGKILL (exit {@value #SIGKILL_EXIT}), the lake lock it left still names it, and the run ledger shows the
 * night incomplete. A kill that missed (the night had finished, the child had exited) is retried on a fresh
 * lake at an earlier moment, at most {@value #MAX_TRIES} tries; a case that never lands its kill fails, naming
 * why each try missed. The re-run must then record the killed stage attempt as ABORTED.
 */
public final class CrashDrill {
    /** Longest delay after the chosen stage starts before the kill. */
    static final int MAX_DELAY_MS = 6_000;
    /** Kill attempts per case: the seeded moment, then the same stage at once, then the night's first stage at once. */
    static final int MAX_TRIES = 3;
    /** How a JVM killed by SIGKILL (signal 9) exits, as {@link Process#exitValue()} reports it. */
    static final int SIGKILL_EXIT = 128 + 9;
    /** How often the lake lock is read while waiting for the chosen stage to start. */
    private static final long LOCK_POLL_MS = 20;

    /** When to kill: this many milliseconds after the lake lock shows this stage started. */
    record Moment(String stage, int delayMs) {
        @Override
        public String toString() {
            return "SIGKILL " + delayMs + " ms after stage " + stage + " starts";
        }
    }

    /**
     * What one kill left behind: how the child ended, the holder its lake lock names afterwards (null: none),
     * and whether the run ledger shows the night complete.
     */
    record Kill(Moment moment, long childPid, int exitCode, LakeLock.Holder holder, boolean nightComplete) {
        /** Null when the kill provably hit the night mid-way; otherwise why it did not. */
        String missed() {
            if (exitCode != SIGKILL_EXIT) {
                return "the child ended by itself (exit " + exitCode + ") before the kill";
            }
            if (holder == null || holder.pid() != childPid) {
                return "the child (pid " + childPid + ") no longer held the lake when it was killed (the lock names "
                        + LakeLock.describe(holder) + ")";
            }
            if (nightComplete) {
                return "the run ledger shows the night complete: the kill came after the night's work";
            }
            return null;
        }

        /** Where the kill hit, from the lock the child left. */
        String where() {
            return holder == null || holder.stage() == null ? "between stages"
                    : "during " + holder.stage() + " of " + holder.date() + " (attempt " + holder.attempt() + ")";
        }
    }

    /** One kill attempt at a moment, on a fresh lake. */
    @FunctionalInterface
    interface KillTry {
        Kill attempt(int tryNo, Moment moment) throws IOException, InterruptedException;
    }

    /** The kill that landed (null: none did) and why each earlier try missed. */
    record Landed(Kill kill, List<String> misses) {
    }

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
            Moment seeded = new Moment(stages.get(rng.nextInt(stages.size())), rng.nextInt(MAX_DELAY_MS));
            String name = "case " + i + ": night " + killDate + ", " + seeded;
            try {
                report.check(name, crashCase(i, reference, killDate, moments(seeded, stages.get(0))),
                        "killed mid-night; re-run identical to the uninterrupted run");
            } catch (IllegalStateException e) {
                report.add(name, false, e.getMessage());
            }
        }
        return report;
    }

    /** The moments a case tries, in order: the seeded one, then earlier ones. */
    static List<Moment> moments(Moment seeded, String firstStage) {
        return List.of(seeded, new Moment(seeded.stage(), 0), new Moment(firstStage, 0)).stream().distinct()
                .limit(MAX_TRIES).toList();
    }

    /**
     * Kills at each moment in turn until a kill provably lands mid-night (at most {@value #MAX_TRIES} tries);
     * prints each miss.
     */
    static Landed killMidNight(List<Moment> moments, KillTry attempt, PrintStream out)
            throws IOException, InterruptedException {
        List<String> misses = new ArrayList<>();
        int tryNo = 0;
        for (Moment m : moments.subList(0, Math.min(MAX_TRIES, moments.size()))) {
            tryNo++;
            Kill k = attempt.attempt(tryNo, m);
            String missed = k.missed();
            if (missed == null) {
                return new Landed(k, misses);
            }
            misses.add("try " + tryNo + " (" + m + "): " + missed);
            out.println("  try " + tryNo + " missed (" + m + "): " + missed);
        }
        return new Landed(null, misses);
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

    private List<String> crashCase(int i, Path reference, LocalDate killDate, List<Moment> moments)
            throws IOException, InterruptedException {
        Landed landed = killMidNight(moments, (tryNo, m) -> killOnce(i, tryNo, caseLake(i, tryNo), killDate, m), out);
        for (int missed = 1; missed <= landed.misses().size(); missed++) {
            Scratch.deleteTree(caseLake(i, missed));
        }
        Path lake = caseLake(i, landed.misses().size() + 1);
        if (landed.kill() == null) {
            List<String> problems = new ArrayList<>(List.of("no kill hit the night mid-way in " + MAX_TRIES + " tries"));
            problems.addAll(landed.misses());
            return problems;
        }
        Kill kill = landed.kill();
        String moment = "SIGKILL (exit " + kill.exitCode() + ") " + kill.where() + ", " + kill.moment()
                + (landed.misses().isEmpty() ? "" : ", try " + (landed.misses().size() + 1));
        for (LocalDate d : settings.dates()) {
            if (!d.isBefore(killDate)) {
                complete(lake, d, "case " + i);
            }
        }
        List<String> problems = new ArrayList<>();
        abortedRecorded(lake, killDate, kill).ifPresent(problems::add);
        problems.addAll(LakeDiff.compare(spark, reference, lake));
        if (problems.isEmpty()) {
            out.println("  " + moment + "; the re-run " + (kill.holder().stage() == null ? "resumed it"
                    : "recorded the attempt ABORTED") + " and matches the uninterrupted run ("
                    + LakeDiff.deltaTables(lake).size() + " tables, " + LakeDiff.checksums(lake.resolve("outbox")).size()
                    + " outbox files)");
            Scratch.deleteTree(lake);
        } else {
            problems.add(0, moment);
            problems.add("lake kept at " + lake);
        }
        return problems;
    }

    /** Each try its own lake (a table deleted and made again at the same path could meet a cached log). */
    private Path caseLake(int i, int tryNo) {
        return scratch.root().resolve("crash-case-" + i + "-try-" + tryNo);
    }

    /**
     * On a fresh lake: the nights before {@code killDate} to the end, then the night of {@code killDate} in a child
     * killed at the moment; what the child left behind.
     */
    private Kill killOnce(int i, int tryNo, Path lake, LocalDate killDate, Moment m)
            throws IOException, InterruptedException {
        scratch.freshLake(lake.getFileName().toString());
        for (LocalDate d : settings.dates()) {
            if (d.isBefore(killDate)) {
                complete(lake, d, "case " + i);
            }
        }
        Lake target = new Lake(lake.toString());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ChildJvm child = ChildJvm.start(scratch.runArgs(lake, killDate), settings.childHeap(),
                scratch.root().resolve("logs/crash-case-" + i + "-try-" + tryNo + "-killed.log"));
        if (awaitStage(child, target, hadoop, killDate, m.stage())) {
            Thread.sleep(m.delayMs());
        }
        int exit = child.kill();
        LakeLock.Holder left = LakeLock.named(target, hadoop);
        Map<String, RunLedger.Entry> latest = new RunLedger(spark, target).latest(killDate);
        boolean complete = settings.stages().stream().allMatch(s -> RunLedger.completed(latest, s));
        return new Kill(m, child.pid(), exit, left, complete);
    }

    /**
     * Waits until the child's lake lock shows it running {@code stage} of {@code date}; false when the child
     * ended first or the child timeout passed.
     */
    private boolean awaitStage(ChildJvm child, Lake lake, Configuration hadoop, LocalDate date, String stage)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.childTimeout().toNanos();
        while (child.alive() && System.nanoTime() < deadline) {
            LakeLock.Holder h = LakeLock.named(lake, hadoop);
            if (h != null && h.pid() == child.pid() && stage.equals(h.stage()) && date.toString().equals(h.date())) {
                return true;
            }
            Thread.sleep(LOCK_POLL_MS);
        }
        return false;
    }

    /** A problem when the killed stage attempt is not in the ledger as ABORTED after the re-run. */
    private Optional<String> abortedRecorded(Path lake, LocalDate date, Kill kill) {
        LakeLock.Holder h = kill.holder();
        if (h.stage() == null) {
            return Optional.empty();
        }
        boolean recorded = new RunLedger(spark, new Lake(lake.toString())).entries(date).stream()
                .anyMatch(e -> RunLedger.ABORTED.equals(e.status()) && e.runId().equals(h.runId())
                        && e.stage().equals(h.stage()));
        return recorded ? Optional.empty() : Optional.of("the re-run did not record the killed attempt ("
                + h.stage() + " of " + h.runId() + ") as ABORTED in the run ledger");
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

}

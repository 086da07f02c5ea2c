package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.ExitCodes;
import org.fraudlake.orchestration.NightRunner;

/**
 * Concurrency drill: runs on one lake at once. Cases cycle through: two child JVMs started together (one
 * must refuse with exit 3 naming the holder, or wait for it; two runs that never met, one after the other, are
 * started again with their starts offset until they do); a child started while this JVM holds the lake (it
 * must refuse at once, naming this process); and a child told to wait (it must say it waits, and finish after
 * the holder lets go). Every case thus shows the two runs contending for the lake lock. Afterwards the lake's
 * tables must equal those of a single uninterrupted run.
 */
public final class ConcurrencyDrill {
    /** Tries of the two-at-once case before it fails for want of contention. */
    static final int MAX_TRIES = 3;
    /** What a run prints while it waits for the lake lock. */
    static final String WAITING = "waiting up to";
    /** How a run's first line, printed once it holds the lake lock, begins. */
    static final String RUN_STARTED = "== ";
    /** The lake each case starts from (a retried race gets a fresh one beside it). */
    private static final String CASE_LAKE = "concurrency-case";
    /** How often the children's logs are read during a race. */
    private static final long WATCH_MS = 50;

    private final DrillSettings settings;
    private final Scratch scratch;
    private final SparkSession spark;
    private final PrintStream out;

    public ConcurrencyDrill(DrillSettings settings, SparkSession spark, PrintStream out) {
        this.settings = settings;
        this.scratch = new Scratch(settings);
        this.spark = spark;
        this.out = out;
    }

    public DrillReport run() throws IOException, InterruptedException {
        DrillReport report = new DrillReport("concurrency", out);
        LocalDate date = settings.dates().get(0);
        Path reference = scratch.freshLake("concurrency-ref");
        runHere(reference, date);
        for (int i = 0; i < settings.cases(); i++) {
            Path lake = scratch.freshLake(CASE_LAKE);
            String name;
            List<String> problems = new ArrayList<>();
            try {
                switch (i % 3) {
                    case 0 -> {
                        name = "case " + (i + 1) + ": two runs of " + date + " started at once";
                        lake = twoAtOnce(lake, date, i, problems);
                    }
                    case 1 -> {
                        name = "case " + (i + 1) + ": a run while this process holds the lake (lock-wait 0)";
                        whileHeld(lake, date, i, false, problems);
                    }
                    default -> {
                        name = "case " + (i + 1) + ": a run told to wait while this process holds the lake";
                        whileHeld(lake, date, i, true, problems);
                    }
                }
                problems.addAll(LakeDiff.compare(spark, reference, lake));
                report.check(name, problems, "one run at a time; tables equal to a single run's");
                if (!lake.getFileName().toString().equals(CASE_LAKE)) {
                    Scratch.deleteTree(lake);
                }
            } catch (RuntimeException e) {
                report.add("case " + (i + 1), false, "drill error: " + e.getMessage());
            }
        }
        Scratch.deleteTree(scratch.root().resolve(CASE_LAKE));
        return report;
    }

    /**
     * Two children of the night started together. They must contend: one refuses (exit 3) naming the other as
     * holder, or one waits for it. When both simply finish, one after the other (the second found the night
     * done), the pair is started again on a fresh lake, each child's start delayed by how much sooner than
     * the other it reached the lake lock last time, so that both reach it together; at most
     * {@value #MAX_TRIES} tries.
     */
    private Path twoAtOnce(Path first, LocalDate date, int i, List<String> problems)
            throws IOException, InterruptedException {
        long delayA = 0;
        long delayB = 0;
        List<String> misses = new ArrayList<>();
        Path lake = first;
        for (int tryNo = 1; tryNo <= MAX_TRIES; tryNo++) {
            if (tryNo > 1) {
                Scratch.deleteTree(lake);
                lake = scratch.freshLake(first.getFileName() + "-try-" + tryNo);
            }
            Race r = race(lake, date, "concurrency-" + i + "-try-" + tryNo, delayA, delayB);
            out.printf("  try %d (starts +%d ms, +%d ms): exits %d and %d%n", tryNo, delayA, delayB, r.a().code(),
                    r.b().code());
            String missed = contended(r, problems);
            if (missed == null) {
                return lake;
            }
            misses.add("try " + tryNo + ": " + missed);
            out.println("  " + missed + "; starting them again");
            if (r.lockedA() >= 0 && r.lockedB() >= 0) {
                long startupA = r.lockedA() - delayA;
                long startupB = r.lockedB() - delayB;
                delayA = Math.max(0, startupB - startupA);
                delayB = Math.max(0, startupA - startupB);
            }
        }
        problems.add("the two runs never contended for the lake in " + MAX_TRIES + " tries: " + String.join("; ", misses));
        return lake;
    }

    /**
     * Null when the race shows contention (checking the refusal names its holder), else why it does not. An
     * outcome that is neither contention nor a clean pair of finished runs is added to {@code problems} and
     * counts as decided (no retry).
     */
    static String contended(Race r, List<String> problems) {
        int codeA = r.a().code();
        int codeB = r.b().code();
        if (codeA == 0 && codeB == 0) {
            if (r.a().log().contains(WAITING) || r.b().log().contains(WAITING)) {
                return null;
            }
            return "both runs finished without meeting: one took the lake after the other had released it";
        }
        if (!((codeA == 0 && codeB == ExitCodes.LOCKED) || (codeB == 0 && codeA == ExitCodes.LOCKED))) {
            problems.add("expected one run to finish (0) and the other to refuse (" + ExitCodes.LOCKED + "), got "
                    + codeA + " and " + codeB + ": " + CrashDrill.lastLines(r.a().log(), 3) + " / "
                    + CrashDrill.lastLines(r.b().log(), 3));
            return null;
        }
        ChildJvm.Exit refused = codeA == ExitCodes.LOCKED ? r.a() : r.b();
        long winner = codeA == ExitCodes.LOCKED ? r.pidB() : r.pidA();
        if (!refused.log().contains("pid " + winner)) {
            problems.add("the refused run does not name the holder (pid " + winner + "): "
                    + CrashDrill.lastLines(refused.log(), 2));
        }
        return null;
    }

    /**
     * Two children of one night, how they ended, and when (ms after the race began) each reached the lake lock
     * (its run's first line), -1 if it never did.
     */
    record Race(ChildJvm.Exit a, long pidA, long lockedA, ChildJvm.Exit b, long pidB, long lockedB) {
    }

    /** Starts child A after {@code delayA} ms and B after {@code delayB} ms, and watches both to their ends. */
    private Race race(Path lake, LocalDate date, String tag, long delayA, long delayB)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Thread.sleep(Math.min(delayA, delayB));
        ChildJvm first = ChildJvm.start(scratch.runArgs(lake, date), settings.childHeap(),
                scratch.root().resolve("logs/" + tag + (delayA <= delayB ? "-a" : "-b") + ".log"));
        Thread.sleep(Math.abs(delayA - delayB));
        ChildJvm second = ChildJvm.start(scratch.runArgs(lake, date), settings.childHeap(),
                scratch.root().resolve("logs/" + tag + (delayA <= delayB ? "-b" : "-a") + ".log"));
        ChildJvm a = delayA <= delayB ? first : second;
        ChildJvm b = delayA <= delayB ? second : first;
        long lockedA = -1;
        long lockedB = -1;
        long deadline = t0 + settings.childTimeout().toNanos();
        while ((a.alive() || b.alive()) && System.nanoTime() < deadline) {
            long now = (System.nanoTime() - t0) / 1_000_000;
            lockedA = lockedA < 0 && holdsLake(a) ? now : lockedA;
            lockedB = lockedB < 0 && holdsLake(b) ? now : lockedB;
            Thread.sleep(WATCH_MS);
        }
        ChildJvm.Exit ea = a.await(settings.childTimeout());
        ChildJvm.Exit eb = b.await(settings.childTimeout());
        long end = (System.nanoTime() - t0) / 1_000_000;
        return new Race(ea, a.pid(), lockedA < 0 && holdsLake(a) ? end : lockedA, eb, b.pid(),
                lockedB < 0 && holdsLake(b) ? end : lockedB);
    }

    /** Whether the child's log shows it took the lake (a run prints its first line holding the lock). */
    private static boolean holdsLake(ChildJvm c) {
        return c.output().lines().anyMatch(l -> l.startsWith(RUN_STARTED));
    }

    private void whileHeld(Path lake, LocalDate date, int i, boolean waits, List<String> problems)
            throws IOException, InterruptedException {
        NightRunner holder = new NightRunner(config(lake), new PrintStream(PrintStream.nullOutputStream()));
        List<String> args = new ArrayList<>(scratch.runArgs(lake, date));
        if (waits) {
            args.addAll(List.of("--set", "run.lock-wait=" + settings.childTimeout().toSeconds() + "s"));
        }
        ChildJvm child = holder.withLock("concurrency drill holder", () -> {
            ChildJvm c = ChildJvm.start(args, settings.childHeap(), scratch.root().resolve("logs/concurrency-" + i + ".log"));
            try {
                if (waits && !c.awaitLine(l -> l.contains(WAITING), settings.childTimeout())) {
                    problems.add("the waiting run never said it waits: " + CrashDrill.lastLines(c.output(), 3));
                } else if (!waits) {
                    c.await(settings.childTimeout());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while holding " + lake, e);
            }
            return c;
        });
        ChildJvm.Exit exit = child.await(settings.childTimeout());
        if (waits) {
            if (exit.code() != 0) {
                problems.add("the waiting run exited " + exit.code() + " after the lake was released: "
                        + CrashDrill.lastLines(exit.log(), 3));
            } else {
                out.println("  the waiting run finished after the lake was released");
            }
            return;
        }
        long pid = ProcessHandle.current().pid();
        if (exit.code() != ExitCodes.LOCKED) {
            problems.add("expected exit " + ExitCodes.LOCKED + " (locked), got " + exit.code() + ": "
                    + CrashDrill.lastLines(exit.log(), 3));
        } else if (!exit.log().contains("pid " + pid)) {
            problems.add("the refusal does not name the holder (pid " + pid + "): " + CrashDrill.lastLines(exit.log(), 2));
        } else {
            out.println("  refused: " + CrashDrill.lastLines(exit.log(), 1));
        }
        runHere(lake, date);
    }

    /** The night in this JVM (reference, and completing a lake whose child was refused). */
    private void runHere(Path lake, LocalDate date) throws IOException {
        NightRunner runner = new NightRunner(config(lake), new PrintStream(PrintStream.nullOutputStream()));
        if (!runner.run(date, settings.toStage(), false).completed()) {
            throw new IllegalStateException("the night of " + date + " on " + lake + " did not complete");
        }
    }

    private FraudlakeConfig config(Path lake) {
        return FraudlakeConfig.defaults().with(FraudlakeConfig.LAKE_ROOT, lake.toString())
                .with(FraudlakeConfig.KEY_FILE, scratch.pseudonymKey().toString())
                .with(FraudlakeConfig.SIGNING_KEY, scratch.signingKey().toString())
                .with(FraudlakeConfig.READINESS_DEADLINE, "none").withShortWarmUp();
    }
}

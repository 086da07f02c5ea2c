package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.cli.FraudlakeCli;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.NightRunner;

/**
 * Concurrency drill: runs on one lake at once. Cases cycle through: two child JVMs started together (one
 * must refuse with exit 3 naming the holder, or both finish if one waited); a child started while this JVM
 * holds the lake (it must refuse at once, naming this process); and a child told to wait (it must finish
 * after the holder lets go). Afterwards the lake's tables must equal those of a single uninterrupted run.
 */
public final class ConcurrencyDrill {
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
            Path lake = scratch.freshLake("concurrency-case");
            String name;
            List<String> problems = new ArrayList<>();
            try {
                switch (i % 3) {
                    case 0 -> {
                        name = "case " + (i + 1) + ": two runs of " + date + " started at once";
                        twoAtOnce(lake, date, i, problems);
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
            } catch (RuntimeException e) {
                report.add("case " + (i + 1), false, "drill error: " + e.getMessage());
            }
        }
        Scratch.deleteTree(scratch.root().resolve("concurrency-case"));
        return report;
    }

    private void twoAtOnce(Path lake, LocalDate date, int i, List<String> problems)
            throws IOException, InterruptedException {
        ChildJvm a = ChildJvm.start(scratch.runArgs(lake, date), settings.childHeap(),
                scratch.root().resolve("logs/concurrency-" + i + "-a.log"));
        ChildJvm b = ChildJvm.start(scratch.runArgs(lake, date), settings.childHeap(),
                scratch.root().resolve("logs/concurrency-" + i + "-b.log"));
        ChildJvm.Exit ea = a.await(settings.childTimeout());
        ChildJvm.Exit eb = b.await(settings.childTimeout());
        int codeA = ea.code();
        int codeB = eb.code();
        out.printf("  exits %d and %d%n", codeA, codeB);
        if (codeA == 0 && codeB == 0) {
            out.println("  both completed: one ran after the other (the second found the night done or waited)");
            return;
        }
        if (!((codeA == 0 && codeB == FraudlakeCli.LOCKED) || (codeB == 0 && codeA == FraudlakeCli.LOCKED))) {
            problems.add("expected one run to finish (0) and the other to refuse (" + FraudlakeCli.LOCKED + "), got "
                    + codeA + " and " + codeB + ": " + CrashDrill.lastLines(ea.log(), 3) + " / "
                    + CrashDrill.lastLines(eb.log(), 3));
            return;
        }
        ChildJvm.Exit refused = codeA == FraudlakeCli.LOCKED ? ea : eb;
        ChildJvm winner = codeA == FraudlakeCli.LOCKED ? b : a;
        if (!refused.log().contains("pid " + winner.pid())) {
            problems.add("the refused run does not name the holder (pid " + winner.pid() + "): "
                    + CrashDrill.lastLines(refused.log(), 2));
        }
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
                if (waits && !c.awaitLine(l -> l.contains("waiting up to"), settings.childTimeout())) {
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
        if (exit.code() != FraudlakeCli.LOCKED) {
            problems.add("expected exit " + FraudlakeCli.LOCKED + " (locked), got " + exit.code() + ": "
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
                .with(FraudlakeConfig.READINESS_DEADLINE, "none");
    }
}

package org.fraudlake.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.LakeLock;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.RunLedger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake runs}: the run ledger. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Show the run ledger ops/runs (every stage attempt: run id, date, stage, status, attempt, "
                + "start, seconds, rows in and out, error or note) and who holds the lake lock. An error names the "
                + "exception, its message and the frames of fraudlake's code where it was thrown; the note names the "
                + "log under ops/logs/ with the whole stack. PARTIAL: the stage completed but some of its parts (a "
                + "model, a lead detector, a report section, a partner's folder) failed; ops/failures lists them.")
public final class RunsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", description = "Only this business date.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        LakeLock.Holder holder = LakeLock.current(runner.lake(), runner.spark().sparkContext().hadoopConfiguration());
        System.out.println("lake lock: " + (holder == null ? "free" : "held by " + holder));
        print(System.out, runner.ledger().entries(date));
        return 0;
    }

    /** The ledger as a table, oldest first. */
    static void print(PrintStream out, List<RunLedger.Entry> entries) {
        out.printf("%-28s %-10s %-9s %-9s %3s %-20s %8s %12s %12s  %s%n", "run", "date", "stage", "status", "try",
                "started (UTC)", "seconds", "rows in", "rows out", "error / note");
        for (RunLedger.Entry e : entries) {
            boolean ended = e.endedAt() != null;
            String started = e.startedAt().toString().replace('T', ' ');
            out.printf("%-28s %-10s %-9s %-9s %3d %-20.19s %8s %12s %12s  %s%n", e.runId(), e.date(), e.stage(),
                    e.partial() ? RunLedger.PARTIAL : e.status(), e.attempt(), started,
                    ended ? String.format("%.1f", Duration.between(e.startedAt(), e.endedAt()).toMillis() / 1e3) : "",
                    e.rowsIn() == null ? "" : String.format("%,d", e.rowsIn()),
                    e.rowsOut() == null ? "" : String.format("%,d", e.rowsOut()),
                    e.error() != null ? e.error() + (e.note() == null ? "" : " [" + e.note() + "]")
                            : e.note() == null ? "" : e.note());
        }
    }
}

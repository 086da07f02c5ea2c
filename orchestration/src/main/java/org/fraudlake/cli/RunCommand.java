package org.fraudlake.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.NightRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake run}: the whole night for one business date, resuming where an earlier run stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the night of --date through the stage graph (ingest, conform, features, graph, train when "
                + "due, score, leads, publish, feedback, report), skipping stages completed before (per ops/runs) "
                + "unless --force. Holds the lake lock; SIGTERM lets the running stage finish. Exit: 0 done, 1 a stage "
                + "failed, 2 bad input, 3 lake locked by another run, 5 stopped before the end (run again to resume).")
public final class RunCommand implements Callable<Integer> {
    static final int STOPPED = org.fraudlake.orchestration.ExitCodes.STOPPED;

    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--to-stage", paramLabel = "STAGE", description = "Stop after this stage (and what it needs).")
    String toStage;

    @Option(names = "--force", description = "Run stages again even if they completed before.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.stopGracefullyOnShutdown(Duration.ofMinutes(30));
        NightRunner.Outcome o = runner.run(date, toStage, force);
        RunsCommand.print(System.out, runner.ledger().entries(date));
        return o.completed() ? 0 : STOPPED;
    }
}

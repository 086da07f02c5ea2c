package org.fraudlake.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.NightRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraudlake run-stage NAME}: one stage of the night, recorded in the run ledger (what Airflow tasks call). */
@Command(name = "run-stage", mixinStandardHelpOptions = true,
        description = "Run one stage of the night for --date, even if it completed before, recorded in ops/runs and "
                + "under the lake lock. Refuses when a stage it needs has not completed for the date, unless --force. "
                + "Exit codes as for `run`.")
public final class RunStageCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "STAGE", description = "ingest, conform, features, graph, train, score, "
            + "leads, publish, feedback or report.")
    String stage;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--force", description = "Run even if the stages it needs have not completed for the date.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.stopGracefullyOnShutdown(Duration.ofMinutes(30));
        runner.runStage(stage, date, force);
        return 0;
    }
}

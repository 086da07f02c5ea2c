package org.fraudlake.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.NightRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake backfill}: the night for every date of a range, in order. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run the night for every date from --from to --to in order, skipping dates already complete "
                + "unless --force; stops at the first failure (run it again to resume). Exit codes as for `run`.")
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, description = "First business date YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last business date YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--force", description = "Run complete dates and stages again.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.stopGracefullyOnShutdown(Duration.ofMinutes(30));
        List<NightRunner.Outcome> outcomes = runner.backfill(from, to, force);
        boolean stopped = outcomes.stream().anyMatch(o -> !o.completed());
        System.out.printf("backfill %s..%s: %d nights run in %.1f s%s%n", from, to, outcomes.size(),
                (System.nanoTime() - t0) / 1e9, stopped ? ", stopped early" : "");
        return stopped ? RunCommand.STOPPED : 0;
    }
}

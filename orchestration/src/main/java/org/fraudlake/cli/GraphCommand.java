package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.graph.GraphJob;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake graph}: victim fund tracing, gang communities and risk propagation for a date. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Trace victim money through the pooled money-flow graph (gold/fund_traces, "
                + "gold/fund_trace_flows) and write the daily graph features of accounts and numbers: gang "
                + "communities and risk propagated from labelled entities (gold/graph_account_daily, "
                + "gold/graph_phone_daily), for a business date over a rolling window.")
public final class GraphCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--hops", description = "Hops money is traced downstream (default: ${DEFAULT-VALUE}).")
    int hops = GraphJob.Settings.DEFAULTS.maxHops();

    @Option(names = "--window-days", description = "Days of events the graphs span (default: ${DEFAULT-VALUE}).")
    int windowDays = GraphJob.Settings.DEFAULTS.windowDays();

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        GraphJob.Settings settings = GraphJob.Settings.DEFAULTS.withMaxHops(hops).withWindowDays(windowDays);
        runner.runCommand("graph", date, (spark, d) -> StageResult.of(null,
                StageResult.total(runner.night().graph(spark, d, settings)),
                "fraudlake graph --hops " + hops + " --window-days " + windowDays));
        return 0;
    }
}

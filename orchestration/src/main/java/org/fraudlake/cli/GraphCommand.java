package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.graph.GraphJob;
import picocli.CommandLine;
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
        Night night = new Night(common.config(), System.out);
        SparkSession spark = night.spark();
        GraphJob.Settings settings = GraphJob.Settings.DEFAULTS.withMaxHops(hops).withWindowDays(windowDays);
        System.out.println("graph " + date);
        long t0 = System.nanoTime();
        Map<String, Long> counts = new GraphJob(night.lake(), settings, line -> System.out.println("  " + line))
                .run(spark, date);
        System.out.printf("graph %s done in %.1f s: %s%n", date, (System.nanoTime() - t0) / 1e9, counts);
        return 0;
    }

    /** Runs the command alone (until it is registered with {@code fraudlake}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GraphCommand()).execute(args));
    }
}

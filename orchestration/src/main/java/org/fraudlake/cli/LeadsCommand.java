package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.graph.leads.LeadsJob;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake leads}: economic-crime leads and incident series for a date, printed by typology. */
@Command(name = "leads", mixinStandardHelpOptions = true,
        description = "Find economic-crime leads (round tripping, underground banking, illegal fund-raising, bid "
                + "rigging, shell companies, structuring rings) over the 30 days ending on a business date into "
                + "published/leads, link police incidents into series into published/incident_series, and print "
                + "them by typology. A detector or the series step that fails is left out and reported (exit 1); "
                + "the rest is published.")
public final class LeadsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        return PartsFailed.exitCode(runner.runCommand("leads", date, (spark, d) -> {
            LeadsJob.Result r = runner.night().leads(spark, d);
            return StageResult.of(null, StageResult.total(r.counts()), "fraudlake leads").withFailures(r.failures());
        }));
    }

}

package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake publish}: the night's decisions and the partners' signed outbox for a date. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Decide one warning per entity from the day's champion scores (each model's registry "
                + "threshold), fund traces and leads into published/intercept_list and published/victim_warnings, "
                + "then write and verify every partner's signed folder outbox/<partner>/<date>/.")
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        return PartsFailed.exitCode(runner.runCommand("publish", date, (spark, d) -> {
            org.fraudlake.publish.outbox.Publication p = runner.night().publish(spark, d);
            return StageResult.of(null, (long) p.totalRows(), "fraudlake publish: " + p.totalRows()
                    + " warnings for " + p.rows().size() + " partners").withFailures(p.failures());
        }));
    }
}

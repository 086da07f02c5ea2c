package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake features}: silver to the gold daily aggregates and feature tables for a date. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Build the gold daily aggregates and the per-entity feature tables (account, phone, person, "
                + "company) for a business date, with 1/7/30-day windows from the daily aggregates.")
public final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD (the first one with --to).")
    LocalDate date;

    @Option(names = "--to", description = "Last business date: build every date from --date to --to, in order.")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        LocalDate last = to == null ? date : to;
        for (LocalDate d = date; !d.isAfter(last); d = d.plusDays(1)) {
            runner.runCommand("features", d, (spark, day) -> StageResult.of(null,
                    StageResult.total(runner.night().features(spark, day).counts()), "fraudlake features"));
        }
        return 0;
    }
}

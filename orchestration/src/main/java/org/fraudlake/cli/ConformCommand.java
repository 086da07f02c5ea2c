package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake conform}: bronze to silver for a date. */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Build the silver tables for a business date: typed, UTC, deduplicated, pseudonymized "
                + "(raw identifiers only in vault/identities).")
public final class ConformCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.runCommand("conform", date, (spark, d) -> StageResult.of(null,
                StageResult.total(runner.night().conform(spark, d)), "fraudlake conform"));
        return 0;
    }
}

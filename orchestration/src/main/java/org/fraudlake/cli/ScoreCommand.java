package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake score}: every champion scores the day's active entities into gold/scores. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every entity active on --date with every champion model; writes gold/scores for the "
                + "date (score, threshold, alert, reasons).")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.runCommand("score", date, (spark, d) -> StageResult.of(null,
                StageResult.total(runner.night().score(spark, d)), "fraudlake score"));
        return 0;
    }
}

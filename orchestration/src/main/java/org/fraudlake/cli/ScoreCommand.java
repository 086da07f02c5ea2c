package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.models.ScoreJob;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake score}: every champion scores the day's active entities into gold/scores. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every entity active on --date with every champion model; writes gold/scores for the "
                + "date (score, threshold, alert, reasons). A champion that fails to score is left out and reported "
                + "with its stack (exit 1); the others' scores are written.")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        return PartsFailed.exitCode(runner.runCommand("score", date, (spark, d) -> {
            ScoreJob.Scored s = runner.night().score(spark, d);
            return StageResult.of(null, StageResult.total(s.counts()), "fraudlake score").withFailures(s.failures());
        }));
    }
}

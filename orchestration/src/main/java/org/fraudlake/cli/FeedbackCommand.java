package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake feedback}: what the warnings achieved, from the banks' feedback known by a date. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "From the banks' bank_feedback known by a business date, write published/feedback_impact: "
                + "per bank and model, warnings sent, acted on, accounts frozen, victims contacted and reached in "
                + "time, cleared, amount protected (cumulative to the date).")
public final class FeedbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        runner.runCommand("feedback", date, (spark, d) -> StageResult.of(null,
                runner.night().feedback(spark, d).rows(), "fraudlake feedback"));
        return 0;
    }
}

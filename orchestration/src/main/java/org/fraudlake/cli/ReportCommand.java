package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.publish.report.ReportJob;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake report}: the nightly report for a date; prints where it is. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the nightly report for a business date to reports/<date>/report.html (opens from disk "
                + "in any browser) and report.json (the same figures for machines): input counts, model metrics, "
                + "alert volumes and score distributions, decisions by action and partner, top leads and incident "
                + "series, feedback, amount protected and precision. Sections whose tables do not exist yet say "
                + "'not run yet'; a section that fails says 'failed' and the command exits 1 after writing the rest. "
                + "The last line printed is the path of report.html.")
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        NightRunner runner = new NightRunner(config, System.out);
        String[] html = new String[1];
        int code = PartsFailed.exitCode(runner.runCommand("report", date, (spark, d) -> {
            ReportJob.Output r = runner.night().report(spark, d);
            html[0] = r.html();
            return StageResult.of(null, 1L, r.html()).withFailures(r.failures());
        }));
        System.out.println(html[0]);
        return code;
    }

}

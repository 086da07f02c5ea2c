package org.fraudlake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
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
            ReportJob.Output r = run(runner.lake(), config, spark, d, System.out);
            html[0] = r.html();
            return StageResult.of(null, 1L, r.html()).withFailures(r.failures());
        }));
        System.out.println(html[0]);
        return code;
    }

    /**
     * Writes the report for a date, printing each section's state, then the path of report.html on a line of its
     * own; what the night and the demo call. The command prints the path again as its last line, after the run
     * ledger's line.
     */
    public static ReportJob.Output run(Lake lake, FraudlakeConfig config, SparkSession spark, LocalDate date,
                                       PrintStream out) throws IOException {
        out.println("report " + date);
        long t0 = System.nanoTime();
        ReportJob.Output written = new ReportJob(lake, config.firstTrainDays(), line -> out.println("  " + line))
                .run(spark, date);
        out.printf("report %s done in %.1f s (report.json beside it)%n", date, (System.nanoTime() - t0) / 1e9);
        out.println(written.html());
        return written;
    }
}

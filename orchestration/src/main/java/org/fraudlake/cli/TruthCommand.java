package org.fraudlake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.graph.eval.LeadsEvaluation;
import org.fraudlake.graph.eval.TraceEvaluation;
import org.fraudlake.orchestration.Night;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.eval.DecisionEvaluation;
import org.fraudlake.publish.eval.PublishEvaluation;
import org.fraudlake.publish.eval.SignalEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraudlake truth}: measures what the night found against a simulated city's ground truth
 * ({@code <lake>/truth}, written by the simulator and never read by the pipeline). For simulated lakes only.
 */
@Command(name = "truth", mixinStandardHelpOptions = true,
        description = "On a simulated lake, measure the night against the simulator's ground truth (truth/): "
                + "victim money traced (--traces), schemes found as leads (--leads) as of --to, the published "
                + "warnings over --from..--to (--warnings: precision@k of bank warnings on entities not named "
                + "before, mule accounts warned by the day after their first victim inflow, victim money on the "
                + "FREEZE list before it was cashed out) and the decisions over --from..--to (--decisions: "
                + "precision per action, detected apart, and each partner's nightly load against its budget), and "
                + "the call-then-pay signal over --from..--to before any model with the look-alikes warned "
                + "(--signals). Without a choice, all five.")
public final class TruthCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--from", description = "First published business date (default: --to).")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last business date.")
    LocalDate to;

    @Option(names = "--traces", description = "Victim fund tracing as of --to.")
    boolean traces;

    @Option(names = "--leads", description = "Leads and incident series as of --to.")
    boolean leads;

    @Option(names = "--warnings", description = "Published warnings over --from..--to.")
    boolean warnings;

    @Option(names = "--decisions", description = "New warnings sent over --from..--to: precision per action "
            + "(detected apart) and each partner's nightly load against its budget.")
    boolean decisions;

    @Option(names = "--signals", description = "The call-then-pay events over --from..--to against the truth: "
            + "payments to scheme accounts, victims' payments caught, candidate callers and payees; and per "
            + "look-alike kind (truth/lookalikes.csv) the share warned against the bar of 1 percent.")
    boolean signals;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        Night night = new Night(config, System.out);
        SparkSession spark = night.spark();
        Pseudonymizer key = Pseudonymizer.fromKeyFile(Path.of(config.get(FraudlakeConfig.KEY_FILE)));
        boolean all = !traces && !leads && !warnings && !decisions && !signals;
        if (all || traces) {
            new TraceEvaluation(spark, night.lake(), key).evaluate(to).print(System.out);
        }
        if (all || leads) {
            System.out.println("leads and incident series as of " + to);
            LeadsEvaluation.evaluate(spark, night.lake(), key, to).forEach(r -> System.out.println("  " + r.line()));
        }
        if (all || warnings) {
            PublishEvaluation.evaluate(spark, night.lake(), key, from == null ? to : from, to).print(System.out);
        }
        if (all || decisions) {
            DecisionEvaluation.evaluate(spark, night.lake(), key, from == null ? to : from, to,
                    night.decisionSettings()).print(System.out);
        }
        if (all || signals) {
            SignalEvaluation.evaluate(spark, night.lake(), key, from == null ? to : from, to).print(System.out);
        }
        return 0;
    }
}

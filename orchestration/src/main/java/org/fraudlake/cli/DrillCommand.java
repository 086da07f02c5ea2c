package org.fraudlake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.orchestration.drill.BadInputDrill;
import org.fraudlake.orchestration.drill.ConcurrencyDrill;
import org.fraudlake.orchestration.drill.CrashDrill;
import org.fraudlake.orchestration.drill.DrillReport;
import org.fraudlake.orchestration.drill.DrillSettings;
import org.fraudlake.orchestration.drill.RestatementDrill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraudlake drill}: fault drills on a small simulated city; exits 1 when any case fails. */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Fault drills on a small simulated city in a scratch folder: crash (SIGKILL a night at random "
                + "moments, re-run, compare every table and the outbox with an uninterrupted run), bad-input (corrupted "
                + "deliveries rejected with a reason, or every row loaded or quarantined, nothing else changed), "
                + "concurrency (two runs on one lake), restatement (a re-sent day reflected, the earlier version in "
                + "Delta history). Prints every case and 'tried X, passed Y, failed Z'. Exit 0 all passed, 1 a case failed.")
public final class DrillCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DRILL", description = "crash, bad-input, concurrency, restatement or all.")
    String drill;

    @Option(names = "--persons", defaultValue = "300", description = "Persons in the drill's city (default 300).")
    int persons;

    @Option(names = "--days", defaultValue = "1", description = "Nights the crash drill runs (default 1).")
    int days;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the city and of every random choice.")
    long seed;

    @Option(names = "--start", description = "First business date (default: simulator.start-date).")
    LocalDate start;

    @Option(names = "--cases", defaultValue = "3", description = "Cases per drill (bad-input tries 5x as many).")
    int cases;

    @Option(names = "--to-stage", paramLabel = "STAGE", description = "Crash and concurrency nights stop after this "
            + "stage (default: the whole night); restatement nights too when it is conform or later (default: "
            + "features).")
    String toStage;

    @Option(names = "--dir", defaultValue = "drill-scratch", description = "Scratch folder; the city and the crash "
            + "reference are kept there for the next drill (default ./drill-scratch).")
    Path dir;

    @Option(names = "--child-heap", defaultValue = "2g", description = "Heap of each child fraudlake JVM.")
    String childHeap;

    @Option(names = "--child-timeout", defaultValue = "PT30M", description = "Longest a child run may take (ISO-8601).")
    Duration childTimeout;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        List<String> wanted = drill.equals("all") ? List.of("bad-input", "restatement", "concurrency", "crash")
                : List.of(drill);
        for (String d : wanted) {
            if (!List.of("crash", "bad-input", "concurrency", "restatement").contains(d)) {
                throw new IllegalArgumentException("unknown drill '" + d
                        + "'; valid: crash, bad-input, concurrency, restatement, all");
            }
        }
        DrillSettings settings = new DrillSettings(persons, days, seed,
                start != null ? start : config.get(FraudlakeConfig.SIMULATOR_START), cases, dir, toStage, childHeap,
                childTimeout);
        SparkSession spark = Sessions.create("fraudlake-drill", config.get(FraudlakeConfig.SPARK_MASTER),
                config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
        List<DrillReport> reports = run(wanted, settings, spark, System.out);
        return reports.stream().allMatch(r -> r.failed() == 0) ? 0 : 1;
    }

    /** Runs the drills in order and prints each one's summary, then the total. */
    public static List<DrillReport> run(List<String> drills, DrillSettings settings, SparkSession spark, PrintStream out)
            throws Exception {
        List<DrillReport> reports = new ArrayList<>();
        for (String d : drills) {
            long t0 = System.nanoTime();
            DrillReport r = switch (d) {
                case "crash" -> new CrashDrill(settings, spark, out).run();
                case "bad-input" -> new BadInputDrill(settings.withCases(settings.cases() * 5), spark, out).run();
                case "concurrency" -> new ConcurrencyDrill(settings, spark, out).run();
                case "restatement" -> new RestatementDrill(settings, spark, out).run();
                default -> throw new IllegalArgumentException("unknown drill " + d);
            };
            r.printSummary();
            out.printf("%s drill took %.0f s%n", d, (System.nanoTime() - t0) / 1e9);
            reports.add(r);
        }
        int tried = reports.stream().mapToInt(DrillReport::tried).sum();
        int passed = reports.stream().mapToInt(DrillReport::passed).sum();
        out.printf("drills %s: tried %d, passed %d, failed %d%n", drills, tried, passed, tried - passed);
        return reports;
    }
}

package org.fraudlake.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fraudlake.config.DailySchedule;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.StandardNight;
import org.fraudlake.orchestration.airflow.AirflowApiException;
import org.fraudlake.orchestration.airflow.AirflowAuth;
import org.fraudlake.orchestration.airflow.AirflowClient;
import org.fraudlake.orchestration.airflow.AirflowDag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code fraudlake airflow}: the night for teams that run Airflow. {@code export-dag} writes the DAG file,
 * {@code trigger} starts the night of a date through Airflow's REST API (and can wait for it), {@code status}
 * shows a date's run and its tasks.
 */
@Command(name = "airflow", mixinStandardHelpOptions = true,
        description = "Airflow integration: export the night as a DAG file, trigger a date's run and show its status "
                + "through Airflow's stable REST API (Airflow 2.7+). Exit codes of trigger/status: 0 success, queued or "
                + "running, 1 the run failed, 2 usage or an HTTP 4xx answer, 4 Airflow unreachable or failing (5xx), "
                + "5 --wait timed out before the run ended.",
        subcommands = {AirflowCommand.ExportDag.class, AirflowCommand.Trigger.class, AirflowCommand.Status.class})
public final class AirflowCommand implements Runnable {
    /** Exit status when Airflow cannot be reached or fails on its side. */
    static final int UNREACHABLE = 4;
    /** Exit status when {@code --wait} gave up before the run ended. */
    static final int WAIT_TIMED_OUT = 5;
    /** Run ids fraudlake gives the runs it triggers: this prefix and the business date. */
    static final String RUN_ID_PREFIX = "fraudlake__";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A duration option written like the settings: 90s, 10m, 2h. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return FraudlakeConfig.AIRFLOW_HTTP_TIMEOUT.parser().apply(value);
        }
    }

    @Command(name = "export-dag", mixinStandardHelpOptions = true,
            description = "Write the night as an Airflow 2.x DAG file: one task per stage of the stage graph, its "
                    + "dependencies, each task running `fraudlake run-stage NAME --date D` for the run's business date. "
                    + "Copy the file into Airflow's dags folder. The file's docstring explains business dates, retries "
                    + "and exit codes.")
    static final class ExportDag implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
        Path out;

        @Option(names = "--dag-id", description = "DAG id (default: setting airflow.dag-id).")
        String dagId;

        @Option(names = "--schedule", paramLabel = "CRON", description = "Daily cron 'MINUTE HOUR * * *' in the time "
                + "zone (default: setting airflow.schedule, 0 2 * * *).")
        String schedule;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone of the schedule and business dates "
                + "(default: setting airflow.timezone, Asia/Shanghai).")
        String timezone;

        @Option(names = "--start-date", description = "First business date the DAG runs; catchup runs every date from "
                + "there (default: setting simulator.start-date).")
        LocalDate startDate;

        @Option(names = "--mode", defaultValue = "shell", description = "shell: the fraudlake launcher of "
                + "--fraudlake-home; spark-submit: --app-jar through spark-submit --master. Default ${DEFAULT-VALUE}.")
        String mode;

        @Option(names = "--fraudlake-home", paramLabel = "PATH", description = "Absolute path of the fraudlake checkout "
                + "on the Airflow workers (shell mode; default: the current directory).")
        String fraudlakeHome;

        @Option(names = "--spark-submit", paramLabel = "PATH", defaultValue = "spark-submit",
                description = "spark-submit executable on the workers (default ${DEFAULT-VALUE}).")
        String sparkSubmit;

        @Option(names = "--spark-master", paramLabel = "URL", description = "Spark master for spark-submit mode "
                + "(default: setting spark.master).")
        String sparkMaster;

        @Option(names = "--app-jar", paramLabel = "PATH", description = "Absolute path or URI of the application jar "
                + "with fraudlake and its dependencies except Spark (spark-submit mode).")
        String appJar;

        @Option(names = "--task-config", paramLabel = "FILE", description = "Config file each task passes to run-stage "
                + "as --config (absolute path on the workers).")
        String taskConfig;

        @Option(names = "--task-set", paramLabel = "KEY=VALUE", description = "Setting each task passes to run-stage "
                + "as --set; repeatable.")
        List<String> taskSettings = new ArrayList<>();

        @Option(names = "--retries", defaultValue = "2", description = "Airflow retries per task (default "
                + "${DEFAULT-VALUE}); exit code 2 is never retried.")
        int retries;

        @Option(names = "--retry-delay", defaultValue = "5m", converter = DurationConverter.class,
                description = "Wait before the first retry, doubling after each (default ${DEFAULT-VALUE}).")
        Duration retryDelay;

        @Option(names = "--max-retry-delay", defaultValue = "1h", converter = DurationConverter.class,
                description = "Longest wait between retries (default ${DEFAULT-VALUE}).")
        Duration maxRetryDelay;

        @Option(names = "--depends-on-past", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "A stage of date D waits until the same stage of D-1 succeeded (default true; "
                        + "--no-depends-on-past lets dates run independently).")
        boolean dependsOnPast;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            FraudlakeConfig.load(null, taskSettings);
            AirflowDag.Mode m = AirflowDag.Mode.of(mode);
            AirflowDag dag = new AirflowDag(new AirflowDag.Options(
                    dagId != null ? dagId : config.get(FraudlakeConfig.AIRFLOW_DAG_ID),
                    DailySchedule.parse(schedule != null ? schedule : config.get(FraudlakeConfig.AIRFLOW_SCHEDULE)),
                    zone(timezone, config),
                    startDate != null ? startDate : config.get(FraudlakeConfig.SIMULATOR_START), m,
                    fraudlakeHome != null ? fraudlakeHome : Path.of("").toAbsolutePath().toString(),
                    sparkSubmit, sparkMaster != null ? sparkMaster : config.get(FraudlakeConfig.SPARK_MASTER), appJar,
                    taskConfig, taskSettings, retries, retryDelay, maxRetryDelay, dependsOnPast));
            String python = dag.render(StandardNight.GRAPH);
            if (out == null) {
                System.out.print(python);
                return 0;
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, python, StandardCharsets.UTF_8);
            int edges = StandardNight.GRAPH.stages().stream().mapToInt(s -> s.dependsOn().size()).sum();
            System.out.printf("wrote %s: DAG %s, %d tasks, %d dependencies, %s mode; copy it into Airflow's dags "
                    + "folder%n", out, dagId != null ? dagId : config.get(FraudlakeConfig.AIRFLOW_DAG_ID),
                    StandardNight.GRAPH.stages().size(), edges, m.label());
            return 0;
        }
    }

    /** Options of the commands that call Airflow's REST API. */
    static final class Connection {
        @Option(names = "--url", description = "Airflow webserver base URL, e.g. http://airflow:8080 (default: "
                + "setting airflow.url).")
        String url;

        @Option(names = "--dag-id", description = "DAG id (default: setting airflow.dag-id).")
        String dagId;

        @Option(names = "--run-id", description = "DAG run id (default: fraudlake__DATE).")
        String runId;

        @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
        LocalDate date;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of business dates (default: setting "
                + "airflow.timezone).")
        String timezone;

        @Option(names = "--username", description = "Basic-auth user (default: env AIRFLOW_USERNAME; the password "
                + "comes from --password-file or env AIRFLOW_PASSWORD, never from the command line).")
        String username;

        @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the basic-auth password.")
        Path passwordFile;

        @Option(names = "--token-file", paramLabel = "FILE", description = "File holding a bearer token (default: env "
                + "AIRFLOW_TOKEN).")
        Path tokenFile;

        @Option(names = "--http-timeout", converter = DurationConverter.class, description = "Connect and answer "
                + "timeout per call (default: setting airflow.http-timeout, 30s).")
        Duration httpTimeout;

        AirflowClient client(FraudlakeConfig config) throws java.io.IOException {
            AirflowAuth auth = AirflowAuth.resolve(username, passwordFile, tokenFile, System.getenv());
            return new AirflowClient(url != null ? url : config.get(FraudlakeConfig.AIRFLOW_URL), auth,
                    httpTimeout != null ? httpTimeout : config.get(FraudlakeConfig.AIRFLOW_HTTP_TIMEOUT));
        }

        String dagId(FraudlakeConfig config) {
            return dagId != null ? FraudlakeConfig.AIRFLOW_DAG_ID.parser().apply(dagId)
                    : config.get(FraudlakeConfig.AIRFLOW_DAG_ID);
        }

        String runId() {
            return runId != null ? runId : RUN_ID_PREFIX + date;
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Trigger the DAG run of --date (run id fraudlake__DATE, logical date the start of DATE in the "
                    + "time zone, conf business_date=DATE). A run that exists already is reported, not triggered "
                    + "again. With --wait, follow it until it ends.")
    static final class Trigger implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        Connection connection;

        @Option(names = "--unpause", description = "Unpause the DAG if it is paused (a paused DAG's runs stay queued).")
        boolean unpause;

        @Option(names = "--wait", description = "Wait until the run ends, printing task state changes.")
        boolean await;

        @Option(names = "--poll-seconds", defaultValue = "30", description = "Seconds between polls with --wait "
                + "(default ${DEFAULT-VALUE}).")
        double pollSeconds;

        @Option(names = "--timeout", defaultValue = "12h", converter = DurationConverter.class,
                description = "Give up waiting after this long (default ${DEFAULT-VALUE}); the run goes on.")
        Duration timeout;

        private final Map<String, String> printed = new HashMap<>();

        @Override
        public Integer call() throws Exception {
            if (!(pollSeconds > 0)) {
                throw new IllegalArgumentException("--poll-seconds must be > 0, got " + pollSeconds);
            }
            FraudlakeConfig config = common.config();
            AirflowClient client = connection.client(config);
            String dagId = connection.dagId(config);
            ZoneId zone = zone(connection.timezone, config);
            PrintStream out = System.out;
            return calling(() -> {
                AirflowClient.Dag dag = client.dag(dagId);
                if (dag.paused() && unpause) {
                    client.setPaused(dagId, false);
                    out.println("unpaused DAG " + dagId);
                } else if (dag.paused()) {
                    out.println("note: DAG " + dagId + " is paused; its runs stay queued until it is unpaused "
                            + "(--unpause, or the toggle in the Airflow UI)");
                }
                LocalDate date = connection.date;
                AirflowClient.Triggered t = client.trigger(dagId, connection.runId(), date.atStartOfDay(zone).toInstant(),
                        Map.of(AirflowDag.CONF_BUSINESS_DATE, date.toString()));
                AirflowClient.DagRun run = t.run();
                if (t.created()) {
                    out.printf("triggered run %s of DAG %s for business date %s (logical date %s): %s%n", run.runId(),
                            dagId, date, run.logicalDate(), run.state());
                } else {
                    out.printf("run %s of DAG %s exists already (%s): not triggered again; it is %s%n", run.runId(),
                            dagId, t.conflict(), run.state());
                }
                if (!await) {
                    return exitCode(run);
                }
                AirflowClient.Waited w = client.await(dagId, run.runId(),
                        Duration.ofMillis(Math.round(pollSeconds * 1000)), timeout, tasks -> progress(out, tasks));
                printRun(out, w.run(), w.tasks());
                if (w.timedOut()) {
                    System.err.printf("fraudlake: run %s still %s after %s; it goes on in Airflow (see `fraudlake "
                            + "airflow status --date %s`)%n", run.runId(), w.run().state(), timeout, date);
                    return WAIT_TIMED_OUT;
                }
                return exitCode(w.run());
            });
        }

        private void progress(PrintStream out, List<AirflowClient.TaskInstance> tasks) {
            for (AirflowClient.TaskInstance t : tasks) {
                String key = t.state() + "/" + t.tryNumber();
                if (t.state() != null && !key.equals(printed.put(t.taskId(), key))) {
                    out.printf("%s  %-10s %s%s%n", TIME.format(OffsetDateTime.now(ZoneOffset.UTC)),
                            t.taskId(), t.state(), t.tryNumber() > 1 ? " (try " + t.tryNumber() + ")" : "");
                }
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the DAG run of --date and its tasks (state, try, start, end, duration): the run "
                    + "fraudlake__DATE, else the run whose logical date falls on DATE in the time zone (a scheduled "
                    + "run). Exit 0 success, queued or running, 1 failed.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        Connection connection;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            AirflowClient client = connection.client(config);
            String dagId = connection.dagId(config);
            ZoneId zone = zone(connection.timezone, config);
            LocalDate date = connection.date;
            return calling(() -> {
                AirflowClient.DagRun run = client.findRun(dagId, connection.runId()).orElse(null);
                if (run == null && connection.runId == null) {
                    List<AirflowClient.DagRun> onDate = client.runs(dagId, date.atStartOfDay(zone).toInstant(),
                            date.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1));
                    run = onDate.isEmpty() ? null : onDate.get(onDate.size() - 1);
                    if (onDate.size() > 1) {
                        System.out.println("runs on " + date + ": " + onDate.stream().map(AirflowClient.DagRun::runId)
                                .toList() + "; showing the latest");
                    }
                }
                if (run == null) {
                    System.err.printf("fraudlake: DAG %s has no run %s%s; trigger it with `fraudlake airflow trigger "
                            + "--date %s`%n", dagId, connection.runId(), connection.runId == null
                            ? " and no run with a logical date on " + date + " (" + zone + ")" : "", date);
                    return 2;
                }
                printRun(System.out, run, client.taskInstances(dagId, run.runId()));
                return exitCode(run);
            });
        }
    }

    @FunctionalInterface
    interface Call {
        int run() throws Exception;
    }

    /** Runs a REST conversation, turning Airflow's errors into a message and an exit code. */
    static int calling(Call call) throws Exception {
        try {
            return call.run();
        } catch (AirflowApiException e) {
            System.err.println("fraudlake: " + e.getMessage());
            return e.isClientError() ? 2 : UNREACHABLE;
        }
    }

    static int exitCode(AirflowClient.DagRun run) {
        return "failed".equals(run.state()) ? 1 : 0;
    }

    static ZoneId zone(String option, FraudlakeConfig config) {
        if (option == null) {
            return config.get(FraudlakeConfig.AIRFLOW_TIMEZONE);
        }
        try {
            return FraudlakeConfig.AIRFLOW_TIMEZONE.parser().apply(option);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--timezone '" + option + "': " + e.getMessage(), e);
        }
    }

    /** The run and its task table: task, state, try, start, end (UTC), seconds; in stage-graph order. */
    static void printRun(PrintStream out, AirflowClient.DagRun run, List<AirflowClient.TaskInstance> tasks) {
        out.printf("run %s of DAG %s: %s (%s, logical date %s, started %s, ended %s)%n", run.runId(), run.dagId(),
                run.state(), run.runType(), utc(run.logicalDate()), utc(run.startDate()), utc(run.endDate()));
        List<String> order = StandardNight.GRAPH.names();
        List<AirflowClient.TaskInstance> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingInt((AirflowClient.TaskInstance t) -> order.contains(t.taskId())
                ? order.indexOf(t.taskId()) : order.size()).thenComparing(AirflowClient.TaskInstance::taskId));
        out.printf("%-10s %-16s %3s %-20s %-20s %9s%n", "task", "state", "try", "start (UTC)", "end (UTC)", "seconds");
        for (AirflowClient.TaskInstance t : sorted) {
            out.printf("%-10s %-16s %3d %-20s %-20s %9s%n", t.taskId(), t.state() == null ? "none" : t.state(),
                    t.tryNumber(), utc(t.startDate()), utc(t.endDate()),
                    t.duration() == null ? "" : String.format("%.1f", t.duration()));
        }
    }

    private static String utc(OffsetDateTime t) {
        return t == null ? "-" : DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}

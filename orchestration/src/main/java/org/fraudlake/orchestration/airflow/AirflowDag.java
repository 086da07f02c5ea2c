package org.fraudlake.orchestration.airflow;

import static org.fraudlake.orchestration.airflow.PythonLiterals.string;
import static org.fraudlake.orchestration.airflow.PythonLiterals.stringList;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.fraudlake.config.DailySchedule;
import org.fraudlake.orchestration.StageGraph;

/**
 * Writes the night as an Airflow 2.x DAG file (Python): one task per stage of a {@link StageGraph}, the graph's
 * dependencies as task dependencies, each task running {@code fraudlake run-stage NAME --date D} through the
 * launcher script or {@code spark-submit}. The file explains itself in its docstring: how a run's business date
 * is derived (not from {@code ds}), why only one task runs at a time, and why exit code 2 fails without retries.
 * Every value from the options is written as a Python literal, and the command runs without a shell, so paths
 * with spaces, quotes or shell syntax reach fraudlake unchanged. Pure text generation: no I/O, no Spark.
 */
public final class AirflowDag {
    /** The CLI entry point spark-submit starts. */
    public static final String MAIN_CLASS = "org.fraudlake.cli.FraudlakeCli";
    /** The conf key a triggered run names its business date with. */
    public static final String CONF_BUSINESS_DATE = "business_date";

    /** How a task starts fraudlake. */
    public enum Mode {
        /** The {@code fraudlake} launcher script of a checkout on the Airflow worker. */
        SHELL("shell"),
        /** {@code spark-submit} of an application jar, client deploy mode (so the exit code comes back). */
        SPARK_SUBMIT("spark-submit");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The mode of that label; an unknown one fails listing the valid ones. */
        public static Mode of(String label) {
            return Arrays.stream(values()).filter(m -> m.label.equalsIgnoreCase(label.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + label + "'; valid: shell, spark-submit"));
        }
    }

    /**
     * What the DAG file says.
     *
     * @param dagId          Airflow DAG id
     * @param schedule       the daily schedule, in {@code timezone}
     * @param timezone       IANA zone of the schedule and of business dates
     * @param startDate      first business date the DAG runs (catchup runs every date from there)
     * @param mode           how tasks start fraudlake
     * @param fraudlakeHome  absolute path of the checkout holding the {@code fraudlake} launcher (shell mode)
     * @param sparkSubmit    the spark-submit executable (spark-submit mode)
     * @param sparkMaster    Spark master URL (spark-submit mode); also passed to fraudlake as spark.master
     * @param appJar         absolute path or URI of the application jar (spark-submit mode)
     * @param taskConfig     fraudlake config file every task passes as {@code --config}, or null
     * @param taskSettings   {@code key=value} settings every task passes as {@code --set}
     * @param retries        Airflow retries of a task (transient failures; exit 2 is never retried)
     * @param retryDelay     wait before the first retry; doubles up to {@code maxRetryDelay}
     * @param maxRetryDelay  longest wait between retries
     * @param dependsOnPast  whether a stage of date D waits for the same stage of the date before
     */
    public record Options(String dagId, DailySchedule schedule, ZoneId timezone, LocalDate startDate, Mode mode,
                          String fraudlakeHome, String sparkSubmit, String sparkMaster, String appJar,
                          String taskConfig, List<String> taskSettings, int retries, Duration retryDelay,
                          Duration maxRetryDelay, boolean dependsOnPast) {
        public Options {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(startDate, "startDate");
            Objects.requireNonNull(mode, "mode");
            taskSettings = List.copyOf(taskSettings);
            if (dagId == null || !dagId.matches("[A-Za-z0-9_.-]{1,250}")) {
                throw new IllegalArgumentException("--dag-id '" + dagId
                        + "' is not an Airflow DAG id: use 1-250 letters, digits, '_', '.' or '-'");
            }
            if (timezone == null || timezone instanceof ZoneOffset || !timezone.getId().matches("[A-Za-z0-9_/+-]+")) {
                throw new IllegalArgumentException("--timezone '" + timezone
                        + "' must be an IANA region such as Asia/Shanghai or UTC (pendulum reads those), not an offset");
            }
            if (mode == Mode.SHELL) {
                requireAbsolute("--fraudlake-home", fraudlakeHome);
            } else {
                requireText("--spark-master", sparkMaster);
                requireText("--spark-submit", sparkSubmit);
                requireAbsoluteOrUri("--app-jar", appJar);
            }
            if (taskConfig != null) {
                requireAbsolute("--task-config", taskConfig);
            }
            for (String s : taskSettings) {
                if (s.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("--task-set needs key=value, got '" + s + "'");
                }
            }
            if (retries < 0) {
                throw new IllegalArgumentException("--retries must be >= 0, got " + retries);
            }
            if (retryDelay == null || retryDelay.isNegative() || maxRetryDelay == null
                    || maxRetryDelay.compareTo(retryDelay) < 0) {
                throw new IllegalArgumentException("--retry-delay (" + retryDelay + ") must be >= 0 and at most "
                        + "--max-retry-delay (" + maxRetryDelay + ")");
            }
        }

        private static void requireText(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("spark-submit mode needs " + option);
            }
        }

        private static void requireAbsolute(String option, String value) {
            if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
                throw new IllegalArgumentException(option + " '" + value + "' must be an absolute path: Airflow "
                        + "workers run tasks from a directory of their own");
            }
        }

        private static void requireAbsoluteOrUri(String option, String value) {
            if (value != null && value.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.+")) {
                URI.create(value);
                return;
            }
            requireAbsolute(option, value);
        }
    }

    private final Options options;

    public AirflowDag(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The program and arguments every task runs before {@code STAGE --date D}. */
    public List<String> command() {
        List<String> argv = new ArrayList<>();
        if (options.mode() == Mode.SHELL) {
            argv.add(Path.of(options.fraudlakeHome()).resolve("fraudlake").toString());
        } else {
            argv.addAll(List.of(options.sparkSubmit(), "--master", options.sparkMaster(), "--deploy-mode", "client",
                    "--class", MAIN_CLASS, options.appJar()));
        }
        argv.add("run-stage");
        return argv;
    }

    /**
     * The options every task passes after {@code --date D}: spark.master in spark-submit mode (fraudlake's session
     * builder sets the master itself, which would otherwise win over spark-submit's), the config file and settings.
     */
    public List<String> commandOptions() {
        List<String> out = new ArrayList<>();
        if (options.mode() == Mode.SPARK_SUBMIT) {
            out.addAll(List.of("--set", "spark.master=" + options.sparkMaster()));
        }
        if (options.taskConfig() != null) {
            out.addAll(List.of("--config", options.taskConfig()));
        }
        for (String s : options.taskSettings()) {
            out.addAll(List.of("--set", s));
        }
        return out;
    }

    /** The DAG file for the graph. */
    public String render(StageGraph graph) {
        StringBuilder py = new StringBuilder(8_192);
        py.append(DOCSTRING);
        py.append(IMPORTS);
        constants(py);
        py.append(FUNCTIONS);
        dag(py, graph);
        return py.toString();
    }

    private void constants(StringBuilder py) {
        LocalDate d = options.startDate();
        py.append("DAG_ID = ").append(string(options.dagId())).append('\n');
        py.append("SCHEDULE = ").append(string(options.schedule().cron())).append('\n');
        py.append("TIMEZONE = pendulum.timezone(").append(string(options.timezone().getId())).append(")\n");
        py.append("START_DATE = pendulum.datetime(").append(d.getYear()).append(", ").append(d.getMonthValue())
                .append(", ").append(d.getDayOfMonth()).append(", tz=TIMEZONE)\n");
        py.append("COMMAND = ").append(stringList(command())).append('\n');
        py.append("COMMAND_OPTIONS = ").append(stringList(commandOptions())).append('\n');
        py.append("RETRIES = ").append(options.retries()).append('\n');
        py.append("RETRY_DELAY = datetime.timedelta(seconds=").append(options.retryDelay().toSeconds()).append(")\n");
        py.append("MAX_RETRY_DELAY = datetime.timedelta(seconds=").append(options.maxRetryDelay().toSeconds())
                .append(")\n");
        py.append("DEPENDS_ON_PAST = ").append(options.dependsOnPast() ? "True" : "False").append('\n');
        py.append("CONF_BUSINESS_DATE = ").append(string(CONF_BUSINESS_DATE)).append('\n');
        py.append("BAD_INPUT_EXIT = 2\n");
        py.append("STOP_GRACE_SECONDS = 60\n\n");
        py.append("log = logging.getLogger(\"airflow.task\")\n\n\n");
    }

    private void dag(StringBuilder py, StageGraph graph) {
        py.append("""
                with DAG(
                    dag_id=DAG_ID,
                    description="fraudlake: the night of one business date, stage by stage",
                    schedule=SCHEDULE,
                    start_date=START_DATE,
                    catchup=True,
                    max_active_runs=1,
                    max_active_tasks=1,
                    default_args={
                        "owner": "fraudlake",
                        "depends_on_past": DEPENDS_ON_PAST,
                        "retries": RETRIES,
                        "retry_delay": RETRY_DELAY,
                        "retry_exponential_backoff": True,
                        "max_retry_delay": MAX_RETRY_DELAY,
                    },
                    doc_md=__doc__,
                    tags=["fraudlake"],
                ) as dag:
                    tasks = {}
                """);
        for (StageGraph.Spec s : graph.stages()) {
            if (!s.name().matches("[A-Za-z0-9_.-]{1,250}")) {
                throw new IllegalArgumentException("stage '" + s.name() + "' is not a valid Airflow task id");
            }
            String name = string(s.name());
            py.append("    tasks[").append(name).append("] = PythonOperator(\n")
                    .append("        task_id=").append(name).append(",\n")
                    .append("        python_callable=run_stage,\n")
                    .append("        op_kwargs={\"stage\": ").append(name).append("},\n")
                    .append("        doc_md=").append(string(s.description())).append(",\n")
                    .append("    )\n");
        }
        py.append("\n    # The stage graph's dependencies, one edge a line: upstream >> downstream.\n");
        for (StageGraph.Spec s : graph.stages()) {
            for (String up : s.dependsOn()) {
                py.append("    tasks[").append(string(up)).append("] >> tasks[").append(string(s.name())).append("]\n");
            }
        }
    }

    private static final String DOCSTRING = """
            \"""fraudlake's night as an Airflow DAG.

            Generated by `fraudlake airflow export-dag` from fraudlake's stage graph: one task per stage,
            the graph's dependencies as task dependencies. Export it again when the stage graph or the
            options change rather than editing it. Written for Airflow 2.7 to 2.10 (PythonOperator from
            airflow.operators.python; `fraudlake airflow trigger|status` use the stable REST API v1).

            What a task runs
                COMMAND + [stage, "--date", D] + COMMAND_OPTIONS, as an argument list without a shell:
                no path or value is ever parsed by a shell, and the constants are never rendered by Jinja.
                Its output goes to the task log.

            Business date D
                SCHEDULE fires once a day in TIMEZONE. The run whose data interval starts on day D at that
                time fires a day later, once D is over, and processes business date D: the start of its
                data interval, read in TIMEZONE. That is not the ds template variable: Airflow 2 renders ds
                from the logical date in UTC, which is the day before D whenever the schedule fires before
                midnight UTC (before 08:00 in Asia/Shanghai).
                A run triggered with conf business_date=YYYY-MM-DD (as `fraudlake airflow trigger --date D`
                does) processes that date: a manual run's data interval ends at its logical date instead of
                starting there, so the date is given explicitly. A run triggered from the UI without conf
                processes the last complete interval, that is the day before.
                catchup=True: Airflow creates a run for every date from START_DATE on; max_active_runs=1
                runs them one at a time, oldest first. With DEPENDS_ON_PAST a stage of D waits until the
                same stage of the date before succeeded: features and training read the days before D, so a
                failed date holds the nights after it until it is fixed (or marked success).

            One stage at a time
                max_active_tasks=1: run-stage holds the lake lock while it writes, so parallel branches of
                the graph (leads beside train and score) run one after the other instead of meeting the lock.

            Exit codes and retries
                fraudlake run-stage exits 0 done, 1 failed, 2 bad input or usage, 3 lake locked by another
                run. It retries transient failures itself (setting run.retries); the task's RETRIES, with
                exponential backoff from RETRY_DELAY up to MAX_RETRY_DELAY, cover what is left: a lost
                worker, the lake locked by another run, a killed JVM.
                Exit 2 fails the same way until someone fixes the input or the options, so the task raises
                AirflowFailException, which fails it at once without using the retries; clear the task once
                the input is fixed. A BashOperator cannot say this: it raises a retried AirflowException for
                every non-zero exit and can only turn exit codes into skips (skip_on_exit_code), which would
                mark bad data as skipped and skip the rest of the night. Hence a PythonOperator that runs
                the command and maps its exit code. A command that cannot be started (a missing launcher or
                jar) fails the same way, without retries.
                When Airflow kills a task, the command gets SIGTERM and, if it still runs
                STOP_GRACE_SECONDS later, SIGKILL; stages are idempotent, so the next try redoes the stage.
            \"""

            """;

    private static final String IMPORTS = """
            from __future__ import annotations

            import datetime
            import logging
            import shlex
            import subprocess

            import pendulum
            from airflow import DAG
            from airflow.exceptions import AirflowException, AirflowFailException
            from airflow.operators.python import PythonOperator

            """;

    private static final String FUNCTIONS = """
            def business_date(context):
                \"""The business date a run processes: conf business_date, else its data interval's start in TIMEZONE.\"""
                conf = context["dag_run"].conf or {}
                given = conf.get(CONF_BUSINESS_DATE)
                if given is not None:
                    try:
                        return datetime.date.fromisoformat(str(given)).isoformat()
                    except ValueError:
                        raise AirflowFailException(
                            f"conf {CONF_BUSINESS_DATE} {given!r} is not a date YYYY-MM-DD") from None
                return context["data_interval_start"].astimezone(TIMEZONE).date().isoformat()


            def run_stage(stage, **context):
                \"""Runs one stage of the night for the run's business date; exit 2 fails without retries.\"""
                argv = COMMAND + [stage, "--date", business_date(context)] + COMMAND_OPTIONS
                log.info("running %s", shlex.join(argv))
                try:
                    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                               text=True, errors="replace")
                except OSError as e:
                    raise AirflowFailException(f"cannot start {argv[0]!r}: {e}") from e
                try:
                    for line in process.stdout:
                        log.info("%s", line.rstrip("\\n"))
                    code = process.wait()
                finally:
                    _stop(process)
                if code == BAD_INPUT_EXIT:
                    raise AirflowFailException(
                        f"fraudlake run-stage {stage} exited {code}: bad input or data, not retried; "
                        "fix it, then clear this task")
                if code != 0:
                    raise AirflowException(f"fraudlake run-stage {stage} exited {code}; Airflow retries it")


            def _stop(process):
                \"""Ends the command when the task is killed: SIGTERM, then SIGKILL after STOP_GRACE_SECONDS.\"""
                if process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(timeout=STOP_GRACE_SECONDS)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


            """;
}

package org.fraudlake.orchestration.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fraudlake.config.DailySchedule;
import org.fraudlake.orchestration.StandardNight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirflowDagTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ODD = "odd dir 'single' \"double\" $(touch pwned) `x` \\back {{ ds }}";

    static AirflowDag.Options shell(String home, String taskConfig, List<String> settings) {
        return new AirflowDag.Options("fraudlake_night", DailySchedule.parse("0 2 * * *"), ZoneId.of("Asia/Shanghai"),
                LocalDate.of(2026, 11, 2), AirflowDag.Mode.SHELL, home, "spark-submit", "local[2]", null, taskConfig,
                settings, 2, Duration.ofMinutes(5), Duration.ofHours(1), true);
    }

    @Test
    void exportedDagIsPythonWithOneTaskPerStageAndTheGraphsEdges(@TempDir Path dir) throws Exception {
        Path file = write(dir, new AirflowDag(shell("/opt/fraudlake", null, List.of())));
        JsonNode dag = harness(dir, "inspect", file.toString());

        List<String> tasks = new ArrayList<>();
        for (JsonNode t : dag.get("tasks")) {
            tasks.add(t.get("task_id").asText());
            assertEquals(t.get("task_id").asText(), t.get("op_kwargs").get("stage").asText());
            assertEquals("run_stage", t.get("callable").asText());
        }
        assertEquals(StandardNight.GRAPH.names(), tasks);
        Set<List<String>> edges = new HashSet<>();
        dag.get("edges").forEach(e -> edges.add(List.of(e.get(0).asText(), e.get(1).asText())));
        Set<List<String>> expected = new HashSet<>();
        StandardNight.GRAPH.stages().forEach(s -> s.dependsOn().forEach(up -> expected.add(List.of(up, s.name()))));
        assertEquals(expected, edges);
        assertEquals(expected.size(), dag.get("edges").size());

        JsonNode kw = dag.get("dag");
        assertTrue(kw.get("catchup").asBoolean());
        assertEquals(1, kw.get("max_active_runs").asInt());
        assertEquals(1, kw.get("max_active_tasks").asInt());
        assertEquals("START_DATE", kw.get("start_date").asText());
        JsonNode c = dag.get("constants");
        assertEquals("0 2 * * *", c.get("SCHEDULE").asText());
        assertEquals(List.of("/opt/fraudlake/fraudlake", "run-stage"), strings(c.get("COMMAND")));
        assertEquals(2, c.get("RETRIES").asInt());
        assertTrue(c.get("DEPENDS_ON_PAST").asBoolean());
        String doc = dag.get("docstring").asText();
        assertTrue(doc.contains("AirflowFailException") && doc.contains("data interval") && doc.contains("UTC"), doc);
        assertFalse(doc.contains("{{") || doc.contains("{%"), "doc_md is rendered by Jinja: no template syntax");
        String py = Files.readString(file);
        assertTrue(py.contains("from airflow import DAG") && py.contains("pendulum.datetime(2026, 11, 2, tz=TIMEZONE)")
                && py.contains("\"retry_exponential_backoff\": True"), py);
    }

    @Test
    void oddPathsReachTheCommandUnchanged(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve(ODD));
        String config = home.resolve("conf \"x\".yaml").toString();
        AirflowDag dag = new AirflowDag(shell(home.toString(), config, List.of("lake.root=/data/lake $HOME")));
        Path file = write(dir, dag);
        assertTrue(Files.readString(file).chars().allMatch(ch -> ch < 0x80), "the file is ASCII");
        JsonNode c = harness(dir, "inspect", file.toString()).get("constants");
        assertEquals(dag.command(), strings(c.get("COMMAND")));
        assertEquals(List.of("--config", config, "--set", "lake.root=/data/lake $HOME"), strings(c.get("COMMAND_OPTIONS")));

        fakeLauncher(home);
        Path args = dir.resolve("args.bin");
        JsonNode out = runTasks(dir, file, List.of(new Case("publish", "2026-11-01T18:00:00+00:00", null, 0, args)));
        assertEquals("success", out.get(0).get("outcome").asText(), out.toString());
        assertEquals(List.of("run-stage", "publish", "--date", "2026-11-02", "--config", config, "--set",
                "lake.root=/data/lake $HOME"), received(args));
        assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(home.resolve("pwned")), "no shell ran $(...)");
    }

    @Test
    void tasksRunTheBusinessDateOfTheirIntervalAndMapExitCodes(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path file = write(dir, new AirflowDag(shell(home.toString(), null, List.of())));
        fakeLauncher(home);
        String scheduled = "2026-11-01T18:00:00+00:00";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("ingest", scheduled, null, 0, dir.resolve("ingest.args")));
        cases.add(new Case("report", "2026-11-08T18:00:00+00:00", "2026-11-05", 0, dir.resolve("report.args")));
        cases.add(new Case("conform", scheduled, null, 2, dir.resolve("conform.args")));
        for (int code : List.of(1, 3, 137)) {
            cases.add(new Case("score", scheduled, null, code, dir.resolve("score" + code + ".args")));
        }
        cases.add(new Case("ingest", scheduled, "11/02", 0, dir.resolve("badconf.args")));
        JsonNode out = runTasks(dir, file, cases);

        assertEquals("success", out.get(0).get("outcome").asText(), out.toString());
        assertEquals(List.of("run-stage", "ingest", "--date", "2026-11-02"), received(cases.get(0).args()),
                "02:00 in Shanghai is 18:00 UTC the day before: the date is the interval's start in the DAG's zone");
        assertEquals("success", out.get(1).get("outcome").asText());
        assertEquals(List.of("run-stage", "report", "--date", "2026-11-05"), received(cases.get(1).args()),
                "conf business_date wins");
        assertEquals("AirflowFailException", out.get(2).get("outcome").asText(), "exit 2 is not retried");
        assertTrue(out.get(2).get("message").asText().contains("conform exited 2"), out.toString());
        for (int i = 3; i < 6; i++) {
            assertEquals("AirflowException", out.get(i).get("outcome").asText(), "exit " + cases.get(i).exit() + " is retried");
        }
        assertEquals("AirflowFailException", out.get(6).get("outcome").asText(), "a bad conf date is not retried");
        assertTrue(out.get(6).get("message").asText().contains("'11/02' is not a date"), out.toString());
        assertFalse(Files.exists(cases.get(6).args()), "nothing ran for a bad conf date");

        Path missing = write(dir, new AirflowDag(shell(dir.resolve("nowhere").toString(), null, List.of())));
        JsonNode notThere = runTasks(dir, missing, List.of(new Case("ingest", scheduled, null, 0, dir.resolve("x"))));
        assertEquals("AirflowFailException", notThere.get(0).get("outcome").asText());
        assertTrue(notThere.get(0).get("message").asText().contains("cannot start"), notThere.toString());
    }

    @Test
    void sparkSubmitModeSubmitsTheJarAndPinsTheMaster() {
        AirflowDag dag = new AirflowDag(new AirflowDag.Options("fraudlake_night", DailySchedule.parse("@daily"),
                ZoneId.of("UTC"), LocalDate.of(2026, 11, 2), AirflowDag.Mode.of("spark-submit"), null,
                "/opt/spark/bin/spark-submit", "spark://m:7077", "hdfs://nn/jars/fraudlake.jar", null, List.of(), 0,
                Duration.ZERO, Duration.ZERO, false));
        assertEquals(List.of("/opt/spark/bin/spark-submit", "--master", "spark://m:7077", "--deploy-mode", "client",
                "--class", "org.fraudlake.cli.FraudlakeCli", "hdfs://nn/jars/fraudlake.jar", "run-stage"), dag.command());
        assertEquals(List.of("--set", "spark.master=spark://m:7077"), dag.commandOptions());
        String py = dag.render(StandardNight.GRAPH);
        assertTrue(py.contains("SCHEDULE = \"0 0 * * *\"") && py.contains("DEPENDS_ON_PAST = False"), py);
    }

    @Test
    void badOptionsFailNamingThem() {
        assertMessage("--fraudlake-home 'fraudlake' must be an absolute path", () -> shell("fraudlake", null, List.of()));
        assertMessage("--task-config 'conf.yaml' must be an absolute path", () -> shell("/opt/f", "conf.yaml", List.of()));
        assertMessage("--task-set needs key=value", () -> shell("/opt/f", null, List.of("lake.root")));
        assertMessage("is not a daily cron", () -> DailySchedule.parse("0 * * * *"));
        assertMessage("is not a daily cron", () -> DailySchedule.parse("0 25 * * *"));
        assertEquals(LocalTime.of(2, 30), DailySchedule.parse(" 30 2 * * * ").time());
        assertMessage("unknown mode 'yarn'", () -> AirflowDag.Mode.of("yarn"));
        assertMessage("--dag-id 'my dag'", () -> new AirflowDag.Options("my dag", DailySchedule.parse("@daily"),
                ZoneId.of("UTC"), LocalDate.of(2026, 11, 2), AirflowDag.Mode.SHELL, "/opt/f", null, null, null, null,
                List.of(), 0, Duration.ZERO, Duration.ZERO, true));
        assertMessage("IANA region", () -> new AirflowDag.Options("d", DailySchedule.parse("@daily"),
                ZoneId.of("+08:00"), LocalDate.of(2026, 11, 2), AirflowDag.Mode.SHELL, "/opt/f", null, null, null, null,
                List.of(), 0, Duration.ZERO, Duration.ZERO, true));
        assertMessage("spark-submit mode needs --spark-master", () -> new AirflowDag.Options("d",
                DailySchedule.parse("@daily"), ZoneId.of("UTC"), LocalDate.of(2026, 11, 2), AirflowDag.Mode.SPARK_SUBMIT,
                null, "spark-submit", " ", "/x.jar", null, List.of(), 0, Duration.ZERO, Duration.ZERO, true));
        assertMessage("--app-jar 'x.jar' must be an absolute path", () -> new AirflowDag.Options("d",
                DailySchedule.parse("@daily"), ZoneId.of("UTC"), LocalDate.of(2026, 11, 2), AirflowDag.Mode.SPARK_SUBMIT,
                null, "spark-submit", "yarn", "x.jar", null, List.of(), 0, Duration.ZERO, Duration.ZERO, true));
        assertMessage("--retry-delay", () -> new AirflowDag.Options("d", DailySchedule.parse("@daily"), ZoneId.of("UTC"),
                LocalDate.of(2026, 11, 2), AirflowDag.Mode.SHELL, "/opt/f", null, null, null, null, List.of(), 1,
                Duration.ofHours(2), Duration.ofHours(1), true));
    }

    @Test
    void pythonLiteralsRoundTripThroughPython(@TempDir Path dir) throws Exception {
        List<String> values = List.of("", "plain", "a\"b'c", "back\\slash\\", "line\nbreak\r\ttab\u0001\u007f",
                "é中文😀", "{{ ds }} {% x %}", "$(rm -rf /) `id` ;|&");
        Path py = dir.resolve("lit.py");
        Files.writeString(py, "import json\nprint(json.dumps(" + PythonLiterals.stringList(values) + "))\n");
        Process p = python(py.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(values, strings(JSON.readTree(out)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Path write(Path dir, AirflowDag dag) throws IOException {
        Path file = Files.createTempFile(dir, "fraudlake_night", ".py");
        Files.writeString(file, dag.render(StandardNight.GRAPH), StandardCharsets.UTF_8);
        return file;
    }

    /** One task call: the task, its data interval start, conf business_date (or null), launcher exit code, args file. */
    private record Case(String task, String intervalStart, String businessDate, int exit, Path args) {
    }

    /** Runs the cases through the harness (one Python process) and returns their outcomes, checking the DAG. */
    private static JsonNode runTasks(Path dir, Path file, List<Case> cases) throws Exception {
        var list = JSON.createArrayNode();
        for (Case c : cases) {
            var node = list.addObject().put("task", c.task());
            node.putObject("env").put("EXIT_CODE", Integer.toString(c.exit())).put("ARGS_OUT", c.args().toString());
            var context = node.putObject("context").put("data_interval_start", c.intervalStart());
            if (c.businessDate() != null) {
                context.putObject("conf").put("business_date", c.businessDate());
            }
        }
        JsonNode out = harness(dir, "run", file.toString(), list.toString());
        assertEquals(StandardNight.GRAPH.names(), strings(out.get("tasks")));
        assertEquals(StandardNight.GRAPH.stages().stream().mapToInt(s -> s.dependsOn().size()).sum(), out.get("edges").size());
        assertEquals("True", out.get("dag").get("catchup").asText());
        return out.get("outcomes");
    }

    /** A launcher that records its arguments (NUL-separated) in $ARGS_OUT and exits $EXIT_CODE. */
    private static void fakeLauncher(Path home) throws IOException {
        Path launcher = home.resolve("fraudlake");
        Files.writeString(launcher, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$ARGS_OUT\"\necho \"stage output\"\n"
                + "exit \"$EXIT_CODE\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> received(Path args) throws IOException {
        String raw = Files.readString(args, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(Arrays.asList(raw.split("\0", -1)));
        out.remove(out.size() - 1);
        Files.delete(args);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode harness(Path dir, String... args) throws Exception {
        Path script = dir.resolve("dag_harness.py");
        if (!Files.exists(script)) {
            try (InputStream in = AirflowDagTest.class.getResourceAsStream("/airflow/dag_harness.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        Process p = python(cmd.toArray(String[]::new)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python " + String.join(" ", args) + " failed:\n" + err + out);
        return JSON.readTree(out);
    }

    /** python3 with these arguments; fails (never skips) when python3 is missing, since the DAG check needs it. */
    static ProcessBuilder python(String... args) {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() != 0) {
                fail("python3 --version failed; the DAG file tests need Python 3.9+ on PATH");
            }
        } catch (IOException | InterruptedException e) {
            fail("python3 is not on PATH (" + e.getMessage() + "); the DAG file tests need Python 3.9+ to parse the "
                    + "exported DAG: install python3 or put it on PATH");
        }
        return new ProcessBuilder(cmd);
    }
}

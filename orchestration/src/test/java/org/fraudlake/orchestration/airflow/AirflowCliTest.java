package org.fraudlake.orchestration.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.cli.FraudlakeCli;
import org.fraudlake.orchestration.StandardNight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fraudlake airflow ...} end to end through {@link FraudlakeCli#execute}, against {@link AirflowStub}. */
class AirflowCliTest {
    private static final String PASSWORD = "pa$$ 'word'";

    private record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private AirflowStub stub;
    private Path passwordFile;
    private Path tokenFile;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        stub = AirflowStub.start("fraudlake_night", StandardNight.GRAPH).user("ops", PASSWORD, true).token("tok-abc");
        passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        tokenFile = Files.writeString(dir.resolve("token"), "tok-abc");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static Result cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = FraudlakeCli.execute(args);
            return new Result(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String[] withAuth(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", stub.url(), "--username", "ops", "--password-file", passwordFile.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void triggerWaitFollowsTheRunToSuccessAndPrintsItsTasks() {
        stub.tickOnRunPoll();
        Result r = cli(withAuth("airflow", "trigger", "--date", "2026-11-02", "--wait", "--poll-seconds", "0.001"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("triggered run fraudlake__2026-11-02 of DAG fraudlake_night for business date "
                + "2026-11-02 (logical date 2026-11-01T16:00Z): queued"), r.out());
        assertTrue(r.out().contains("run fraudlake__2026-11-02 of DAG fraudlake_night: success (manual"), r.out());
        for (String stage : StandardNight.GRAPH.names()) {
            assertTrue(r.out().matches("(?s).*\\n" + stage + " +success +1 .*"), stage + " row in\n" + r.out());
            assertTrue(r.out().matches("(?s).*\\d\\d:\\d\\d:\\d\\d  " + stage + " +running.*"), stage + " progress");
        }
        assertFalse(r.all().contains("word"), "the password never shows");
        assertTrue(stub.requests().stream().anyMatch(q -> q.startsWith("POST /api/v1/dags/fraudlake_night/dagRuns")));
    }

    @Test
    void triggerOfAnExistingRunReportsItAndStatusShowsTheTable() {
        assertEquals(0, cli(withAuth("airflow", "trigger", "--date", "2026-11-02")).exit());
        for (int i = 0; i < 8; i++) {
            stub.tick();
        }
        Result again = cli(withAuth("airflow", "trigger", "--date", "2026-11-02"));
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("run fraudlake__2026-11-02 of DAG fraudlake_night exists already (DAGRun with "
                + "DAG ID: 'fraudlake_night' and DAGRun logical date: '2026-11-01 16:00:00+00:00' already exists): not "
                + "triggered again; it is running"), again.out());

        Result status = cli(withAuth("airflow", "status", "--date", "2026-11-02"));
        assertEquals(0, status.exit(), status.all());
        String out = status.out();
        assertTrue(out.contains("run fraudlake__2026-11-02 of DAG fraudlake_night: running (manual, logical date "
                + "2026-11-01 16:00:00, started 2026-11-03 02:01:00, ended -)"), out);
        assertTrue(out.matches("(?s).*\\ntask +state +try +start \\(UTC\\) +end \\(UTC\\) +seconds\\n.*"), out);
        assertTrue(out.matches("(?s).*\\ningest +success +1 2026-11-03 02:04:00 +2026-11-03 02:05:00 +60\\.0\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nconform +running +1 2026-11-03 02:08:00 +- +\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nreport +none +0 +- +- +\\n.*"), out);
        List<String> order = new ArrayList<>();
        for (String line : out.split("\\n")) {
            String first = line.split(" ")[0];
            if (StandardNight.GRAPH.names().contains(first)) {
                order.add(first);
            }
        }
        assertEquals(StandardNight.GRAPH.names(), order, "tasks in stage-graph order");
    }

    @Test
    void failedRunExitsOneAndStatusFindsScheduledRunsByDate() {
        stub.failing("report", 9).retries(0).tickOnRunPoll();
        Result r = cli(withAuth("airflow", "trigger", "--date", "2026-11-02", "--wait", "--poll-seconds", "0.001"));
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().matches("(?s).*\\nreport +failed +1 .*"), r.out());

        stub.addScheduledRun("fraudlake_night", "scheduled__2026-11-02T18:00:00+00:00",
                OffsetDateTime.parse("2026-11-02T18:00:00Z"));
        Result s = cli("airflow", "status", "--date", "2026-11-03", "--url", stub.url(), "--token-file",
                tokenFile.toString());
        assertEquals(0, s.exit(), s.all());
        assertTrue(s.out().contains("run scheduled__2026-11-02T18:00:00+00:00 of DAG fraudlake_night: running (scheduled, "
                + "logical date 2026-11-02 18:00:00"), s.out());
    }

    @Test
    void waitOnAPausedDagTimesOutWithItsOwnExitCodeAndUnpauseLetsItRun() {
        stub.addDag("paused_night", StandardNight.GRAPH, true).tickOnRunPoll();
        Result r = cli(withAuth("airflow", "trigger", "--dag-id", "paused_night", "--date", "2026-11-02", "--wait",
                "--poll-seconds", "0.01", "--timeout", "100ms"));
        assertEquals(5, r.exit(), r.all());
        assertTrue(r.out().contains("DAG paused_night is paused"), r.out());
        assertTrue(r.err().contains("still queued after"), r.err());

        Result u = cli(withAuth("airflow", "trigger", "--dag-id", "paused_night", "--date", "2026-11-03", "--unpause",
                "--wait", "--poll-seconds", "0.001"));
        assertEquals(0, u.exit(), u.all());
        assertTrue(u.out().contains("unpaused DAG paused_night"), u.out());
        assertEquals("success", stub.runState("fraudlake__2026-11-03"));
        assertEquals("success", stub.runState("fraudlake__2026-11-02"), "the earlier run went first");
    }

    @Test
    void errorsExitTwoForClientErrorsAndFourForAnUnreachableAirflow() throws IOException {
        Result noAuth = cli("airflow", "status", "--date", "2026-11-02", "--url", stub.url());
        assertEquals(2, noAuth.exit());
        assertTrue(noAuth.err().contains("401 Unauthorized") && noAuth.err().contains("AIRFLOW_USERNAME"), noAuth.err());

        Result unknownDag = cli(withAuth("airflow", "trigger", "--date", "2026-11-02", "--dag-id", "nope"));
        assertEquals(2, unknownDag.exit());
        assertTrue(unknownDag.err().contains("DAG with dag_id: 'nope' not found"), unknownDag.err());

        Result noRun = cli(withAuth("airflow", "status", "--date", "2026-11-09"));
        assertEquals(2, noRun.exit());
        assertTrue(noRun.err().contains("has no run fraudlake__2026-11-09 and no run with a logical date on 2026-11-09 "
                + "(Asia/Shanghai)"), noRun.err());

        stub.answerNext(500);
        Result serverError = cli(withAuth("airflow", "status", "--date", "2026-11-02"));
        assertEquals(4, serverError.exit(), serverError.all());

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Result down = cli("airflow", "status", "--date", "2026-11-02", "--url", "http://127.0.0.1:" + closed);
        assertEquals(4, down.exit());
        assertTrue(down.err().contains("cannot reach Airflow"), down.err());

        assertEquals(2, cli("airflow", "trigger", "--url", stub.url()).exit(), "--date is required");
        Result noUrl = cli("airflow", "status", "--date", "2026-11-02");
        assertEquals(2, noUrl.exit());
        assertTrue(noUrl.err().contains("--url"), noUrl.err());
        Result credentialsInUrl = cli("airflow", "status", "--date", "2026-11-02", "--url", "http://ops:secret@host:8080");
        assertEquals(2, credentialsInUrl.exit());
        assertFalse(credentialsInUrl.all().contains("secret"), credentialsInUrl.all());
        assertEquals(2, cli(withAuth("airflow", "trigger", "--date", "2026-11-02", "--poll-seconds", "0")).exit());
    }

    @Test
    void exportDagWritesTheFileAndRefusesBadOptions(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("dags/fraudlake_night.py");
        Result r = cli("airflow", "export-dag", "--out", out.toString(), "--fraudlake-home", "/opt/fraudlake",
                "--task-config", "/etc/fraudlake/fraudlake.yaml", "--timezone", "UTC", "--schedule", "30 1 * * *");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("DAG fraudlake_night, 10 tasks, 10 dependencies, shell mode"), r.out());
        String py = Files.readString(out);
        assertTrue(py.contains("COMMAND = [\"/opt/fraudlake/fraudlake\", \"run-stage\"]"), py);
        assertTrue(py.contains("COMMAND_OPTIONS = [\"--config\", \"/etc/fraudlake/fraudlake.yaml\"]"), py);
        assertTrue(py.contains("SCHEDULE = \"30 1 * * *\"") && py.contains("pendulum.timezone(\"UTC\")"), py);

        Result stdout = cli("airflow", "export-dag", "--mode", "spark-submit", "--spark-master", "spark://m:7077",
                "--app-jar", "/opt/fraudlake/fraudlake.jar", "--dag-id", "night2", "--no-depends-on-past");
        assertEquals(0, stdout.exit(), stdout.all());
        assertTrue(stdout.out().contains("DAG_ID = \"night2\"") && stdout.out().contains("DEPENDS_ON_PAST = False")
                && stdout.out().contains("\"--set\", \"spark.master=spark://m:7077\""), stdout.out());

        Result hourly = cli("airflow", "export-dag", "--schedule", "0 * * * *");
        assertEquals(2, hourly.exit());
        assertTrue(hourly.err().contains("is not a daily cron"), hourly.err());
        Result hourlySetting = cli("airflow", "export-dag", "--set", "airflow.schedule=@hourly");
        assertEquals(2, hourlySetting.exit());
        assertTrue(hourlySetting.err().contains("airflow.schedule = '@hourly' is invalid"), hourlySetting.err());
        Result noJar = cli("airflow", "export-dag", "--mode", "spark-submit");
        assertEquals(2, noJar.exit());
        assertTrue(noJar.err().contains("--app-jar"), noJar.err());
        Result badSetting = cli("airflow", "export-dag", "--task-set", "lake.rot=/x");
        assertEquals(2, badSetting.exit());
        assertTrue(badSetting.err().contains("lake.rot"), badSetting.err());
    }
}

package org.fraudlake.orchestration.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fraudlake.orchestration.StageGraph;
import org.fraudlake.orchestration.StandardNight;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirflowClientTest {
    private static final String DAG = "fraudlake_night";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOV_2 = LocalDate.of(2026, 11, 2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();

    private AirflowStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = AirflowStub.start(DAG, StandardNight.GRAPH).user("ops", "s3cret:pw", true).user("viewer", "v", false)
                .token("tok-123");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private AirflowClient client() {
        return new AirflowClient(stub.url(), new AirflowAuth.Basic("ops", "s3cret:pw"), TIMEOUT);
    }

    @Test
    void triggeredRunIsQueuedThenRunsItsTasksInDependencyOrderToSuccess() throws Exception {
        AirflowClient c = client();
        AirflowClient.Triggered t = c.trigger(DAG, "fraudlake__2026-11-02", NOV_2, Map.of("business_date", "2026-11-02"));
        assertTrue(t.created());
        assertEquals("queued", t.run().state());
        assertEquals("2026-11-01T16:00Z", t.run().logicalDate().toString());
        assertEquals(Map.of("business_date", "2026-11-02"), t.run().conf());
        assertTrue(stub.requests().stream().anyMatch(r -> r.equals("POST /api/v1/dags/fraudlake_night/dagRuns")));
        List<AirflowClient.TaskInstance> before = c.taskInstances(DAG, "fraudlake__2026-11-02");
        assertEquals(StandardNight.GRAPH.names(), before.stream().map(AirflowClient.TaskInstance::taskId).toList());
        assertTrue(before.stream().allMatch(ti -> ti.state() == null && ti.tryNumber() == 0));

        stub.tickOnRunPoll();
        List<List<AirflowClient.TaskInstance>> seen = new ArrayList<>();
        AirflowClient.Waited w = c.await(DAG, "fraudlake__2026-11-02", Duration.ofMillis(1), Duration.ofSeconds(10), seen::add);
        assertFalse(w.timedOut());
        assertEquals("success", w.run().state());
        assertTrue(seen.size() > 10, "progress is reported as tasks change: " + seen.size());
        Map<String, AirflowClient.TaskInstance> end = new HashMap<>();
        w.tasks().forEach(ti -> end.put(ti.taskId(), ti));
        for (StageGraph.Spec s : StandardNight.GRAPH.stages()) {
            AirflowClient.TaskInstance ti = end.get(s.name());
            assertEquals("success", ti.state(), s.name());
            assertEquals(1, ti.tryNumber(), s.name());
            assertEquals(60.0, ti.duration(), s.name());
            for (String up : s.dependsOn()) {
                assertFalse(ti.startDate().isBefore(end.get(up).endDate()), s.name() + " started before " + up + " ended");
            }
        }
    }

    @Test
    void failingTaskIsRetriedThenFailsTheRunAndEverythingDownstream() throws Exception {
        stub.failing("score", 2).retries(1).tickOnRunPoll();
        AirflowClient c = client();
        c.trigger(DAG, "r1", NOV_2, Map.of());
        AirflowClient.Waited w = c.await(DAG, "r1", Duration.ofMillis(1), Duration.ofSeconds(10), tis -> { });
        assertEquals("failed", w.run().state());
        Map<String, AirflowClient.TaskInstance> end = new HashMap<>();
        w.tasks().forEach(ti -> end.put(ti.taskId(), ti));
        assertEquals("failed", end.get("score").state());
        assertEquals(2, end.get("score").tryNumber());
        assertEquals("success", end.get("leads").state());
        for (String down : List.of("publish", "feedback", "report")) {
            assertEquals("upstream_failed", end.get(down).state(), down);
        }
    }

    @Test
    void secondTriggerOfARunReportsTheExistingRunInsteadOfFailing() {
        AirflowClient c = client();
        c.trigger(DAG, "fraudlake__2026-11-02", NOV_2, Map.of());
        stub.tick();
        AirflowClient.Triggered again = c.trigger(DAG, "fraudlake__2026-11-02", NOV_2.plusSeconds(60), Map.of());
        assertFalse(again.created());
        assertEquals("running", again.run().state());
        assertTrue(again.conflict().contains("DAGRun ID: 'fraudlake__2026-11-02' already exists"), again.conflict());

        AirflowClient.Triggered sameDate = c.trigger(DAG, "other-id", NOV_2, Map.of());
        assertFalse(sameDate.created());
        assertEquals("fraudlake__2026-11-02", sameDate.run().runId());
        assertTrue(sameDate.conflict().contains("logical date: '2026-11-01 16:00:00+00:00' already exists"),
                sameDate.conflict());
    }

    @Test
    void runsAreFoundByLogicalDate() {
        stub.addScheduledRun(DAG, "scheduled__2026-11-01T18:00:00+00:00",
                java.time.OffsetDateTime.parse("2026-11-01T18:00:00Z"));
        AirflowClient c = client();
        c.trigger(DAG, "fraudlake__2026-11-03", NOV_2.plus(Duration.ofDays(1)), Map.of());
        List<AirflowClient.DagRun> day = c.runs(DAG, NOV_2, NOV_2.plus(Duration.ofDays(1)).minusMillis(1));
        assertEquals(List.of("scheduled__2026-11-01T18:00:00+00:00"), day.stream().map(AirflowClient.DagRun::runId).toList());
        assertEquals("scheduled", day.get(0).runType());
        assertEquals("queued", c.run(DAG, "scheduled__2026-11-01T18:00:00+00:00").state());
    }

    @Test
    void pausedDagKeepsItsRunQueuedUntilUnpaused() throws Exception {
        stub.addDag("paused_dag", StandardNight.GRAPH, true);
        AirflowClient c = client();
        assertTrue(c.dag("paused_dag").paused());
        c.trigger("paused_dag", "r", NOV_2, Map.of());
        stub.tick();
        stub.tick();
        assertEquals("queued", c.run("paused_dag", "r").state());
        AirflowClient.Waited w = c.await("paused_dag", "r", Duration.ofMillis(5), Duration.ofMillis(50), tis -> { });
        assertTrue(w.timedOut());
        assertFalse(c.setPaused("paused_dag", false).paused());
        stub.tick();
        assertEquals("running", c.run("paused_dag", "r").state());
    }

    @Test
    void unknownDagAndRunAre404WithAirflowsDetail() {
        AirflowClient c = client();
        AirflowApiException dag = assertThrows(AirflowApiException.class, () -> c.dag("nope"));
        assertEquals(404, dag.status());
        assertTrue(dag.isClientError());
        assertTrue(dag.getMessage().contains("404 DAG not found: DAG with dag_id: 'nope' not found"), dag.getMessage());
        assertTrue(dag.getMessage().contains("export-dag"), dag.getMessage());
        AirflowApiException trigger = assertThrows(AirflowApiException.class, () -> c.trigger("nope", "r", NOV_2, Map.of()));
        assertEquals(404, trigger.status());
        AirflowApiException run = assertThrows(AirflowApiException.class, () -> c.run(DAG, "no-such-run"));
        assertEquals("DAGRun with DAG ID: 'fraudlake_night' and DagRun ID: 'no-such-run' not found", run.detail());
        assertTrue(c.findRun(DAG, "no-such-run").isEmpty());
        assertEquals(404, assertThrows(AirflowApiException.class, () -> c.taskInstances(DAG, "no-such-run")).status());
    }

    @Test
    void authVariants() {
        assertEquals(DAG, new AirflowClient(stub.url(), new AirflowAuth.Bearer("tok-123"), TIMEOUT).dag(DAG).dagId());
        AirflowApiException none = assertThrows(AirflowApiException.class,
                () -> new AirflowClient(stub.url(), new AirflowAuth.None(), TIMEOUT).dag(DAG));
        assertEquals(401, none.status());
        assertTrue(none.getMessage().contains("401 Unauthorized") && none.getMessage().contains("AIRFLOW_USERNAME"),
                none.getMessage());
        assertEquals(401, assertThrows(AirflowApiException.class,
                () -> new AirflowClient(stub.url(), new AirflowAuth.Basic("ops", "wrong"), TIMEOUT).dag(DAG)).status());
        assertEquals(401, assertThrows(AirflowApiException.class,
                () -> new AirflowClient(stub.url(), new AirflowAuth.Bearer("tok-999"), TIMEOUT).dag(DAG)).status());
        AirflowClient viewer = new AirflowClient(stub.url(), new AirflowAuth.Basic("viewer", "v"), TIMEOUT);
        assertFalse(viewer.dag(DAG).paused());
        AirflowApiException denied = assertThrows(AirflowApiException.class, () -> viewer.trigger(DAG, "r", NOV_2, Map.of()));
        assertEquals(403, denied.status());
        assertTrue(denied.getMessage().contains("Access is denied") && denied.getMessage().contains("can_create"),
                denied.getMessage());
        for (AirflowApiException e : List.of(none, denied)) {
            assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("tok-"), e.getMessage());
        }
    }

    @Test
    void authComesFromFilesOrTheEnvironmentAndNeverShowsItsSecret(@TempDir Path dir) throws IOException {
        Path pw = Files.writeString(dir.resolve("pw"), "from-file\n");
        Path token = Files.writeString(dir.resolve("token"), "tok-file\n");
        assertEquals(new AirflowAuth.Basic("u", "from-file"), AirflowAuth.resolve("u", pw, null, Map.of()));
        assertEquals(new AirflowAuth.Basic("env-user", "env-pw"), AirflowAuth.resolve(null, null, null,
                Map.of("AIRFLOW_USERNAME", "env-user", "AIRFLOW_PASSWORD", "env-pw")));
        assertEquals(new AirflowAuth.Bearer("tok-file"), AirflowAuth.resolve(null, null, token, Map.of()));
        assertEquals(new AirflowAuth.Bearer("tok-env"), AirflowAuth.resolve(null, null, null, Map.of("AIRFLOW_TOKEN", "tok-env")));
        assertEquals(new AirflowAuth.None(), AirflowAuth.resolve(null, null, null, Map.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AirflowAuth.resolve("u", null, null, Map.of()))
                .getMessage().contains("AIRFLOW_PASSWORD"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AirflowAuth.resolve("u", null, token, Map.of()))
                .getMessage().contains("keep one"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AirflowAuth.resolve("u", dir.resolve("missing"), null, Map.of())).getMessage().contains("missing"));
        assertEquals("basic auth as u", new AirflowAuth.Basic("u", "from-file").toString());
        assertEquals("bearer token", new AirflowAuth.Bearer("tok-file").toString());
        assertEquals("Basic dTpwOnc=", new AirflowAuth.Basic("u", "p:w").header().orElseThrow());
    }

    @Test
    void errorAnswersSurfaceStatusAndDetail() {
        AirflowClient c = client();
        for (int status : List.of(400, 409, 500, 503)) {
            stub.answerNext(status);
            AirflowApiException e = assertThrows(AirflowApiException.class, () -> c.dag(DAG));
            assertEquals(status, e.status());
            assertEquals("forced " + status + " for the test", e.detail());
            assertTrue(e.getMessage().contains("GET " + stub.url() + "/api/v1/dags/fraudlake_night: Airflow answered "
                    + status), e.getMessage());
            assertEquals(status < 500, e.isClientError());
        }
        assertTrue(assertThrows(AirflowApiException.class, () -> { stub.answerNext(503); c.dag(DAG); })
                .getMessage().contains("try again later"));
    }

    @Test
    void unreachableSlowAndNonAirflowServersFailClearly() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        AirflowApiException refused = assertThrows(AirflowApiException.class, () -> new AirflowClient(
                "http://127.0.0.1:" + closed, new AirflowAuth.None(), TIMEOUT).dag(DAG));
        assertEquals(AirflowApiException.NO_ANSWER, refused.status());
        assertFalse(refused.isClientError());
        assertTrue(refused.getMessage().contains("cannot reach Airflow at http://127.0.0.1:" + closed), refused.getMessage());

        stub.delay(Duration.ofMillis(1500));
        AirflowApiException slow = assertThrows(AirflowApiException.class, () -> new AirflowClient(stub.url(),
                new AirflowAuth.Basic("ops", "s3cret:pw"), Duration.ofMillis(200)).dag(DAG));
        assertTrue(slow.getMessage().contains("no answer from Airflow within 200 ms"), slow.getMessage());
        stub.delay(Duration.ZERO);

        AirflowApiException html = assertThrows(AirflowApiException.class, () -> new AirflowClient(stub.url() + "/ui",
                new AirflowAuth.Basic("ops", "s3cret:pw"), TIMEOUT).dag(DAG));
        assertTrue(html.getMessage().contains("text/html; charset=utf-8 instead of JSON"), html.getMessage());
    }

    @Test
    void baseUrlsAreCheckedAndNormalized() {
        AirflowAuth none = new AirflowAuth.None();
        assertEquals(URI.create("http://h:8080/airflow"), new AirflowClient("http://h:8080/airflow/api/v1/", none, TIMEOUT).base());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AirflowClient("http://u:pw@h:8080", none, TIMEOUT))
                .getMessage().contains("AIRFLOW_USERNAME"));
        assertThrows(IllegalArgumentException.class, () -> new AirflowClient("ftp://h", none, TIMEOUT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AirflowClient("", none, TIMEOUT))
                .getMessage().contains("--url"));
        assertNull(new AirflowApiException("m", 0, null, null, null).detail());
    }

    @Test
    void stubValidatesTriggerBodiesLikeAirflow() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = new AirflowAuth.Basic("ops", "s3cret:pw").header().orElseThrow();
        Map<String, Integer> bodies = Map.of(
                "{\"dag_run_id\":\"a\",\"logical_date\":\"2026-13-45\"}", 400,
                "{\"dag_run_id\":\"b\",\"logical_date\":\"2026-11-01T16:00:00Z\",\"conf\":[1]}", 400,
                "{\"dag_run_id\":7}", 400,
                "[]", 400,
                "{\"dag_run_id\":\"c\",\"logical_date\":\"2026-11-01T16:00:00+00:00\"}", 200,
                "{\"dag_run_id\":\"d\"}", 200);
        for (Map.Entry<String, Integer> b : bodies.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stub.url() + "/api/v1/dags/" + DAG + "/dagRuns"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(b.getKey())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(b.getValue(), r.statusCode(), b.getKey() + " -> " + r.body());
            if (r.statusCode() == 400) {
                assertTrue(r.body().contains("\"title\":\"Bad Request\"") && r.body().contains("\"status\":400"), r.body());
            }
        }
        HttpResponse<String> noType = http.send(HttpRequest.newBuilder(URI.create(stub.url() + "/api/v1/dags/" + DAG + "/dagRuns"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, noType.statusCode());
    }
}

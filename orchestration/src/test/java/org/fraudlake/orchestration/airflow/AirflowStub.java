package org.fraudlake.orchestration.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fraudlake.orchestration.StageGraph;

/**
 * A stand-in for an Airflow 2.x webserver, on 127.0.0.1 and a free port, answering the stable REST API v1 calls
 * fraudlake makes as the OpenAPI contract and Airflow's endpoint code do: {@code GET/PATCH /dags/{id}},
 * {@code POST/GET /dags/{id}/dagRuns}, {@code GET .../dagRuns/{run}} and {@code .../taskInstances}, with problem
 * JSON errors (400, 401, 403, 404, 409, 415). A small scheduler advances runs as Airflow's would: a run is queued,
 * then running (one at a time per DAG, never while the DAG is paused); each task instance goes none, scheduled,
 * queued, running, success once its upstream succeeded; a failing task is retried, then failed, and its downstream
 * becomes upstream_failed; the run ends success or failed. Time is a clock that moves one minute per tick.
 */
final class AirflowStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "https://airflow.apache.org/docs/apache-airflow/2.7.3/stable-rest-api-ref.html"
            + "#section/Errors/";
    private static final Set<String> DONE = Set.of("success", "failed", "upstream_failed", "skipped");

    private static final class Dag {
        final String id;
        final StageGraph graph;
        boolean paused;

        Dag(String id, StageGraph graph, boolean paused) {
            this.id = id;
            this.graph = graph;
            this.paused = paused;
        }
    }

    private static final class Ti {
        final String taskId;
        String state;
        int tryNumber;
        OffsetDateTime start;
        OffsetDateTime end;

        Ti(String taskId) {
            this.taskId = taskId;
        }
    }

    private static final class Run {
        final Dag dag;
        final String runId;
        final String runType;
        final OffsetDateTime logical;
        final JsonNode conf;
        final Map<String, Ti> tis = new LinkedHashMap<>();
        String state = "queued";
        OffsetDateTime start;
        OffsetDateTime end;

        Run(Dag dag, String runId, String runType, OffsetDateTime logical, JsonNode conf) {
            this.dag = dag;
            this.runId = runId;
            this.runType = runType;
            this.logical = logical;
            this.conf = conf;
            dag.graph.names().forEach(n -> tis.put(n, new Ti(n)));
        }
    }

    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Dag> dags = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, String> users = new HashMap<>();
    private final Set<String> readOnly = new HashSet<>();
    private final Set<String> tokens = new HashSet<>();
    private final Map<String, Integer> failingTries = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private int retries = 1;
    private boolean openApi;
    private boolean tickOnRunPoll;
    private OffsetDateTime clock = OffsetDateTime.of(2026, 11, 3, 2, 0, 0, 0, ZoneOffset.UTC);
    private volatile Duration delay = Duration.ZERO;
    private volatile int forcedStatus;

    private AirflowStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A stub with one DAG of that id whose tasks are the graph's stages. */
    static AirflowStub start(String dagId, StageGraph graph) throws IOException {
        AirflowStub stub = new AirflowStub();
        stub.addDag(dagId, graph, false);
        return stub;
    }

    synchronized AirflowStub addDag(String dagId, StageGraph graph, boolean paused) {
        dags.put(dagId, new Dag(dagId, graph, paused));
        return this;
    }

    /** Accepts basic auth as this user; read-only users get 403 on POST and PATCH. */
    synchronized AirflowStub user(String name, String password, boolean canWrite) {
        users.put(name, password);
        if (!canWrite) {
            readOnly.add(name);
        }
        return this;
    }

    synchronized AirflowStub token(String token) {
        tokens.add(token);
        return this;
    }

    /** Answers without checking credentials (an API with auth_backends = ...default, not for production). */
    synchronized AirflowStub open() {
        openApi = true;
        return this;
    }

    /** Each GET of a run first lets the scheduler tick once, so that a poller sees the run progress. */
    synchronized AirflowStub tickOnRunPoll() {
        tickOnRunPoll = true;
        return this;
    }

    /** The task's first {@code tries} tries fail. */
    synchronized AirflowStub failing(String taskId, int tries) {
        failingTries.put(taskId, tries);
        return this;
    }

    /** Airflow retries per task of the stub's DAGs. */
    synchronized AirflowStub retries(int n) {
        retries = n;
        return this;
    }

    /** Every answer waits this long first. */
    AirflowStub delay(Duration d) {
        delay = d;
        return this;
    }

    /** The next request gets this status and a problem JSON, whatever it asked. */
    AirflowStub answerNext(int status) {
        forcedStatus = status;
        return this;
    }

    /** A run created by the scheduler (run_type scheduled), as Airflow creates catchup runs. */
    synchronized void addScheduledRun(String dagId, String runId, OffsetDateTime logical) {
        runs.add(new Run(dags.get(dagId), runId, "scheduled", logical, JSON.createObjectNode()));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Method and path of every request so far. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    synchronized String runState(String runId) {
        return find(runId).state;
    }

    synchronized String taskState(String runId, String taskId) {
        return find(runId).tis.get(taskId).state;
    }

    private Run find(String runId) {
        return runs.stream().filter(r -> r.runId.equals(runId)).findFirst().orElseThrow();
    }

    /** One scheduler loop: every queued or running run moves one step. */
    synchronized void tick() {
        clock = clock.plusMinutes(1);
        for (Run run : runs) {
            boolean otherRunning = runs.stream().anyMatch(o -> o != run && o.dag == run.dag && o.state.equals("running"));
            if (run.state.equals("queued") && !run.dag.paused && !otherRunning) {
                run.state = "running";
                run.start = clock;
            } else if (run.state.equals("running")) {
                advance(run);
            }
        }
    }

    private void advance(Run run) {
        Map<String, String> before = new HashMap<>();
        run.tis.values().forEach(t -> before.put(t.taskId, t.state));
        for (Ti ti : run.tis.values()) {
            List<String> up = run.dag.graph.stage(ti.taskId).dependsOn();
            String s = before.get(ti.taskId);
            if (s == null) {
                if (up.stream().anyMatch(u -> "failed".equals(before.get(u)) || "upstream_failed".equals(before.get(u)))) {
                    ti.state = "upstream_failed";
                    ti.end = clock;
                } else if (up.stream().allMatch(u -> "success".equals(before.get(u)))) {
                    ti.state = "scheduled";
                }
            } else {
                switch (s) {
                    case "scheduled" -> ti.state = "queued";
                    case "up_for_retry" -> ti.state = "scheduled";
                    case "queued" -> {
                        ti.state = "running";
                        ti.tryNumber++;
                        ti.start = clock;
                        ti.end = null;
                    }
                    case "running" -> {
                        int failing = failingTries.getOrDefault(ti.taskId, 0);
                        ti.end = clock;
                        if (ti.tryNumber <= failing) {
                            ti.state = ti.tryNumber <= retries ? "up_for_retry" : "failed";
                        } else {
                            ti.state = "success";
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (run.tis.values().stream().allMatch(t -> t.state != null && DONE.contains(t.state))) {
            boolean ok = run.tis.values().stream().allMatch(t -> t.state.equals("success") || t.state.equals("skipped"));
            run.state = ok ? "success" : "failed";
            run.end = clock;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String path = ex.getRequestURI().getRawPath();
            if (!path.startsWith("/api/v1/")) {
                byte[] html = "<html><body>Sign in - Airflow</body></html>".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, html.length);
                ex.getResponseBody().write(html);
                return;
            }
            int forced = forcedStatus;
            if (forced != 0) {
                forcedStatus = 0;
                send(ex, forced, problem(forced, forced >= 500 ? "Internal Server Error" : "Error",
                        "forced " + forced + " for the test", forced >= 500 ? "Unknown" : "BadRequest"));
                return;
            }
            Answer a;
            synchronized (this) {
                a = route(ex, path);
            }
            send(ex, a.status, a.body);
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer route(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        String user = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
        if (user == null) {
            return new Answer(401, problem(401, "Unauthorized", null, "Unauthenticated"));
        }
        boolean writes = method.equals("POST") || method.equals("PATCH");
        if (writes && readOnly.contains(user)) {
            return new Answer(403, problem(403, "Forbidden", "Access is denied", "PermissionDenied"));
        }
        JsonNode body = null;
        if (writes) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                return new Answer(415, problem(415, "Unsupported Media Type", "Invalid Content-type (" + type
                        + "), expected JSON data", "about:blank"));
            }
            try {
                body = JSON.readTree(ex.getRequestBody());
            } catch (IOException e) {
                return bad("Request body is not valid JSON: " + e.getMessage());
            }
        }
        List<String> seg = new ArrayList<>();
        for (String s : path.substring("/api/v1/".length()).split("/", -1)) {
            seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        if (seg.size() < 2 || !seg.get(0).equals("dags")) {
            return notFound("Not Found", "The requested URL was not found on the server.");
        }
        Dag dag = dags.get(seg.get(1));
        if (seg.size() == 2) {
            return switch (method) {
                case "GET" -> dag == null ? dagNotFound(seg.get(1)) : new Answer(200, dagJson(dag));
                case "PATCH" -> patchDag(dag, seg.get(1), query, body);
                default -> methodNotAllowed();
            };
        }
        if (!seg.get(2).equals("dagRuns")) {
            return notFound("Not Found", "The requested URL was not found on the server.");
        }
        if (seg.size() == 3) {
            return switch (method) {
                case "POST" -> dag == null ? dagNotFound(seg.get(1)) : postRun(dag, body);
                case "GET" -> listRuns(seg.get(1), query);
                default -> methodNotAllowed();
            };
        }
        if (!method.equals("GET")) {
            return methodNotAllowed();
        }
        if (tickOnRunPoll && seg.size() == 4) {
            tick();
        }
        Run run = runs.stream().filter(r -> r.dag.id.equals(seg.get(1)) && r.runId.equals(seg.get(3))).findFirst()
                .orElse(null);
        if (run == null) {
            return notFound("DAGRun not found", "DAGRun with DAG ID: '" + seg.get(1) + "' and DagRun ID: '"
                    + seg.get(3) + "' not found");
        }
        if (seg.size() == 4) {
            return new Answer(200, runJson(run));
        }
        if (seg.size() == 5 && seg.get(4).equals("taskInstances")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("task_instances");
            int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            run.tis.values().stream().skip(offset).limit(limit).forEach(t -> list.add(tiJson(run, t)));
            out.put("total_entries", run.tis.size());
            return new Answer(200, out);
        }
        return notFound("Not Found", "The requested URL was not found on the server.");
    }

    private Answer patchDag(Dag dag, String dagId, Map<String, String> query, JsonNode body) {
        if (dag == null) {
            return dagNotFound(dagId);
        }
        if (!"is_paused".equals(query.get("update_mask")) || body == null || !body.path("is_paused").isBoolean()) {
            return bad("{'is_paused': ['Not a valid boolean.']} (send update_mask=is_paused and a boolean is_paused)");
        }
        dag.paused = body.get("is_paused").asBoolean();
        return new Answer(200, dagJson(dag));
    }

    private Answer postRun(Dag dag, JsonNode body) {
        if (body == null || !body.isObject()) {
            return bad("{'_schema': ['Invalid input type.']}");
        }
        OffsetDateTime logical = clock;
        for (String field : List.of("execution_date", "logical_date")) {
            if (body.has(field)) {
                OffsetDateTime t = parseDate(body.get(field));
                if (t == null) {
                    return bad("{'" + field + "': ['Not a valid datetime.']}");
                }
                if (field.equals("logical_date") && body.has("execution_date") && !t.isEqual(logical)) {
                    return bad("logical_date conflicts with execution_date");
                }
                logical = t;
            }
        }
        if (body.has("conf") && !body.get("conf").isObject()) {
            return bad("{'conf': ['Not a valid mapping type.']}");
        }
        if (body.has("dag_run_id") && !body.get("dag_run_id").isTextual()) {
            return bad("{'dag_run_id': ['Not a valid string.']}");
        }
        OffsetDateTime at = logical;
        String runId = body.has("dag_run_id") ? body.get("dag_run_id").asText()
                : "manual__" + at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        for (Run r : runs) {
            if (r.dag == dag && r.logical.isEqual(at)) {
                return new Answer(409, problem(409, "Conflict", "DAGRun with DAG ID: '" + dag.id + "' and DAGRun "
                        + "logical date: '" + at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")) + "' already exists",
                        "AlreadyExists"));
            }
            if (r.dag == dag && r.runId.equals(runId)) {
                return new Answer(409, problem(409, "Conflict", "DAGRun with DAG ID: '" + dag.id + "' and DAGRun ID: '"
                        + runId + "' already exists", "AlreadyExists"));
            }
        }
        Run run = new Run(dag, runId, "manual", at, body.has("conf") ? body.get("conf") : JSON.createObjectNode());
        runs.add(run);
        return new Answer(200, runJson(run));
    }

    private Answer listRuns(String dagId, Map<String, String> query) {
        OffsetDateTime gte = query.containsKey("execution_date_gte") ? OffsetDateTime.parse(query.get("execution_date_gte")) : null;
        OffsetDateTime lte = query.containsKey("execution_date_lte") ? OffsetDateTime.parse(query.get("execution_date_lte")) : null;
        List<Run> match = runs.stream().filter(r -> r.dag.id.equals(dagId))
                .filter(r -> gte == null || !r.logical.isBefore(gte)).filter(r -> lte == null || !r.logical.isAfter(lte))
                .sorted((a, b) -> a.logical.compareTo(b.logical)).toList();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("dag_runs");
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        match.stream().skip(offset).limit(limit).forEach(r -> list.add(runJson(r)));
        out.put("total_entries", match.size());
        return new Answer(200, out);
    }

    private String authenticate(String header) {
        if (openApi) {
            return "anonymous";
        }
        if (header == null) {
            return null;
        }
        if (header.startsWith("Bearer ")) {
            return tokens.contains(header.substring(7)) ? "token" : null;
        }
        if (header.startsWith("Basic ")) {
            String raw;
            try {
                raw = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(users.get(raw.substring(0, colon)))) {
                return raw.substring(0, colon);
            }
        }
        return null;
    }

    private static OffsetDateTime parseDate(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(node.asText()).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private ObjectNode dagJson(Dag dag) {
        ObjectNode j = JSON.createObjectNode();
        j.put("dag_id", dag.id).put("is_paused", dag.paused).put("is_active", true).put("is_subdag", false)
                .put("fileloc", "/opt/airflow/dags/" + dag.id + ".py").put("has_import_errors", false)
                .put("max_active_runs", 1).put("max_active_tasks", 1).putNull("description");
        j.putArray("owners").add("fraudlake");
        return j;
    }

    private ObjectNode runJson(Run r) {
        ObjectNode j = JSON.createObjectNode();
        j.put("dag_id", r.dag.id).put("dag_run_id", r.runId).put("logical_date", iso(r.logical))
                .put("execution_date", iso(r.logical)).put("start_date", iso(r.start)).put("end_date", iso(r.end))
                .put("data_interval_start", iso(r.logical)).put("data_interval_end", iso(r.logical))
                .put("run_type", r.runType).put("state", r.state).put("external_trigger", r.runType.equals("manual"))
                .putNull("last_scheduling_decision").putNull("note");
        j.set("conf", r.conf);
        return j;
    }

    private ObjectNode tiJson(Run run, Ti t) {
        ObjectNode j = JSON.createObjectNode();
        j.put("task_id", t.taskId).put("dag_id", run.dag.id).put("dag_run_id", run.runId)
                .put("execution_date", iso(run.logical)).put("start_date", iso(t.start)).put("end_date", iso(t.end))
                .put("state", t.state).put("try_number", t.tryNumber).put("max_tries", retries).put("map_index", -1)
                .put("operator", "PythonOperator").put("pool", "default_pool").put("pool_slots", 1)
                .put("queue", "default").put("priority_weight", 1).put("hostname", t.start == null ? "" : "worker-1")
                .put("unixname", "airflow");
        if (t.start != null && t.end != null) {
            j.put("duration", Duration.between(t.start, t.end).toMillis() / 1e3);
        } else {
            j.putNull("duration");
        }
        return j;
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    }

    private static Answer bad(String detail) {
        return new Answer(400, problem(400, "Bad Request", detail, "BadRequest"));
    }

    private static Answer dagNotFound(String dagId) {
        return notFound("DAG not found", "DAG with dag_id: '" + dagId + "' not found");
    }

    private static Answer notFound(String title, String detail) {
        return new Answer(404, problem(404, title, detail, "NotFound"));
    }

    private static Answer methodNotAllowed() {
        return new Answer(405, problem(405, "Method Not Allowed", "The method is not allowed for the requested URL.",
                "about:blank"));
    }

    private static ObjectNode problem(int status, String title, String detail, String type) {
        ObjectNode j = JSON.createObjectNode();
        j.put("type", type.equals("about:blank") ? type : ERRORS + type).put("title", title).put("status", status);
        if (detail == null) {
            j.putNull("detail");
        } else {
            j.put("detail", detail);
        }
        return j;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

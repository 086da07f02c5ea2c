package org.fraudlake.orchestration.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Airflow 2.x's stable REST API v1 for the calls fraudlake needs: read and unpause a DAG, trigger a
 * DAG run, read a run, list runs by logical date, list a run's task instances, and wait for a run to end. JSON
 * through Jackson, HTTP through {@link HttpClient} with a connect and answer timeout; redirects are not followed,
 * so credentials never travel to another host. Every failure is an
 * {@link AirflowApiException} naming the call, the status and Airflow's problem detail.
 */
public final class AirflowClient {
    private static final Logger LOG = LoggerFactory.getLogger(AirflowClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    /** A DAG as the API describes it (the fields fraudlake reads). */
    public record Dag(String dagId, boolean paused, boolean active) {
    }

    /**
     * A DAG run.
     *
     * @param state queued, running, success or failed
     */
    public record DagRun(String dagId, String runId, String state, String runType, OffsetDateTime logicalDate,
                         OffsetDateTime startDate, OffsetDateTime endDate, Map<String, Object> conf) {
        public DagRun {
            conf = conf == null ? Map.of() : Map.copyOf(conf);
        }

        /** Whether the run ended (success or failed). */
        public boolean finished() {
            return "success".equals(state) || "failed".equals(state);
        }
    }

    /**
     * One task instance of a run.
     *
     * @param state null (not yet scheduled) or one of Airflow's task states
     */
    public record TaskInstance(String taskId, String state, int tryNumber, OffsetDateTime startDate,
                               OffsetDateTime endDate, Double duration) {
    }

    /** The outcome of a trigger: the run, and whether this call created it or found it already there. */
    public record Triggered(DagRun run, boolean created, String conflict) {
    }

    /** The run a wait ended with, and whether it ended or the wait timed out first. */
    public record Waited(DagRun run, List<TaskInstance> tasks, boolean timedOut) {
    }

    private final URI base;
    private final AirflowAuth auth;
    private final Duration timeout;
    private final HttpClient http;

    /** A client of the Airflow webserver at {@code baseUrl} (scheme, host, port and an optional path prefix). */
    public AirflowClient(String baseUrl, AirflowAuth auth, Duration timeout) {
        this.base = baseUri(baseUrl);
        this.auth = Objects.requireNonNull(auth, "auth");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the HTTP timeout must be > 0, got " + timeout);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The webserver base URL. */
    public URI base() {
        return base;
    }

    /** {@code GET /dags/{dag_id}}. */
    public Dag dag(String dagId) {
        return dag(send("GET", "/dags/" + segment(dagId), null));
    }

    /** {@code PATCH /dags/{dag_id}?update_mask=is_paused}: pauses or unpauses the DAG. */
    public Dag setPaused(String dagId, boolean paused) {
        ObjectNode body = JSON.createObjectNode().put("is_paused", paused);
        return dag(send("PATCH", "/dags/" + segment(dagId) + "?update_mask=is_paused", body));
    }

    /**
     * {@code POST /dags/{dag_id}/dagRuns}: a new run with that id, logical date and conf. A run that exists
     * already (409: same id, or same logical date) is looked up and returned with {@code created} false.
     */
    public Triggered trigger(String dagId, String runId, Instant logicalDate, Map<String, Object> conf) {
        ObjectNode body = JSON.createObjectNode();
        body.put("dag_run_id", runId);
        body.put("logical_date", utc(logicalDate));
        body.set("conf", JSON.valueToTree(conf));
        try {
            return new Triggered(dagRun(send("POST", "/dags/" + segment(dagId) + "/dagRuns", body)), true, null);
        } catch (AirflowApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            Optional<DagRun> same = findRun(dagId, runId)
                    .or(() -> runs(dagId, logicalDate, logicalDate).stream().findFirst());
            return new Triggered(same.orElseThrow(() -> e), false, e.detail());
        }
    }

    /** {@code GET /dags/{dag_id}/dagRuns/{dag_run_id}}; 404 fails. */
    public DagRun run(String dagId, String runId) {
        return dagRun(send("GET", "/dags/" + segment(dagId) + "/dagRuns/" + segment(runId), null));
    }

    /** The run of that id, empty when Airflow answers 404 for it. */
    public Optional<DagRun> findRun(String dagId, String runId) {
        try {
            return Optional.of(run(dagId, runId));
        } catch (AirflowApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /dags/{dag_id}/dagRuns} with a logical date between {@code from} and {@code to}, inclusive. */
    public List<DagRun> runs(String dagId, Instant from, Instant to) {
        List<DagRun> out = new ArrayList<>();
        int total = Integer.MAX_VALUE;
        while (out.size() < total) {
            JsonNode page = send("GET", "/dags/" + segment(dagId) + "/dagRuns?execution_date_gte=" + query(utc(from))
                    + "&execution_date_lte=" + query(utc(to)) + "&order_by=execution_date&limit=" + PAGE
                    + "&offset=" + out.size(), null);
            JsonNode runs = page.path("dag_runs");
            runs.forEach(r -> out.add(dagRun(r)));
            total = page.path("total_entries").asInt(out.size());
            if (runs.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** {@code GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances}, every page. */
    public List<TaskInstance> taskInstances(String dagId, String runId) {
        List<TaskInstance> out = new ArrayList<>();
        int total = Integer.MAX_VALUE;
        while (out.size() < total) {
            JsonNode page = send("GET", "/dags/" + segment(dagId) + "/dagRuns/" + segment(runId)
                    + "/taskInstances?limit=" + PAGE + "&offset=" + out.size(), null);
            JsonNode tis = page.path("task_instances");
            tis.forEach(t -> out.add(new TaskInstance(t.path("task_id").asText(), text(t, "state"),
                    t.path("try_number").asInt(0), time(t, "start_date"), time(t, "end_date"),
                    t.hasNonNull("duration") ? t.get("duration").asDouble() : null)));
            total = page.path("total_entries").asInt(out.size());
            if (tis.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /**
     * Polls the run every {@code poll} until it ends or {@code timeout} passes, telling {@code progress} the task
     * instances whenever one of them changed state or try.
     */
    public Waited await(String dagId, String runId, Duration poll, Duration timeout,
                        Consumer<List<TaskInstance>> progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> seen = new LinkedHashMap<>();
        while (true) {
            DagRun run = run(dagId, runId);
            List<TaskInstance> tasks = taskInstances(dagId, runId);
            Map<String, String> now = new LinkedHashMap<>();
            tasks.forEach(t -> now.put(t.taskId(), t.state() + "/" + t.tryNumber()));
            if (!now.equals(seen)) {
                progress.accept(tasks);
                seen = now;
            }
            if (run.finished()) {
                return new Waited(run, tasks, false);
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Waited(run, tasks, true);
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), leftMillis)));
        }
    }

    private JsonNode send(String method, String pathAndQuery, JsonNode body) {
        URI uri = URI.create(base + "/api/v1" + pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        auth.header().ifPresent(h -> b.header("Authorization", h));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AirflowApiException(method + " " + uri + ": no answer from Airflow within " + timeout.toMillis()
                    + " ms (airflow.http-timeout); is the webserver overloaded or the URL wrong?",
                    AirflowApiException.NO_ANSWER, null, null, e);
        } catch (ConnectException e) {
            throw new AirflowApiException(method + " " + uri + ": cannot reach Airflow at " + base
                    + " (connection refused); check --url (airflow.url) and that the webserver runs",
                    AirflowApiException.NO_ANSWER, null, null, e);
        } catch (IOException e) {
            throw new AirflowApiException(method + " " + uri + ": cannot reach Airflow at " + base + ": " + e,
                    AirflowApiException.NO_ANSWER, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AirflowApiException(method + " " + uri + ": interrupted", AirflowApiException.NO_ANSWER, null,
                    null, e);
        }
        LOG.debug("{} {} -> {}", method, uri, response.statusCode());
        JsonNode json = parse(response);
        if (response.statusCode() >= 400) {
            throw problem(method, uri, response.statusCode(), json);
        }
        if (json == null) {
            throw new AirflowApiException(method + " " + uri + ": Airflow answered " + response.statusCode() + " with "
                    + response.headers().firstValue("Content-Type").orElse("no content type") + " instead of JSON; "
                    + "is --url the webserver's root (http://host:8080, without /api/v1)?",
                    response.statusCode(), null, null, null);
        }
        return json;
    }

    private static JsonNode parse(HttpResponse<String> response) {
        boolean isJson = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
        if (!isJson || response.body().isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static AirflowApiException problem(String method, URI uri, int status, JsonNode json) {
        String title = json == null ? null : text(json, "title");
        String detail = json == null ? null : text(json, "detail");
        StringBuilder m = new StringBuilder(method).append(' ').append(uri).append(": Airflow answered ").append(status);
        if (title != null) {
            m.append(' ').append(title);
        }
        if (detail != null) {
            m.append(": ").append(detail);
        }
        String hint = switch (status) {
            case 400 -> "the request does not match the API; see the detail";
            case 401 -> "not authenticated: set AIRFLOW_USERNAME and AIRFLOW_PASSWORD (or AIRFLOW_TOKEN), and check "
                    + "that [api] auth_backends accepts them";
            case 403 -> "the user lacks the permission: triggering needs can_edit on the DAG and can_create on DAG runs";
            case 404 -> "check the DAG id (deploy the file of `fraudlake airflow export-dag` to the dags folder and "
                    + "wait until the scheduler parsed it), the run id and --url";
            case 409 -> "it exists already";
            default -> status >= 500 ? "Airflow failed on its side; try again later or read the webserver log" : null;
        };
        if (json == null) {
            m.append(" (the answer is not Airflow's problem JSON: is --url the webserver's root, http://host:8080?)");
        } else if (hint != null) {
            m.append(" (").append(hint).append(')');
        }
        return new AirflowApiException(m.toString(), status, title, detail, null);
    }

    private static Dag dag(JsonNode j) {
        return new Dag(j.path("dag_id").asText(), j.path("is_paused").asBoolean(false), j.path("is_active").asBoolean(true));
    }

    @SuppressWarnings("unchecked")
    private static DagRun dagRun(JsonNode j) {
        Map<String, Object> conf = j.hasNonNull("conf") ? JSON.convertValue(j.get("conf"), Map.class) : Map.of();
        OffsetDateTime logical = time(j, "logical_date");
        return new DagRun(j.path("dag_id").asText(), j.path("dag_run_id").asText(), text(j, "state"),
                text(j, "run_type"), logical != null ? logical : time(j, "execution_date"), time(j, "start_date"),
                time(j, "end_date"), conf);
    }

    private static String text(JsonNode j, String field) {
        return j.hasNonNull(field) ? j.get(field).asText() : null;
    }

    private static OffsetDateTime time(JsonNode j, String field) {
        return j.hasNonNull(field) ? OffsetDateTime.parse(j.get(field).asText()) : null;
    }

    /** An instant as Airflow's API writes it: ISO-8601 in UTC with a Z. */
    static String utc(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI baseUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no Airflow URL: give --url http://host:8080 or set airflow.url");
        }
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Airflow URL '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("Airflow URL '" + url + "' must be http(s)://host[:port][/prefix]");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the Airflow URL holds credentials; give them through AIRFLOW_USERNAME and "
                    + "AIRFLOW_PASSWORD (or AIRFLOW_TOKEN) instead, so they stay out of process lists and logs");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("Airflow URL '" + url + "' must not have a query or fragment");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        if (path.endsWith("/api/v1")) {
            path = path.substring(0, path.length() - "/api/v1".length());
        }
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
    }
}

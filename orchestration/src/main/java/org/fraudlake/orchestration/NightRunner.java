package org.fraudlake.orchestration;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.catalog.ModelCatalog;

/**
 * Runs the night's {@link StageGraph} for business dates: resumes from the first stage not completed (per
 * the run ledger {@code ops/runs}), retries transient failures with backoff, stops at once on any other
 * failure (the ledger row names the exception, message and our code's frames; the whole stack goes to stderr and
 * to {@code ops/logs/<date>/}, and a row to {@code ops/failures}), lets a stage whose parts failed complete
 * (SUCCEEDED with the failed parts named: PARTIAL, see {@link StageResult}), holds the lake's lock for the whole
 * run, and stops between stages when asked. Every stage is idempotent for its date, so resuming after a crash gives the tables and outbox of an uninterrupted run.
 */
public final class NightRunner implements NightLauncher {
    /** A run's outcome for one date: whether every stage wanted completed, and the ledger rows it wrote. */
    public record Outcome(LocalDate date, String runId, boolean completed, List<RunLedger.Entry> stages) {
    }

    /** A stage failed for good: bad data, a bug, or a transient failure that outlived its retries. */
    public static final class StageFailedException extends RuntimeException {
        private final String stage;
        private final LocalDate date;

        StageFailedException(String stage, LocalDate date, String message, Throwable cause) {
            super(message, cause);
            this.stage = stage;
            this.date = date;
        }

        public String stage() {
            return stage;
        }

        public LocalDate date() {
            return date;
        }
    }

    /** Pauses between retries; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final FraudlakeConfig config;
    private final PrintStream out;
    private final Night night;
    private final StageGraph graph;
    private final Map<String, Stage> stages;
    private final Sleeper sleeper;
    private final PrintStream err;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Object running = new Object();
    private SparkSession spark;
    private LakeLock lock;
    private int lockDepth;
    private volatile String current;
    private volatile StageObserver observer = StageObserver.NONE;

    /** The runner of {@link StandardNight}. */
    public NightRunner(FraudlakeConfig config, PrintStream out) {
        this(config, out, StandardNight::stages, d -> Thread.sleep(d.toMillis()), ModelCatalog.all(), System.err);
    }

    /**
     * A runner of these stages instead (tests: failing, slow or counting stages); its graph is built from their
     * specs, and what would go to stderr goes to {@code out}.
     */
    NightRunner(FraudlakeConfig config, PrintStream out, List<Stage> stages, Sleeper sleeper) {
        this(config, out, context -> stages, sleeper, ModelCatalog.all(), out);
    }

    /** The standard night whose train and score stages take {@code catalog} (tests: a model that throws). */
    NightRunner(FraudlakeConfig config, PrintStream out, List<RiskModel> catalog) {
        this(config, out, StandardNight::stages, d -> Thread.sleep(d.toMillis()), catalog, out);
    }

    private NightRunner(FraudlakeConfig config, PrintStream out, Function<StageContext, List<Stage>> stagesOf,
                        Sleeper sleeper, List<RiskModel> catalog, PrintStream err) {
        this.config = config;
        this.out = out;
        this.night = new Night(config, out);
        Map<String, Stage> byName = new LinkedHashMap<>();
        for (Stage stage : stagesOf.apply(new StageContext(config, night, out, stop::get, catalog))) {
            Stage twin = byName.put(stage.spec().name(), stage);
            if (twin != null) {
                throw new IllegalArgumentException("two stages are named '" + stage.spec().name() + "' ("
                        + twin.getClass().getSimpleName() + " and " + stage.getClass().getSimpleName()
                        + "): every stage of a night needs its own name");
            }
        }
        this.stages = byName;
        this.graph = new StageGraph(byName.values().stream().map(Stage::spec).toList());
        this.sleeper = sleeper;
        this.err = err;
    }

    public Lake lake() {
        return night.lake();
    }

    public Night night() {
        return night;
    }

    public StageGraph graph() {
        return graph;
    }

    /** The shared session, created on first use. */
    public synchronized SparkSession spark() {
        if (spark == null) {
            spark = night.spark();
        }
        return spark;
    }

    /** Who is told when each stage attempt's own work starts and ends (the bench measures these windows). */
    public void observe(StageObserver observer) {
        this.observer = observer == null ? StageObserver.NONE : observer;
    }

    public RunLedger ledger() {
        return new RunLedger(spark(), lake());
    }

    /**
     * Runs the night of the date through {@code upTo} (null: every stage). Stages completed before are
     * skipped unless {@code force}; a stage whose upstream did not complete is not started.
     */
    public Outcome run(LocalDate date, String upTo, boolean force) throws IOException {
        return execute(date, graph.through(upTo), force, "run");
    }

    /**
     * Runs one stage for the date, even if it completed before. Refuses when a stage it needs has not
     * completed for the date, unless {@code force}.
     */
    public Outcome runStage(String name, LocalDate date, boolean force) throws IOException {
        graph.stage(name);
        if (!force) {
            Map<String, RunLedger.Entry> latest = withLock("run-stage " + name + " " + date, () -> ledger().latest(date));
            List<String> missing = graph.upstream(name).stream().filter(s -> !RunLedger.completed(latest, s)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("stage " + name + " of " + date + " needs " + String.join(", ", missing)
                        + ", not completed for that date; run `fraudlake run --date " + date + " --to-stage " + name
                        + "`, or --force to run it anyway");
            }
        }
        return execute(date, List.of(name), true, "run-stage " + name);
    }

    /** Runs dates in order, skipping those complete unless {@code force}; stops at the first failure or stop. */
    public List<Outcome> backfill(LocalDate from, LocalDate to, boolean force) throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("backfill: --to " + to + " is before --from " + from);
        }
        return withLock("backfill " + from + ".." + to, () -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (!force && isComplete(d)) {
                    out.println("backfill: " + d + " is complete, skipped (--force re-runs it)");
                    continue;
                }
                Outcome o = run(d, null, force);
                outcomes.add(o);
                if (!o.completed()) {
                    out.println("backfill: stopped at " + d + "; run it again to resume");
                    break;
                }
            }
            return outcomes;
        });
    }

    @Override
    public boolean runNight(LocalDate businessDate) throws IOException {
        return run(businessDate, null, false).completed();
    }

    @Override
    public boolean isComplete(LocalDate businessDate) {
        Map<String, RunLedger.Entry> latest = ledger().latest(businessDate);
        return graph.names().stream().allMatch(s -> RunLedger.completed(latest, s));
    }

    @Override
    public void requestStop() {
        if (!stop.getAndSet(true)) {
            String stage = current;
            out.println("stop requested" + (stage == null ? "" : ": finishing stage " + stage + ", then stopping"));
        }
    }

    /**
     * On SIGTERM: ask the night to stop and wait (up to {@code maxWait}) for the running stage to finish
     * before Spark's own shutdown stops the session. Registered with Hadoop's shutdown hook manager at a
     * priority above Spark's, which runs hooks in priority order.
     */
    public void stopGracefullyOnShutdown(Duration maxWait) {
        org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
            if (current == null) {
                return;
            }
            requestStop();
            long deadline = System.nanoTime() + maxWait.toNanos();
            synchronized (running) {
                while (current != null && System.nanoTime() < deadline) {
                    try {
                        running.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, 200, maxWait.toSeconds() + 5, TimeUnit.SECONDS);
    }

    private Outcome execute(LocalDate date, List<String> wanted, boolean force, String command) throws IOException {
        return withLock(command + " " + date, () -> {
            String runId = runId(date);
            RunLedger ledger = ledger();
            Map<String, RunLedger.Entry> latest = ledger.latest(date);
            List<RunLedger.Entry> written = new ArrayList<>();
            out.printf("== %s: night of %s, stages %s%n", runId, date, String.join(", ", wanted));
            for (String name : wanted) {
                if (!force && RunLedger.completed(latest, name)) {
                    out.println(name + " " + date + ": completed before, skipped");
                    continue;
                }
                RunLedger.Entry prior = latest.get(name);
                if (prior != null && RunLedger.ABORTED.equals(prior.status())) {
                    out.println(name + " " + date + ": attempt " + prior.attempt() + " (" + prior.runId()
                            + ") never finished; running it again");
                }
                List<String> notDone = graph.stage(name).dependsOn().stream()
                        .filter(d -> !RunLedger.completed(latest, d)).toList();
                if (!force && !notDone.isEmpty()) {
                    throw new StageFailedException(name, date, "stage " + name + " of " + date + " needs "
                            + String.join(", ", notDone) + ", not completed", null);
                }
                if (stop.get()) {
                    out.println("stopped before " + name + " " + date + "; `fraudlake run --date " + date + "` resumes");
                    return new Outcome(date, runId, false, written);
                }
                RunLedger.Entry done = attempt(ledger, runId, date, name, unlessSkipped(stages.get(name)),
                        RunLedger.nextAttempt(latest, name), written);
                latest.put(name, done);
            }
            return new Outcome(date, runId, true, written);
        });
    }

    /**
     * Runs one stage's own command ({@code fraudlake conform --date D}, {@code fraudlake graph --hops 3 ...}) as the
     * night runs the stage: under the lake lock, one ledger row per attempt (so {@code fraudlake runs} shows it and a
     * later {@code fraudlake run} counts it), transient failures retried. {@code work} is the command's own job,
     * with its own options; the stages it depends on are not checked (a person chose to run it).
     */
    public Outcome runCommand(String stage, LocalDate date, Work work) throws IOException {
        graph.stage(stage);
        return runTask(stage, date, work);
    }

    /**
     * Runs any other work that writes the lake ({@code keys init}, {@code users add}, {@code models promote},
     * {@code outbox publish}) under the lake lock and records it in the run ledger as {@code task} of {@code date}
     * (the business date it concerns, or today for work about no date). {@code task} is not a stage of the graph, so
     * the night never takes it for one.
     */
    public Outcome runTask(String task, LocalDate date, Work work) throws IOException {
        return withLock(task + " " + date, () -> {
            String runId = runId(date);
            RunLedger ledger = ledger();
            List<RunLedger.Entry> written = new ArrayList<>();
            attempt(ledger, runId, date, task, work, RunLedger.nextAttempt(ledger.latest(date), task), written);
            return new Outcome(date, runId, true, written);
        });
    }

    /** The stage's work, or SKIPPED with the reason its {@link Stage#skip} gives. */
    private static Work unlessSkipped(Stage stage) {
        return (spark, date) -> {
            Optional<String> why = stage.skip(spark, date);
            return why.isPresent() ? StageResult.skipped(why.get()) : stage.run(spark, date);
        };
    }

    private RunLedger.Entry attempt(RunLedger ledger, String runId, LocalDate date, String name, Work stage,
                                    int firstAttempt, List<RunLedger.Entry> written) {
        int retries = config.get(FraudlakeConfig.RUN_RETRIES);
        Duration backoff = config.get(FraudlakeConfig.RUN_RETRY_BACKOFF);
        for (int attempt = firstAttempt; ; attempt++) {
            Instant started = Instant.now();
            doing(date.toString(), name, attempt);
            setCurrent(name);
            try {
                StageResult r;
                observer.started(name, date);
                try {
                    r = stage.run(spark(), date);
                } finally {
                    observer.ended(name, date);
                }
                String note = r.note();
                String partsError = null;
                if (!r.failures().isEmpty()) {
                    String log = failureLog().record(runId, date, name, attempt, null, r.failures());
                    partsError = r.failures().stream().map(PartFailure::describe).collect(Collectors.joining("; "));
                    note = (note == null ? "" : note + "; ") + RunLedger.PARTIAL + ": "
                            + PartFailure.summary(r.failures()) + "; the rest completed"
                            + (log == null ? "" : "; stacks in " + log);
                }
                RunLedger.Entry e = new RunLedger.Entry(runId, date, name, r.skipped() ? RunLedger.SKIPPED
                        : RunLedger.SUCCEEDED, attempt, started, Instant.now(), r.rowsIn(), r.rowsOut(), partsError,
                        note, host(), ProcessHandle.current().pid());
                ledger.record(e);
                written.add(e);
                out.printf("%s %s: %s in %.1f s%s%n", name, date, e.partial() ? "succeeded, " + RunLedger.PARTIAL
                                : e.status().toLowerCase(), Duration.between(started, e.endedAt()).toMillis() / 1e3,
                        note == null ? "" : " (" + note + ")");
                return e;
            } catch (Exception error) {
                boolean again = Failures.isTransient(error) && attempt - firstAttempt < retries && !stop.get();
                String why = Failures.describe(error);
                String log = failureLog().record(runId, date, name, attempt, error, List.of());
                RunLedger.Entry e = entry(runId, date, name, RunLedger.FAILED, attempt, started, Instant.now(), why,
                        (again ? "transient; retrying" : Failures.isTransient(error) ? "transient; retries used up"
                                : "not retried: fails the same way again until the input or code is fixed")
                                + (log == null ? "" : "; full stack in " + log));
                ledger.record(e);
                written.add(e);
                if (!again) {
                    throw new StageFailedException(name, date, "stage " + name + " of " + date + " failed (attempt "
                            + attempt + "): " + why + (log == null ? "" : "; full stack in " + lake().root() + "/" + log)
                            + "; `fraudlake run --date " + date + "` resumes from this stage", error);
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(20, attempt - firstAttempt));
                out.printf("%s %s: transient failure (%s); retry %d of %d in %d s%n", name, date, why,
                        attempt - firstAttempt + 1, retries, wait.toSeconds());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StageFailedException(name, date, "interrupted while waiting to retry " + name, ie);
                }
            } finally {
                setCurrent(null);
                doing(null, null, null);
            }
        }
    }

    private FailureLog failureLog() {
        return new FailureLog(spark(), lake(), err, out);
    }

    private void doing(String date, String stage, Integer attempt) {
        try {
            lock.doing(date, stage, attempt);
        } catch (IOException e) {
            out.println("lake lock: could not note the running stage: " + e.getMessage());
        }
    }

    /** The run that held the lake before died during a stage: its attempt goes into the ledger as ABORTED. */
    private void recordAborted(LakeLock taken) {
        taken.deadPredecessor().filter(h -> h.stage() != null && h.date() != null).ifPresent(h -> {
            RunLedger.Entry e = new RunLedger.Entry(h.runId(), LocalDate.parse(h.date()), h.stage(), RunLedger.ABORTED,
                    h.attempt() == null ? 1 : h.attempt(), h.stageStarted() == null ? h.since() : h.stageStarted(),
                    Instant.now(), null, null, "process " + h.pid() + " on " + h.host() + " died during the stage",
                    "found when the next run took the lake lock", h.host(), h.pid());
            ledger().record(e);
            out.println("ledger: " + h.stage() + " " + h.date() + " attempt " + e.attempt() + " of " + h.runId()
                    + " recorded ABORTED (its process died)");
        });
    }

    private void setCurrent(String name) {
        synchronized (running) {
            current = name;
            running.notifyAll();
        }
    }

    private static RunLedger.Entry entry(String runId, LocalDate date, String stage, String status, int attempt,
                                         Instant started, Instant ended, String error, String note) {
        return new RunLedger.Entry(runId, date, stage, status, attempt, started, ended, null, null, error, note, host(),
                ProcessHandle.current().pid());
    }

    /** Work done while holding the lake lock. */
    @FunctionalInterface
    public interface Locked<T> {
        T call() throws IOException;
    }

    /** Runs {@code work} holding the lake's lock (taken once per runner, however deeply calls nest). */
    public <T> T withLock(String command, Locked<T> work) throws IOException {
        synchronized (this) {
            if (lockDepth == 0) {
                lock = LakeLock.acquire(lake(), spark().sparkContext().hadoopConfiguration(),
                        "run-" + UUID.randomUUID().toString().substring(0, 8), command,
                        config.get(FraudlakeConfig.LOCK_WAIT), config.get(FraudlakeConfig.LOCK_STALE_AFTER),
                        out::println);
                recordAborted(lock);
                applyZones();
            }
            lockDepth++;
        }
        try {
            return work.call();
        } finally {
            synchronized (this) {
                if (--lockDepth == 0) {
                    try {
                        applyZones();
                    } finally {
                        lock.close();
                        lock = null;
                    }
                }
            }
        }
    }

    /** Restricted zones owner only (see {@link LakeZones}); done holding the lock, so no run races it. */
    private void applyZones() throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(lake().root());
        LakeZones.apply(root.getFileSystem(spark().sparkContext().hadoopConfiguration()), lake());
    }

    private static String runId(LocalDate date) {
        return date + "_" + DateTimeFormatter.ofPattern("HHmmss").format(java.time.LocalTime.now()) + "_"
                + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String host() {
        return LakeLock.hostName();
    }
}

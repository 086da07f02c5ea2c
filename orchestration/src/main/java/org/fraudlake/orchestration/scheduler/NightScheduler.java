package org.fraudlake.orchestration.scheduler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.NightLauncher;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in scheduler: Quartz with a persistent JDBC job store (JobStoreTX on an embedded H2 file under
 * {@code scheduler.store}), one {@link NightJob} on a cron trigger, one worker thread.
 *
 * <p>Each fire runs the nights it owes: every fire time of the cron since the last covered instant (kept in
 * the job's data in the store), mapped to business dates (by default the day before the fire's date in the
 * scheduler's zone), each date not yet complete per the {@link NightLauncher}, in date order, one at a time.
 * After downtime the stored trigger has misfired; Quartz fires it once at start ({@code FIRE_ONCE_NOW}) and
 * that fire catches up every missed night. A failed or stopped night ends the pass; the next fire retries it
 * first, since later nights build on it. {@link #stopGracefully} asks the running night to stop after its
 * stage and waits a bounded time for it.
 *
 * <p>One process per store: a file lock ({@code scheduler.lock}) refuses a second one.
 */
public final class NightScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NightScheduler.class);
    static final JobKey JOB = JobKey.jobKey("night", "fraudlake");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("nightly", "fraudlake");
    /** Job data: every cron fire time up to this instant has its night complete. */
    static final String COVERED_THROUGH = "coveredThrough";
    /** Above Spark's shutdown hook (and NightRunner's), so Spark stays up while the running stage finishes. */
    private static final int SHUTDOWN_HOOK_PRIORITY = 210;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    /**
     * What the scheduler runs on.
     *
     * @param lake             the lake root the nights run on (names the Quartz scheduler in the store)
     * @param store            local folder of the H2 job store
     * @param cron             Quartz cron expression
     * @param zone             zone of the cron and of the business-date rule
     * @param misfireThreshold how late a fire may be before it counts as misfired
     * @param shutdownWait     how long a graceful stop waits for the running night
     * @param businessDate     fire time (in {@code zone}) to the business date it runs
     */
    public record Settings(String lake, Path store, String cron, ZoneId zone, Duration misfireThreshold,
                           Duration shutdownWait, Function<ZonedDateTime, LocalDate> businessDate) {
        /** The settings of a configuration, with the previous-day rule. */
        public static Settings of(FraudlakeConfig config) {
            return new Settings(config.get(FraudlakeConfig.LAKE_ROOT), Path.of(config.get(FraudlakeConfig.SCHEDULER_STORE)),
                    config.get(FraudlakeConfig.SCHEDULER_CRON), config.get(FraudlakeConfig.SCHEDULER_TIME_ZONE),
                    config.get(FraudlakeConfig.SCHEDULER_MISFIRE_THRESHOLD),
                    config.get(FraudlakeConfig.SCHEDULER_SHUTDOWN_WAIT), CatchUp::previousDay);
        }

        /** The cron expression in the zone; fails naming the expression. */
        public CronExpression cronExpression() {
            try {
                CronExpression e = new CronExpression(cron);
                e.setTimeZone(TimeZone.getTimeZone(zone));
                return e;
            } catch (ParseException e) {
                throw new IllegalArgumentException("scheduler.cron '" + cron + "' is not a Quartz cron expression: "
                        + e.getMessage(), e);
            }
        }

        /** The Quartz scheduler's name in the store: one per lake. */
        public String schedulerName() {
            String root = lake.contains("://") ? lake : Path.of(lake).toAbsolutePath().normalize().toString();
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(root.getBytes(StandardCharsets.UTF_8));
                return "fraudlake-" + HexFormat.of().formatHex(h, 0, 6);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The zone's id as Quartz stores it with the trigger. */
        public String timeZoneId() {
            return TimeZone.getTimeZone(zone).getID();
        }

        Path database() {
            return store.toAbsolutePath().normalize().resolve("quartz");
        }
    }

    /**
     * The outcome of one pass over the nights owed.
     *
     * @param completed      nights that ran to the end in this pass
     * @param unfinished     the night that failed or stopped, if any (the next fire retries it first)
     * @param failed         whether that night failed (rather than stopped when asked)
     * @param coveredThrough the new covered instant
     */
    public record Pass(List<LocalDate> completed, LocalDate unfinished, boolean failed, Instant coveredThrough) {
    }

    /** What the store holds, read without starting the scheduler. */
    public record StoredSchedule(String schedulerName, String cron, String zone, String state, Instant previousFire,
                                 Instant nextFire, Instant coveredThrough) {
    }

    /** The store is held by another scheduler process (or another scheduler in this JVM). */
    public static final class StoreInUseException extends IllegalStateException {
        StoreInUseException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final NightLauncher launcher;
    private final PrintStream out;
    private final CronExpression cron;
    private final StoreLock lock;
    private final Scheduler quartz;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Held while {@link #runDue} runs nights in the caller's thread; a stop waits for it. */
    private final ReentrantLock inline = new ReentrantLock();
    private volatile boolean stopping;
    private volatile Thread shutdownThread;

    private NightScheduler(Settings settings, NightLauncher launcher, PrintStream out) throws SchedulerException,
            IOException {
        this.settings = settings;
        this.launcher = launcher;
        this.out = out;
        this.cron = settings.cronExpression();
        this.lock = StoreLock.acquire(settings.store(), "scheduler of " + settings.lake());
        try {
            this.quartz = new StdSchedulerFactory(quartzProperties(settings)).getScheduler();
            quartz.setJobFactory((bundle, scheduler) -> new NightJob(this));
            register();
        } catch (SchedulerException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the store (creating it and Quartz's tables on first use) and registers the job and trigger:
     * a stored trigger with the same cron and zone is kept, so its persisted next fire time reveals fires
     * missed while down; a changed one is replaced, keeping the covered instant so the nights missed under
     * the old schedule are still caught up (at once). Does not start firing: see {@link #start()}.
     */
    public static NightScheduler open(Settings settings, NightLauncher launcher, PrintStream out)
            throws SchedulerException, IOException {
        return new NightScheduler(settings, launcher, out);
    }

    static Properties quartzProperties(Settings s) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", s.schedulerName());
        p.setProperty("org.quartz.scheduler.instanceId", "NON_CLUSTERED");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "false");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(Math.max(1, s.misfireThreshold().toMillis())));
        p.setProperty("org.quartz.jobStore.dataSource", "store");
        p.setProperty("org.quartz.dataSource.store.connectionProvider.class", H2JobStoreConnections.class.getName());
        // H2 must not close the file in its own shutdown hook while a stopping night still writes its job data,
        // and must write each commit at once (its default delay of 500 ms loses the last commits to a kill -9).
        p.setProperty("org.quartz.dataSource.store.url", "jdbc:h2:file:" + s.database()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        return p;
    }

    private void register() throws SchedulerException {
        JobDetail job = quartz.getJobDetail(JOB);
        if (job == null) {
            job = JobBuilder.newJob(NightJob.class).withIdentity(JOB).storeDurably().requestRecovery()
                    .withDescription("nights of lake " + settings.lake())
                    .usingJobData(COVERED_THROUGH, Instant.now().toString()).build();
            quartz.addJob(job, false);
            LOG.info("scheduler store {}: new job for lake {}", settings.store(), settings.lake());
        }
        Trigger stored = quartz.getTrigger(TRIGGER);
        if (stored instanceof CronTrigger c && c.getCronExpression().equals(settings.cron())
                && c.getTimeZone().getID().equals(settings.timeZoneId())
                && c.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW) {
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                .withDescription("nightly run of lake " + settings.lake())
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed())
                .build();
        if (stored == null) {
            quartz.scheduleJob(trigger);
            return;
        }
        String was = stored instanceof CronTrigger c ? "'" + c.getCronExpression() + "' in " + c.getTimeZone().getID()
                : stored.toString();
        quartz.rescheduleJob(TRIGGER, trigger);
        out.println("scheduler: schedule changed from " + was + " to '" + settings.cron() + "' in " + settings.zone()
                + "; trigger replaced");
        if (!CatchUp.due(cron, coveredThrough(quartz.getJobDetail(JOB)), Instant.now(), settings.businessDate())
                .isEmpty()) {
            quartz.triggerJob(JOB);
            out.println("scheduler: nights missed under the old schedule are caught up at start");
        }
    }

    /** Starts firing; a misfired trigger (the scheduler was down) fires once at once and catches up. */
    public void start() throws SchedulerException {
        quartz.start();
        out.println("scheduler " + settings.schedulerName() + " started: lake " + settings.lake() + ", store "
                + settings.store() + ", cron '" + settings.cron() + "' in " + settings.zone());
        printNextFires(3);
    }

    /**
     * Runs the nights due now in the calling thread, without starting Quartz, and records them in the store
     * (for tests, and for running from the system's cron instead of a resident scheduler).
     */
    public Pass runDue() throws SchedulerException {
        inline.lock();
        try {
            JobDetail job = quartz.getJobDetail(JOB);
            Pass pass = catchUp(coveredThrough(job), Instant.now());
            JobDetail updated = job.getJobBuilder().usingJobData(COVERED_THROUGH, pass.coveredThrough().toString())
                    .build();
            quartz.addJob(updated, true);
            return pass;
        } finally {
            inline.unlock();
        }
    }

    /** Called by {@link NightJob} on each fire. */
    void fired(JobExecutionContext context) {
        JobDataMap data = context.getJobDetail().getJobDataMap();
        Instant firedAt = context.getFireTime().toInstant();
        Date scheduled = context.getScheduledFireTime();
        boolean late = scheduled != null && Duration.between(scheduled.toInstant(), firedAt).compareTo(
                settings.misfireThreshold()) > 0;
        out.println("fire at " + format(firedAt) + (late ? " (late: scheduled " + format(scheduled.toInstant()) + ")"
                : "") + (context.isRecovering() ? " (recovering a fire interrupted by a crash)" : ""));
        try {
            Pass pass = catchUp(coveredThrough(context.getJobDetail()), firedAt);
            data.put(COVERED_THROUGH, pass.coveredThrough().toString());
        } catch (RuntimeException e) {
            LOG.error("the fire at {} failed", firedAt, e);
            out.println("fire at " + format(firedAt) + " FAILED: " + e.getMessage() + "; the next fire tries again");
        }
        if (!stopping) {
            printNextFires(1);
        }
    }

    /**
     * Runs the nights owed for the fires in {@code (after, upTo]}, in date order, each unless complete;
     * stops at the first that fails or stops, and at a requested stop.
     */
    Pass catchUp(Instant after, Instant upTo) {
        List<CatchUp.Night> nights = CatchUp.due(cron, after, upTo, settings.businessDate());
        if (nights.size() > 1) {
            out.println("catching up " + nights.size() + " nights: " + nights.get(0).date() + " .. "
                    + nights.get(nights.size() - 1).date());
        }
        List<LocalDate> completed = new ArrayList<>();
        for (CatchUp.Night night : nights) {
            LocalDate date = night.date();
            Instant before = night.firstFire().minusMillis(1);
            if (stopping) {
                out.println("night of " + date + ": not started, the scheduler is stopping; the next start runs it");
                return new Pass(completed, date, false, before);
            }
            try {
                if (launcher.isComplete(date)) {
                    out.println("night of " + date + ": complete already, skipped");
                    continue;
                }
                out.println("night of " + date + ": starting");
                long t0 = System.nanoTime();
                boolean done = launcher.runNight(date);
                String took = String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
                if (!done) {
                    out.println("night of " + date + ": stopped after " + took + "; the next start resumes it");
                    return new Pass(completed, date, false, before);
                }
                completed.add(date);
                out.println("night of " + date + ": completed in " + took);
            } catch (Exception e) {
                LOG.error("night of {} failed", date, e);
                out.println("night of " + date + ": FAILED: " + e.getMessage() + "; later nights wait for it. The "
                        + "next fire retries it" + nextFireText() + ", or run `fraudlake run --date " + date + "`");
                return new Pass(completed, date, true, before);
            }
        }
        return new Pass(completed, null, false, upTo);
    }

    /**
     * Asks the running night to stop after its current stage and shuts Quartz down once it has returned,
     * waiting at most {@code wait}. True when the scheduler stopped in time; false when the night still runs
     * (the process may exit anyway: the next start resumes that night from its unfinished stage).
     */
    public boolean stopGracefully(Duration wait) {
        stopping = true;
        launcher.requestStop();
        Thread t;
        synchronized (this) {
            t = shutdownThread;
            if (t == null) {
                t = new Thread(this::shutdownQuartz, "fraudlake-scheduler-shutdown");
                t.setDaemon(true);
                shutdownThread = t;
                t.start();
            }
        }
        try {
            t.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            out.println("scheduler: the running night has not stopped within " + human(wait) + "; exiting without it. "
                    + "The next start resumes it from its unfinished stage");
            return false;
        }
        out.println("scheduler stopped");
        return true;
    }

    private void shutdownQuartz() {
        inline.lock();
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            LOG.error("shutting down the scheduler failed", e);
        } finally {
            inline.unlock();
            lock.close();
            stopped.countDown();
        }
    }

    /**
     * On SIGTERM (and any JVM exit): {@link #stopGracefully} with {@code scheduler.shutdown-wait}. Registered
     * with Hadoop's shutdown hook manager above Spark's own hook, so Spark stays up while the stage finishes.
     */
    public void stopGracefullyOnShutdown() {
        Duration wait = settings.shutdownWait();
        org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
            if (stopped.getCount() > 0) {
                out.println("scheduler: shutdown signal; letting the running stage finish (up to " + human(wait) + ")");
                stopGracefully(wait);
            }
        }, SHUTDOWN_HOOK_PRIORITY, wait.toSeconds() + 10, TimeUnit.SECONDS);
    }

    /** Blocks until the scheduler has shut down. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Whether Quartz has shut down. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** The trigger and job as stored now. */
    public StoredSchedule stored() throws SchedulerException {
        return read(quartz, settings.schedulerName());
    }

    /** Shuts down, waiting for a running night (without asking it to stop), and frees the store. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = shutdownThread;
            if (t == null) {
                shutdownQuartz();
                return;
            }
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the store at {@code settings.store()} holds, read without starting a scheduler; empty when there is
     * no store yet. Throws {@link StoreInUseException} while a scheduler holds it.
     */
    public static Optional<StoredSchedule> read(Settings settings) throws SchedulerException, IOException {
        if (!Files.exists(Path.of(settings.database() + ".mv.db"))) {
            return Optional.empty();
        }
        try (StoreLock ignored = StoreLock.acquire(settings.store(), "status")) {
            Scheduler s = new StdSchedulerFactory(quartzProperties(settings)).getScheduler();
            try {
                return Optional.ofNullable(s.getTrigger(TRIGGER) == null && s.getJobDetail(JOB) == null ? null
                        : read(s, settings.schedulerName()));
            } finally {
                s.shutdown(false);
            }
        }
    }

    private static StoredSchedule read(Scheduler s, String name) throws SchedulerException {
        Trigger t = s.getTrigger(TRIGGER);
        JobDetail job = s.getJobDetail(JOB);
        CronTrigger c = t instanceof CronTrigger ct ? ct : null;
        return new StoredSchedule(name, c == null ? null : c.getCronExpression(),
                c == null ? null : c.getTimeZone().getID(), t == null ? "NONE" : s.getTriggerState(TRIGGER).name(),
                t == null || t.getPreviousFireTime() == null ? null : t.getPreviousFireTime().toInstant(),
                t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant(),
                job == null ? null : coveredThrough(job));
    }

    private static Instant coveredThrough(JobDetail job) {
        String v = job.getJobDataMap().getString(COVERED_THROUGH);
        return v == null ? Instant.now() : Instant.parse(v);
    }

    /** The next {@code n} fire times of the settings' schedule after now, each with the night it runs. */
    public static List<String> nextFires(Settings settings, int n) {
        CronExpression cron = settings.cronExpression();
        List<String> lines = new ArrayList<>();
        Date t = new Date();
        for (int i = 0; i < n; i++) {
            t = cron.getNextValidTimeAfter(t);
            if (t == null) {
                break;
            }
            ZonedDateTime z = t.toInstant().atZone(settings.zone());
            lines.add(TIME.format(z) + " -> night of " + settings.businessDate().apply(z));
        }
        return lines;
    }

    /** A stored instant in the zone, as the scheduler prints it. */
    public static String format(Instant t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }

    /** A duration as people write it: 0.4 s, 45 s, 30 min, 2 h 5 min. */
    static String human(Duration d) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1e3);
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        return h == 0 ? d.toMinutes() + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    private void printNextFires(int n) {
        nextFires(settings, n).forEach(l -> out.println("next fire: " + l));
    }

    private String nextFireText() {
        Date next = cron.getNextValidTimeAfter(new Date());
        return next == null ? "" : " (" + format(next.toInstant()) + ")";
    }

    private String format(Instant t) {
        return format(t, settings.zone());
    }

    /** The store's process lock: a file lock on {@code scheduler.lock}, naming its holder inside. */
    static final class StoreLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private StoreLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static StoreLock acquire(Path store, String purpose) throws IOException {
            Files.createDirectories(store);
            Path file = store.resolve("scheduler.lock");
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file).trim();
                ch.close();
                throw new StoreInUseException("scheduler store " + store + " is in use by " + (holder.isEmpty()
                        ? "another process" : holder) + "; one scheduler per store: stop it first, or point "
                        + "scheduler.store elsewhere");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + purpose + ", since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new StoreLock(ch, l);
        }

        @Override
        public void close() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                LOG.warn("releasing the scheduler store lock failed: {}", e.getMessage());
            }
        }
    }
}

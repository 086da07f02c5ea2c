package org.fraudlake.orchestration.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;

/**
 * The scheduler on a real H2 job store with a cron firing every second, each fire second mapped to its own
 * business date (so order, gaps and repeats show), and a launcher without Spark.
 */
class NightSchedulerTest {
    private static final String EVERY_SECOND = "* * * * * ?";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(new TeeStream(bytes), true, StandardCharsets.UTF_8);
    private final long base = Instant.now().getEpochSecond();

    private NightScheduler.Settings settings(Path dir, String cron, Function<ZonedDateTime, LocalDate> dates) {
        return new NightScheduler.Settings(dir.resolve("lake").toString(), dir.resolve("store"), cron,
                TestLauncher.UTC, Duration.ofMillis(500), Duration.ofSeconds(10), dates);
    }

    private NightScheduler.Settings everySecond(Path dir) {
        return settings(dir, EVERY_SECOND, TestLauncher.secondsAsDays(base));
    }

    @Test
    void aFireRunsTheDayBeforeItsDate() throws Exception {
        assertEquals(LocalDate.of(2026, 11, 11),
                CatchUp.previousDay(ZonedDateTime.of(2026, 11, 12, 2, 0, 0, 0, ZoneId.of("Asia/Shanghai"))));
        CronExpression daily = new CronExpression("0 0 2 * * ?");
        daily.setTimeZone(java.util.TimeZone.getTimeZone("Asia/Shanghai"));
        ZoneId sh = ZoneId.of("Asia/Shanghai");
        List<CatchUp.Night> due = CatchUp.due(daily, ZonedDateTime.of(2026, 11, 9, 3, 0, 0, 0, sh).toInstant(),
                ZonedDateTime.of(2026, 11, 12, 2, 0, 0, 500_000_000, sh).toInstant(), CatchUp::previousDay);
        assertEquals(List.of(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11)),
                due.stream().map(CatchUp.Night::date).toList());
        assertEquals(ZonedDateTime.of(2026, 11, 10, 2, 0, 0, 0, sh).toInstant(), due.get(0).firstFire());
    }

    @Test
    void firesRunTheLauncherWithThePreviousBusinessDate(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        NightScheduler.Settings s = new NightScheduler.Settings(dir.resolve("lake").toString(), dir.resolve("store"),
                EVERY_SECOND, zone, Duration.ofMillis(500), Duration.ofSeconds(10), CatchUp::previousDay);
        LocalDate before = LocalDate.now(zone).minusDays(1);
        try (NightScheduler scheduler = NightScheduler.open(s, launcher, out)) {
            scheduler.start();
            assertTrue(launcher.started.await(15, TimeUnit.SECONDS), "no fire within 15 s");
        }
        LocalDate after = LocalDate.now(zone).minusDays(1);
        LocalDate ran = launcher.attempts().get(0);
        assertTrue(ran.equals(before) || ran.equals(after), ran + " is not the day before today in " + zone);
        assertEquals(1, launcher.attempts().size(), "later fires owe the same, completed night: " + launcher.attempts());
    }

    @Test
    void nightsMissedWhileDownRunOnceEachInOrderAfterARestart(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        NightScheduler.Settings s = everySecond(dir);
        try (NightScheduler first = NightScheduler.open(s, launcher, out)) {
            first.start();
            await(() -> launcher.complete.size() >= 2, 15, "two nights before the stop");
        }
        LocalDate lastBeforeStop = last(launcher.attempts());
        await(() -> today().isAfter(lastBeforeStop.plusDays(3)), 30, "three fires while the scheduler is down");
        Instant restart = Instant.now();
        try (NightScheduler second = NightScheduler.open(s, launcher, out)) {
            second.start();
            LocalDate missedUpToRestart = TestLauncher.secondsAsDays(base).apply(
                    Instant.ofEpochSecond(restart.getEpochSecond()).atZone(TestLauncher.UTC));
            await(() -> launcher.complete.contains(missedUpToRestart), 15, "the nights missed while down");
        }
        List<LocalDate> attempts = launcher.attempts();
        assertContiguous(attempts);
        assertTrue(attempts.indexOf(lastBeforeStop) <= attempts.size() - 4, "at least three nights missed: " + attempts);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("catching up"), "one fire caught up several nights");
    }

    @Test
    void oneNightAtATimeWhenFiresOverlap(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        launcher.nightTime = Duration.ofMillis(1_200);
        try (NightScheduler scheduler = NightScheduler.open(everySecond(dir), launcher, out)) {
            scheduler.start();
            await(() -> launcher.complete.size() >= 3, 20, "three slow nights");
        }
        assertEquals(1, launcher.maxRunning.get(), "nights ran concurrently");
        assertContiguous(launcher.attempts());
    }

    @Test
    void aStopLetsTheRunningNightFinishItsStageAndTheNextStartResumesIt(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        launcher.nightTime = Duration.ofMinutes(1);
        NightScheduler.Settings s = everySecond(dir);
        NightScheduler scheduler = NightScheduler.open(s, launcher, out);
        scheduler.start();
        assertTrue(launcher.started.await(15, TimeUnit.SECONDS));
        LocalDate interrupted = launcher.attempts().get(0);
        assertTrue(scheduler.stopGracefully(Duration.ofSeconds(10)));
        launcher.event("stopGracefully returned");
        scheduler.close();
        assertTrue(scheduler.isStopped());
        assertEquals(List.of("start " + interrupted, "stop requested", "end " + interrupted + " stopped",
                "stopGracefully returned"), launcher.events().subList(0, 4));
        assertFalse(launcher.isComplete(interrupted));

        TestLauncher next = new TestLauncher(out);
        try (NightScheduler again = NightScheduler.open(s, next, out)) {
            NightScheduler.Pass pass = again.runDue();
            assertEquals(interrupted, pass.completed().get(0), "the interrupted night runs first");
        }
        assertContiguous(next.attempts());
    }

    @Test
    void aStopWaitsOnlySoLongForANightThatDoesNotEnd(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        CountDownLatch release = new CountDownLatch(1);
        launcher.block = release;
        NightScheduler scheduler = NightScheduler.open(everySecond(dir), launcher, out);
        scheduler.start();
        assertTrue(launcher.started.await(15, TimeUnit.SECONDS));
        LocalDate stuck = launcher.attempts().get(0);
        assertFalse(scheduler.stopGracefully(Duration.ofMillis(400)));
        assertEquals(1, launcher.running.get(), "the stop gave up while the night still ran");
        assertEquals(List.of("start " + stuck, "stop requested"), launcher.events(), "the night has not ended");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("has not stopped within"));
        release.countDown();
        scheduler.close();
        assertTrue(scheduler.isStopped());
    }

    @Test
    void theStoreKeepsTheTriggerAndItsNextFireAcrossRestartsAndAChangedCronReplacesIt(@TempDir Path dir)
            throws Exception {
        NightScheduler.Settings daily = settings(dir, "0 0 2 * * ?", CatchUp::previousDay);
        TestLauncher launcher = new TestLauncher(out);
        NightScheduler.StoredSchedule first;
        try (NightScheduler scheduler = NightScheduler.open(daily, launcher, out)) {
            scheduler.start();
            first = scheduler.stored();
            assertThrows(NightScheduler.StoreInUseException.class, () -> NightScheduler.read(daily));
            assertThrows(NightScheduler.StoreInUseException.class, () -> NightScheduler.open(daily, launcher, out));
        }
        assertEquals("0 0 2 * * ?", first.cron());
        assertEquals("UTC", first.zone());
        ZonedDateTime next = first.nextFire().atZone(TestLauncher.UTC);
        assertEquals(2, next.getHour());
        assertTrue(next.isAfter(ZonedDateTime.now(TestLauncher.UTC)));

        NightScheduler.StoredSchedule read = NightScheduler.read(daily).orElseThrow();
        assertEquals(first, read, "what the store holds after the scheduler stopped");
        try (NightScheduler reopened = NightScheduler.open(daily, launcher, out)) {
            assertEquals(first, reopened.stored(), "re-registering keeps the stored trigger");
        }

        NightScheduler.Settings later = settings(dir, "0 30 3 * * ?", CatchUp::previousDay);
        try (NightScheduler changed = NightScheduler.open(later, launcher, out)) {
            NightScheduler.StoredSchedule s = changed.stored();
            assertEquals("0 30 3 * * ?", s.cron());
            assertEquals(3, s.nextFire().atZone(TestLauncher.UTC).getHour());
            assertEquals(first.coveredThrough(), s.coveredThrough(), "the covered instant survives a new cron");
        }
        assertTrue(launcher.attempts().isEmpty());
        assertTrue(NightScheduler.read(settings(dir.resolve("elsewhere"), "0 0 2 * * ?", CatchUp::previousDay))
                .isEmpty());
    }

    @Test
    void aFailedNightStopsTheCatchUpAndIsRetriedAtTheNextFire(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        LocalDate[] failing = new LocalDate[1];
        launcher.failOnce = d -> {
            synchronized (failing) {
                if (failing[0] == null && !launcher.complete.isEmpty()) {
                    failing[0] = d;
                }
                return d.equals(failing[0]);
            }
        };
        try (NightScheduler scheduler = NightScheduler.open(everySecond(dir), launcher, out)) {
            scheduler.start();
            await(() -> launcher.complete.size() >= 4, 20, "four nights");
        }
        List<LocalDate> attempts = launcher.attempts();
        LocalDate failed = failing[0];
        assertNotNull(failed);
        int at = attempts.indexOf(failed);
        assertEquals(failed, attempts.get(at + 1), "retried before any later night: " + attempts);
        assertTrue(attempts.subList(0, at).stream().allMatch(d -> d.isBefore(failed)), attempts.toString());
        assertTrue(attempts.subList(at + 2, attempts.size()).stream().allMatch(d -> d.isAfter(failed)),
                attempts.toString());
        assertTrue(launcher.events().contains("fail " + failed));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("night of " + failed + ": FAILED"));
    }

    @Test
    void runDueRunsTheNightsDueSinceTheLastPassWithoutStartingQuartz(@TempDir Path dir) throws Exception {
        TestLauncher launcher = new TestLauncher(out);
        try (NightScheduler scheduler = NightScheduler.open(settings(dir, "0 0 2 * * ?", TestLauncher.secondsAsDays(base)),
                launcher, out)) {
            assertTrue(scheduler.runDue().completed().isEmpty(), "nothing is due on a new store");
        }
        long firstPass = Instant.now().getEpochSecond();
        await(() -> Instant.now().getEpochSecond() >= firstPass + 2, 30, "two fires since the first pass");
        try (NightScheduler scheduler = NightScheduler.open(everySecond(dir), launcher, out)) {
            NightScheduler.Pass pass = scheduler.runDue();
            assertTrue(pass.completed().size() >= 2, pass.toString());
            assertEquals(pass.completed(), launcher.attempts());
            scheduler.runDue();
        }
        assertContiguous(launcher.attempts());
    }

    /** Ascending by one day each, none twice. */
    private static void assertContiguous(List<LocalDate> attempts) {
        for (int i = 1; i < attempts.size(); i++) {
            assertEquals(attempts.get(i - 1).plusDays(1), attempts.get(i), "nights in order, none missed or twice: "
                    + attempts);
        }
    }

    /** The business date of the fire second now (each second is a day, see {@link TestLauncher#secondsAsDays}). */
    private LocalDate today() {
        return TestLauncher.secondsAsDays(base).apply(ZonedDateTime.now(TestLauncher.UTC));
    }

    private static LocalDate last(List<LocalDate> dates) {
        return dates.get(dates.size() - 1);
    }

    /** Polls for the condition; the time limit only guards against a hang. */
    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Writes to the captured bytes and to stdout, so a failing test shows what the scheduler printed. */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes;

        TeeStream(ByteArrayOutputStream bytes) {
            this.bytes = bytes;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            System.out.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            System.out.write(b, off, len);
        }
    }
}

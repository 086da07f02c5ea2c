package org.fraudlake.orchestration.scheduler;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A scheduler process for {@link SchedulerSigtermTest}: fires every second, each night lasting until it is
 * stopped; prints the launcher's events and the scheduler's lines to stdout. Args: the work folder and the
 * epoch second that is day 2026-01-01 of {@link TestLauncher#secondsAsDays}.
 */
public final class SchedulerProcessMain {
    private SchedulerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TestLauncher launcher = new TestLauncher(System.out);
        launcher.nightTime = Duration.ofDays(1);
        launcher.stageTail = Duration.ofMillis(500);
        NightScheduler.Settings s = new NightScheduler.Settings(dir.resolve("lake").toString(), dir.resolve("store"),
                "* * * * * ?", TestLauncher.UTC, Duration.ofMillis(500), Duration.ofSeconds(20),
                TestLauncher.secondsAsDays(Long.parseLong(args[1])));
        NightScheduler scheduler = NightScheduler.open(s, launcher, System.out);
        scheduler.stopGracefullyOnShutdown();
        scheduler.start();
        scheduler.awaitStopped();
    }
}

package org.fraudlake.orchestration.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduler process ({@link SchedulerProcessMain}) ended in the middle of a night: SIGTERM, and SIGKILL. */
class SchedulerSigtermTest {
    private final long base = Instant.now().getEpochSecond();

    @Test
    void sigtermLetsTheRunningStageFinishThenTheProcessExits(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = startInTheMiddleOfANight(dir, log);
        try {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process did not exit after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        int at = -1;
        for (String line : List.of("start 2026-", "shutdown signal", "stop requested", " stopped", "scheduler stopped")) {
            int next = text.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' missing or out of order in:\n" + text);
            at = next;
        }
    }

    @Test
    void afterAKillTheNextStartRunsTheInterruptedNightFirst(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = startInTheMiddleOfANight(dir, log);
        p.destroyForcibly();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS));
        String text = Files.readString(log);
        int from = text.indexOf("start ") + "start ".length();
        LocalDate interrupted = LocalDate.parse(text.substring(from, from + 10));

        TestLauncher launcher = new TestLauncher(new PrintStream(System.out, true));
        NightScheduler.Settings s = new NightScheduler.Settings(dir.resolve("lake").toString(), dir.resolve("store"),
                "* * * * * ?", TestLauncher.UTC, Duration.ofMillis(500), Duration.ofSeconds(10),
                TestLauncher.secondsAsDays(base));
        try (NightScheduler again = NightScheduler.open(s, launcher, System.out)) {
            NightScheduler.Pass pass = again.runDue();
            assertEquals(interrupted, pass.completed().get(0), "the killed night runs first: " + pass);
        }
    }

    /** Starts the process and waits until its first night has started. */
    private Process startInTheMiddleOfANight(Path dir, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                SchedulerProcessMain.class.getName(), dir.toString(), Long.toString(base))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!Files.readString(log).contains("start 2026-")) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new AssertionError("no night started: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return p;
    }
}

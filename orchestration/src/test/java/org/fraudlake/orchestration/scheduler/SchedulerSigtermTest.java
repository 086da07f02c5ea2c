package org.fraudlake.orchestration.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGTERM to a scheduler process in the middle of a night. */
class SchedulerSigtermTest {

    @Test
    void sigtermLetsTheRunningStageFinishThenTheProcessExits(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                SchedulerProcessMain.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(log).contains("start 2026-")) {
                assertTrue(p.isAlive(), "the process died: " + Files.readString(log));
                assertTrue(System.nanoTime() < end, "no night started: " + Files.readString(log));
                Thread.sleep(50);
            }
            p.destroy();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the process did not exit after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        List<String> order = List.of("start 2026-", "shutdown signal", "stop requested", " stopped",
                "scheduler stopped");
        int at = -1;
        for (String line : order) {
            int next = text.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' missing or out of order in:\n" + text);
            at = next;
        }
    }
}

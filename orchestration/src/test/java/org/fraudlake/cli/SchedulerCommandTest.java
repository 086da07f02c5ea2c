package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fraudlake.orchestration.NightLauncher;
import org.fraudlake.orchestration.scheduler.NightScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fraudlake scheduler status} and {@code run-due} through the CLI, on a new store (no night is due). */
class SchedulerCommandTest {

    @Test
    void runDueOnANewStoreRegistersTheTriggerThatStatusThenShows(@TempDir Path dir) {
        String[] where = {"--lake", dir.resolve("lake").toString(), "--set", "scheduler.store=" + dir.resolve("store"),
                "--set", "scheduler.time-zone=Asia/Shanghai"};
        String before = run(0, concat(new String[]{"scheduler", "status"}, where));
        assertTrue(before.contains("stored:    nothing yet"), before);
        assertTrue(before.contains("next fire: ") && before.contains("02:00:00 CST -> night of "), before);

        String due = run(0, concat(new String[]{"scheduler", "run-due"}, where));
        assertTrue(due.contains("nothing due"), due);

        String after = run(0, concat(new String[]{"scheduler", "status"}, where));
        assertTrue(after.contains("trigger:   cron '0 0 2 * * ?' in Asia/Shanghai, state NORMAL"), after);
        assertTrue(after.matches("(?s).*next:      \\d{4}-\\d\\d-\\d\\d 02:00:00 CST.*"), after);

        String changed = run(0, concat(new String[]{"scheduler", "status", "--set", "scheduler.cron=0 30 4 * * ?"},
                where));
        assertTrue(changed.contains("differs from config: the next start replaces it"), changed);
    }

    @Test
    void aSecondSchedulerOnTheSameStoreIsRefused(@TempDir Path dir) throws Exception {
        NightScheduler.Settings s = NightScheduler.Settings.of(org.fraudlake.config.FraudlakeConfig.load(null,
                java.util.List.of("lake.root=" + dir.resolve("lake"), "scheduler.store=" + dir.resolve("store"))));
        NightLauncher idle = new NightLauncher() {
            @Override
            public boolean runNight(java.time.LocalDate date) {
                throw new AssertionError("no night is due");
            }

            @Override
            public boolean isComplete(java.time.LocalDate date) {
                return false;
            }

            @Override
            public void requestStop() {
            }
        };
        try (NightScheduler running = NightScheduler.open(s, idle, System.out)) {
            assertEquals(FraudlakeCli.LOCKED, FraudlakeCli.execute("scheduler", "run-due", "--lake",
                    dir.resolve("lake").toString(), "--set", "scheduler.store=" + dir.resolve("store")));
            String status = run(0, "scheduler", "status", "--lake", dir.resolve("lake").toString(), "--set",
                    "scheduler.store=" + dir.resolve("store"));
            assertTrue(status.contains("running:   scheduler store") && status.contains("pid "
                    + ProcessHandle.current().pid()), status);
        }
    }

    @Test
    void aBadCronIsRefusedNamingTheSetting(@TempDir Path dir) {
        assertEquals(2, FraudlakeCli.execute("scheduler", "status", "--lake", dir.toString(),
                "--set", "scheduler.cron=every night"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String run(int expected, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = FraudlakeCli.execute(args);
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expected, rc, out);
        return out;
    }
}

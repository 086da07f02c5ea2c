package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake lock against another real process: refused naming the holder, waited for, and taken from the dead. */
class LakeLockTest {
    @TempDir
    Path dir;

    /** Holds the lock of the lake given as argument, noting a stage in it, until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            LakeLock lock = LakeLock.acquire(new Lake(args[0]), new Configuration(), "run-child", "run --date 2026-11-05",
                    Duration.ZERO, Duration.ofMinutes(10), line -> { });
            lock.doing("2026-11-05", "features", 1);
            System.out.println("locked");
            System.out.flush();
            long hold = args.length > 1 ? Long.parseLong(args[1]) : 600_000;
            Thread.sleep(hold);
            lock.close();
        }
    }

    private Process holder(Lake lake, long holdMillis) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), lake.root(), Long.toString(holdMillis))
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.equals("locked")) {
            // the child's start-up output
        }
        assertEquals("locked", line);
        return p;
    }

    @Test
    void aLiveHolderIsNamedAndADeadOnesAttemptIsHandedOver() throws Exception {
        Lake lake = new Lake(dir.resolve("lake").toString());
        Process child = holder(lake, 600_000);
        try {
            LakeLock.LockedException e = assertThrows(LakeLock.LockedException.class, () -> LakeLock.acquire(lake,
                    new Configuration(), "run-me", "run", Duration.ZERO, Duration.ofMinutes(10), line -> { }));
            assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("now features of 2026-11-05"), e.getMessage());
            assertTrue(e.getMessage().contains("--wait-lock") || e.getMessage().contains("run.lock-wait"),
                    e.getMessage());
            assertEquals(child.pid(), LakeLock.current(lake, new Configuration()).pid());
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        List<String> heard = new ArrayList<>();
        try (LakeLock mine = LakeLock.acquire(lake, new Configuration(), "run-me", "run", Duration.ZERO,
                Duration.ofMinutes(10), heard::add)) {
            LakeLock.Holder dead = mine.deadPredecessor().orElseThrow();
            assertEquals(child.pid(), dead.pid());
            assertEquals("features", dead.stage());
            assertEquals("2026-11-05", dead.date());
            assertTrue(heard.get(0).contains("process gone"), heard.toString());
        }
        assertEquals(null, LakeLock.current(lake, new Configuration()), "released on close");
    }

    @Test
    void aWaitingRunGetsTheLakeWhenTheHolderFinishes() throws Exception {
        Lake lake = new Lake(dir.resolve("lake").toString());
        Process child = holder(lake, 3_000);
        List<String> heard = new ArrayList<>();
        try (LakeLock mine = LakeLock.acquire(lake, new Configuration(), "run-me", "run", Duration.ofSeconds(60),
                Duration.ofMinutes(10), heard::add)) {
            assertTrue(heard.get(0).contains("waiting up to 60 s"), heard.toString());
            assertTrue(mine.deadPredecessor().isEmpty(), "the holder released the lake properly");
        } finally {
            child.destroyForcibly();
        }
    }
}

package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake lock against another real process: refused naming the holder, waited for, and taken from the dead. */
class LakeLockTest {
    @TempDir
    Path dir;

    /**
     * Holds the lock of the lake given as argument, noting a stage in it, until told on stdin to release it
     * (a line, or the end of input) or killed.
     */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            LakeLock lock = LakeLock.acquire(new Lake(args[0]), new Configuration(), "run-child", "run --date 2026-11-05",
                    Duration.ZERO, Duration.ofMinutes(10), line -> { });
            lock.doing("2026-11-05", "features", 1);
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            lock.close();
        }
    }

    private Process holder(Lake lake) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), lake.root())
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
        Process child = holder(lake);
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
        Process child = holder(lake);
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<LakeLock> mine = pool.submit(() -> LakeLock.acquire(lake, new Configuration(), "run-me", "run",
                    Duration.ofSeconds(120), Duration.ofMinutes(10), line -> {
                        heard.add(line);
                        waiting.countDown();
                    }));
            assertTrue(waiting.await(60, TimeUnit.SECONDS), "never said it waits: " + heard);
            assertFalse(mine.isDone(), "took the lake while the holder still held it");
            assertTrue(heard.get(0).contains("waiting up to 120 s"), heard.toString());
            assertTrue(heard.get(0).contains("pid " + child.pid()), heard.toString());

            child.getOutputStream().write("release\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
            try (LakeLock lock = mine.get(60, TimeUnit.SECONDS)) {
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the holder ended after releasing");
                assertEquals(0, child.exitValue());
                assertTrue(lock.deadPredecessor().isEmpty(), "the holder released the lake properly");
                assertEquals(1, heard.size(), heard.toString());
            }
        } finally {
            pool.shutdownNow();
            child.destroyForcibly();
        }
    }
}

package org.fraudlake.orchestration.scheduler;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.fraudlake.orchestration.NightLauncher;

/**
 * A night without Spark: records each run, takes {@code nightTime}, honours a stop at once (woken by it, the
 * stage then finishing in {@code stageTail}), can wait on {@code block} first
 * (deaf to stops, like a stage that does not end), and can fail a date once.
 */
final class TestLauncher implements NightLauncher {
    final List<String> events = new ArrayList<>();
    final List<LocalDate> attempts = new ArrayList<>();
    final Set<LocalDate> complete = ConcurrentHashMap.newKeySet();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    private final PrintStream out;
    volatile Duration nightTime = Duration.ZERO;
    volatile Duration stageTail = Duration.ofMillis(300);
    volatile CountDownLatch block;
    volatile Predicate<LocalDate> failOnce = d -> false;
    private final Set<LocalDate> failed = ConcurrentHashMap.newKeySet();
    private volatile boolean stop;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    TestLauncher(PrintStream out) {
        this.out = out;
    }

    /** Each fire second is its own business date: day {@code n} is the n-th second after {@code base}. */
    static Function<ZonedDateTime, LocalDate> secondsAsDays(long baseEpochSecond) {
        return z -> LocalDate.of(2026, 1, 1).plusDays(z.toEpochSecond() - baseEpochSecond);
    }

    static final ZoneId UTC = ZoneId.of("UTC");

    @Override
    public boolean runNight(LocalDate date) throws Exception {
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            event("start " + date);
            synchronized (attempts) {
                attempts.add(date);
            }
            started.countDown();
            if (failOnce.test(date) && failed.add(date)) {
                event("fail " + date);
                throw new IllegalStateException("simulated failure of " + date);
            }
            CountDownLatch b = block;
            if (b != null) {
                b.await();
            }
            stopSignal.await(nightTime.toMillis(), TimeUnit.MILLISECONDS);
            if (stop) {
                Thread.sleep(stageTail.toMillis());
                event("end " + date + " stopped");
                return false;
            }
            complete.add(date);
            event("end " + date + " done");
            return true;
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public boolean isComplete(LocalDate date) {
        return complete.contains(date);
    }

    @Override
    public void requestStop() {
        stop = true;
        event("stop requested");
        stopSignal.countDown();
    }

    List<LocalDate> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    void event(String e) {
        synchronized (events) {
            events.add(e);
        }
        out.println(e);
    }
}

package org.fraudlake.core.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent Spark actions (one per table) from a few driver threads. On small data most of a
 * Delta write is driver-side latency (planning, log reads, commits), so overlapping a few writes to
 * different tables keeps the cores busy. Results come back in task order; the first failure is rethrown
 * after every task has ended.
 */
public final class Parallel {
    /** Driver threads used by the jobs: enough to overlap commits, few enough for 2 cores. */
    public static final int DEFAULT_THREADS = 3;

    private Parallel() {
    }

    public static <T> List<T> run(List<Callable<T>> tasks, int threads) {
        if (threads <= 1 || tasks.size() <= 1) {
            List<T> out = new ArrayList<>();
            for (Callable<T> t : tasks) {
                out.add(call(t));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "fraudlake-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            List<T> out = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : unwrap(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Spark jobs", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof java.io.IOException io) {
            return new java.io.UncheckedIOException(io);
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}

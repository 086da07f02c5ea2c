package org.fraudlake.core.failure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are worth retrying. Transient: I/O errors (other than a missing file), network and timeout
 * errors, lost executors, and Delta's concurrent-commit conflicts. Everything else (bad input, schema
 * mismatches, a bug) fails the same way again, so it is not retried. A stage's part that fails transiently is
 * not isolated: the whole stage fails and the runner retries it.
 */
public final class Transient {
    private Transient() {
    }

    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof FileNotFoundException || name.endsWith("AnalysisException")) {
                return false;
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof java.net.SocketException
                    || name.startsWith("io.delta.exceptions.Concurrent")
                    || name.contains("ConcurrentModificationException")
                    || name.endsWith("ExecutorLostFailure") || name.endsWith("FetchFailedException")) {
                return true;
            }
        }
        return false;
    }
}

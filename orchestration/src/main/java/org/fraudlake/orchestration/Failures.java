package org.fraudlake.orchestration;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are worth retrying. Transient: I/O errors (other than a missing file), network and timeout
 * errors, lost executors, and Delta's concurrent-commit conflicts. Everything else (bad input, schema
 * mismatches, a bug) fails the same way again, so it is not retried.
 */
final class Failures {
    private Failures() {
    }

    static boolean isTransient(Throwable error) {
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

    /** The first line of the error and of its root cause, for the ledger. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String head = error.getClass().getSimpleName() + ": " + firstLine(error.getMessage());
        return root == error ? head : head + " (cause: " + root.getClass().getSimpleName() + ": "
                + firstLine(root.getMessage()) + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}

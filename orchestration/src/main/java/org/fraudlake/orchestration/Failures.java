package org.fraudlake.orchestration;

import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.Transient;

/**
 * How the runner judges and words a stage's failure: whether it is worth retrying ({@link Transient}), and the
 * line the ledger keeps ({@link ErrorText#describe}: class, message, root cause and the top frames of our code).
 */
final class Failures {
    private Failures() {
    }

    static boolean isTransient(Throwable error) {
        return Transient.is(error);
    }

    /** Class and first message line of the error and of its root cause, and where in our code the root was thrown. */
    static String describe(Throwable error) {
        return ErrorText.describe(error);
    }
}

package org.fraudlake.cli;

import java.util.List;
import org.fraudlake.pipelines.failure.ErrorText;
import org.fraudlake.pipelines.failure.PartFailure;

/** How a single-stage command ends when some of its parts failed: each one's stack on stderr, exit status 1. */
final class PartsFailed {
    private PartsFailed() {
    }

    /** 0 when nothing failed; else prints each failure with its whole stack to stderr and returns 1. */
    static int exitCode(String what, List<PartFailure> failures) {
        if (failures.isEmpty()) {
            return 0;
        }
        for (PartFailure f : failures) {
            System.err.println(what + ": " + f.describe());
            System.err.print(ErrorText.stackTrace(f.error()));
        }
        System.err.println(what + ": PARTIAL, " + PartFailure.summary(failures) + "; the rest completed");
        return 1;
    }
}

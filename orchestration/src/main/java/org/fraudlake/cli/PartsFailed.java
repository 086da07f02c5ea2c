package org.fraudlake.cli;

import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.RunLedger;

/**
 * How a single-stage command ends: 0 when every part completed, 1 when some parts failed (the runner has printed
 * each one's whole stack on stderr and recorded it in {@code ops/failures} and the run ledger as PARTIAL).
 */
final class PartsFailed {
    private PartsFailed() {
    }

    static int exitCode(NightRunner.Outcome outcome) {
        return outcome.stages().stream().anyMatch(RunLedger.Entry::partial) ? 1 : 0;
    }
}

package org.fraudlake.orchestration;

import java.util.Map;

/**
 * What a stage reports to the run ledger: rows it read (null when the stage cannot say cheaply), rows it
 * wrote, and a one-line note (missing deliveries, why it skipped, what it published).
 */
public record StageResult(Long rowsIn, Long rowsOut, String note, boolean skipped) {

    public static StageResult of(Long rowsIn, Long rowsOut, String note) {
        return new StageResult(rowsIn, rowsOut, note, false);
    }

    /** A stage with nothing to do tonight (for example training when not due); counts as completed. */
    public static StageResult skipped(String why) {
        return new StageResult(null, null, why, true);
    }

    /** Rows written: the sum of a job's per-table counts. */
    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

package org.fraudlake.orchestration;

import java.util.List;
import java.util.Map;
import org.fraudlake.core.failure.PartFailure;

/**
 * What a stage reports to the run ledger: rows it read (null when the stage cannot say cheaply), rows it
 * wrote, a one-line note (missing deliveries, why it skipped, what it published), and the parts that failed
 * while the stage went on (a model, a lead detector, a report section, a partner's folder). A stage with failed
 * parts completes (SUCCEEDED, so the night goes on) and the runner marks its ledger row PARTIAL.
 */
public record StageResult(Long rowsIn, Long rowsOut, String note, boolean skipped, List<PartFailure> failures) {

    public StageResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public StageResult(Long rowsIn, Long rowsOut, String note, boolean skipped) {
        this(rowsIn, rowsOut, note, skipped, List.of());
    }

    public static StageResult of(Long rowsIn, Long rowsOut, String note) {
        return new StageResult(rowsIn, rowsOut, note, false);
    }

    /** A stage with nothing to do tonight (for example training when not due); counts as completed. */
    public static StageResult skipped(String why) {
        return new StageResult(null, null, why, true);
    }

    /** The same result with these failed parts. */
    public StageResult withFailures(List<PartFailure> failed) {
        return new StageResult(rowsIn, rowsOut, note, skipped, failed);
    }

    /** A job that only writes: rows out are the sum of its per-table counts. */
    public static StageResult written(Map<String, Long> counts) {
        return of(null, total(counts), null);
    }

    /** Rows written: the sum of a job's per-table counts. */
    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

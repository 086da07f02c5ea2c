package org.fraudlake.console.data;

import java.time.Instant;
import java.time.LocalDate;
import org.fraudlake.schemas.tables.Ops.Verdict;

/** One row of ops/dispositions: an analyst's verdict on a warning, with who and when. */
public record Disposition(String dispositionId, String entityType, String entityId, String warningId, String model,
                          String warningType, LocalDate businessDate, Verdict verdict, String label, String note,
                          String decidedBy, Instant decidedAt) {
}

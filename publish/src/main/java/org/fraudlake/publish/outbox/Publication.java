package org.fraudlake.publish.outbox;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fraudlake.core.failure.PartFailure;

/**
 * What {@link OutboxWriter#publish} did for a date.
 *
 * @param rows      per partner (by code), the rows in its {@code warnings.csv} (0 for a quiet night)
 * @param folders   per partner, its folder for the date
 * @param rewritten the partners whose folder was written; the others were already byte-identical
 * @param withheld  sent warnings that reached no partner, and why
 * @param failures  partners ({@code partner <code>}) whose folder failed, with the error; absent from
 *                  {@code rows} and {@code folders}, their earlier folder of the date (if any) left as it was
 */
public record Publication(LocalDate date, Map<String, Integer> rows, Map<String, String> folders,
                          List<String> rewritten, List<Routing.Withheld> withheld, List<PartFailure> failures) {

    public Publication {
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
        folders = Collections.unmodifiableMap(new TreeMap<>(folders));
        rewritten = List.copyOf(rewritten);
        withheld = List.copyOf(withheld);
        failures = List.copyOf(failures);
    }

    /** Rows written over all partners (a number without a partner counts once per carrier). */
    public int totalRows() {
        return rows.values().stream().mapToInt(Integer::intValue).sum();
    }
}

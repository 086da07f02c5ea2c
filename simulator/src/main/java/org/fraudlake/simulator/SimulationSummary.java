package org.fraudlake.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulation wrote.
 *
 * @param rowsByFeed data rows (records) written per feed, in contract feed order, bad rows included
 * @param totalRows  all data rows
 * @param deliveries delivery folders written
 * @param elapsed    wall-clock time of the run
 */
public record SimulationSummary(Map<String, Long> rowsByFeed, long totalRows, long deliveries, Duration elapsed) {
    public SimulationSummary {
        rowsByFeed = Collections.unmodifiableMap(new LinkedHashMap<>(rowsByFeed));
    }
}

package org.fraudlake.simulator;

import java.time.LocalDate;

/**
 * What city to simulate.
 *
 * @param persons   residents of the city (at least 1)
 * @param days      business dates to simulate, from {@code startDate} on (at least 1)
 * @param seed      random seed: the same configuration writes byte-identical files
 * @param startDate first business date
 * @param faults    also write broken deliveries and bad rows (listed in {@code truth/faults.csv})
 */
public record SimulationConfig(int persons, int days, long seed, LocalDate startDate, boolean faults) {
    /** The first business date the demo city uses. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 10, 1);

    public SimulationConfig {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1, got " + persons);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (startDate == null) {
            throw new IllegalArgumentException("startDate is required (e.g. SimulationConfig.DEFAULT_START)");
        }
    }
}

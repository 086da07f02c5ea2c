package org.fraudlake.cli;

import java.time.LocalDate;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.Option;

/** The simulated city's size and seed; unset options come from the {@code demo.*} settings. */
public final class CityOptions {
    @Option(names = "--persons", description = "Persons in the city (default: demo.persons).")
    Integer persons;

    @Option(names = "--days", description = "Days to simulate (default: demo.days).")
    Integer days;

    @Option(names = "--seed", description = "Random seed; the same seed writes the same bytes (default: demo.seed).")
    Long seed;

    @Option(names = "--start", description = "First business date (default: simulator.start-date).")
    LocalDate start;

    @Option(names = "--house-styles-only", description = "Senders use their house styles only, none of the "
            + "contract's other freedoms (late joiners, a silent partner day, header-only spells, accounts without "
            + "their row, off-net callers, empty optional values; see simulator/README.md).")
    boolean houseStylesOnly;

    SimulationConfig simulation(FraudlakeConfig config, boolean faults) {
        return new SimulationConfig(
                persons != null ? persons : config.get(FraudlakeConfig.DEMO_PERSONS),
                days != null ? days : config.get(FraudlakeConfig.DEMO_DAYS),
                seed != null ? seed : config.get(FraudlakeConfig.DEMO_SEED),
                start != null ? start : config.get(FraudlakeConfig.SIMULATOR_START),
                faults,
                houseStylesOnly ? SimulationConfig.Freedoms.NONE : SimulationConfig.Freedoms.DEFAULT);
    }
}

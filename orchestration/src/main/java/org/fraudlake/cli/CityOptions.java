package org.fraudlake.cli;

import java.time.LocalDate;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.simulator.SimulationConfig.Profile;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The simulated city's kind, size and seed; unset options come from the {@code demo.*} settings. */
public final class CityOptions {
    @Option(names = "--profile", defaultValue = "default", converter = ProfileConverter.class,
            description = "Kind of city: default (the one the models are tuned on) or riverside (4 partner banks, "
                    + "2 carriers, other volumes, scheme and look-alike mix; never tune on it). Default: default.")
    Profile profile = Profile.DEFAULT;

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
                houseStylesOnly ? SimulationConfig.Freedoms.NONE : SimulationConfig.Freedoms.DEFAULT,
                profile);
    }

    /** A named profile; an unknown name fails listing the known ones. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.SimulationSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake simulate}: writes a synthetic city as partner deliveries into a lake's landing zone. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a synthetic city's partner deliveries (every feed, every day) into <lake>/landing, "
                + "and its ground truth into <lake>/truth.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--persons", description = "Persons in the city (default: demo.persons).")
    Integer persons;

    @Option(names = "--days", description = "Days to simulate (default: demo.days).")
    Integer days;

    @Option(names = "--seed", description = "Random seed; the same seed writes the same bytes (default: demo.seed).")
    Long seed;

    @Option(names = "--start", description = "First business date (default: simulator.start-date).")
    LocalDate start;

    @Option(names = "--faults", negatable = true, description = "Also write broken deliveries and bad rows.")
    Boolean faults;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        SimulationConfig sim = new SimulationConfig(
                persons != null ? persons : config.get(FraudlakeConfig.DEMO_PERSONS),
                days != null ? days : config.get(FraudlakeConfig.DEMO_DAYS),
                seed != null ? seed : config.get(FraudlakeConfig.DEMO_SEED),
                start != null ? start : config.get(FraudlakeConfig.SIMULATOR_START),
                faults != null ? faults : false);
        run(new Lake(config.get(FraudlakeConfig.LAKE_ROOT)), sim);
        return 0;
    }

    static SimulationSummary run(Lake lake, SimulationConfig sim) throws java.io.IOException {
        System.out.printf("simulate %,d persons x %d days (seed %d, faults %s) into %s%n", sim.persons(), sim.days(),
                sim.seed(), sim.faults(), lake.landing());
        SimulationSummary s = new CitySimulator(sim).run(lake, new Configuration(), line -> System.out.println("  " + line));
        double secs = Math.max(0.001, s.elapsed().toMillis() / 1000.0);
        System.out.printf("simulated %,d rows in %,d deliveries in %.1f s (%,.0f rows/s)%n", s.totalRows(),
                s.deliveries(), secs, s.totalRows() / secs);
        return s;
    }
}

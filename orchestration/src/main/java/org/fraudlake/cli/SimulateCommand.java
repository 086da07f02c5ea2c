package org.fraudlake.cli;

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

    @Mixin
    CityOptions city;

    @Option(names = "--faults", negatable = true, description = "Also write broken deliveries and bad rows.")
    Boolean faults;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        SimulationConfig sim = city.simulation(config, faults != null && faults);
        run(new Lake(config.get(FraudlakeConfig.LAKE_ROOT)), sim);
        return 0;
    }

    static SimulationSummary run(Lake lake, SimulationConfig sim) throws java.io.IOException {
        System.out.printf("simulate %,d persons x %d days (seed %d, faults %s, profile %s) into %s%n", sim.persons(),
                sim.days(), sim.seed(), sim.faults(), sim.profile().name(), lake.landing());
        SimulationSummary s = new CitySimulator(sim).run(lake, new Configuration(), line -> System.out.println("  " + line));
        double secs = Math.max(0.001, s.elapsed().toMillis() / 1000.0);
        System.out.printf("simulated %,d rows in %,d deliveries in %.1f s (%,.0f rows/s)%n", s.totalRows(),
                s.deliveries(), secs, s.totalRows() / secs);
        return s;
    }
}

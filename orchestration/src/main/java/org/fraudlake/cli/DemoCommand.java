package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.models.ModelCatalog;
import org.fraudlake.models.TrainJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fraudlake demo}: simulates a city into the lake and runs every stage that exists for every day.
 * Re-running it on the same lake changes nothing (identical deliveries are recognised).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a demo city into the lake (default ./lake) and run the night for every day: "
                + "ingest, conform and features, printing per-feed counts of loaded, quarantined and rejected; then, for the last day, "
                + "trace victim money and find gangs (graph), publish economic-crime leads and incident series "
                + "printed by typology, train the model catalog, print the validation metric table and score.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    CityOptions city;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        long started = System.nanoTime();
        SimulationConfig sim = city.simulation(config, config.get(FraudlakeConfig.DEMO_FAULTS));
        Night night = new Night(config, System.out);
        SimulateCommand.run(night.lake(), sim);
        SparkSession spark = night.spark();
        List<IngestReport> reports = new ArrayList<>();
        for (int day = 0; day < sim.days(); day++) {
            LocalDate date = sim.startDate().plusDays(day);
            System.out.printf("== night of %s (day %d/%d)%n", date, day + 1, sim.days());
            reports.add(night.ingest(spark, date));
            night.conform(spark, date);
            night.features(spark, date);
        }
        IngestTable.print(System.out, "demo: ingest totals over " + sim.days() + " days", reports);
        LocalDate last = sim.startDate().plusDays(sim.days() - 1L);
        night.graph(spark, last);
        night.leads(spark, last);
        TrainJob.Settings settings = night.trainSettings();
        int trainDays = Math.min(settings.trainDays(), sim.days() - settings.validDays());
        if (trainDays < 1) {
            System.out.printf("demo: %d days are too few to train (validation alone takes %d); no models%n",
                    sim.days(), settings.validDays());
        } else {
            List<TrainJob.Result> results = night.train(spark, last, ModelCatalog.all(), new TrainJob.Settings(
                    trainDays, settings.validDays(), settings.maxNegatives(), settings.k()));
            MetricTable.print(System.out, results);
            night.score(spark, last);
        }
        System.out.printf("demo finished in %.1f s; lake at %s%n", (System.nanoTime() - started) / 1e9,
                night.lake().root());
        return 0;
    }
}

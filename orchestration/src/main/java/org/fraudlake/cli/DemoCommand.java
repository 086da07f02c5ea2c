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
import org.fraudlake.publish.outbox.Publication;
import org.fraudlake.publish.report.ReportJob;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fraudlake demo}: simulates a city into the lake and runs every stage that exists for every day.
 * Re-running it on the same lake changes nothing (identical deliveries are recognised).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a demo city into the lake (default ./lake) and run the night for every day: "
                + "ingest, conform and features, printing per-feed counts of loaded, quarantined and rejected. Train "
                + "the model catalog before the last two days and print the validation metric table; on the last "
                + "two nights also score, trace victim money and find gangs (graph), find leads and incident series "
                + "(printed by typology), decide and publish the signed partner outbox (verified), let the "
                + "simulated banks answer, count the feedback and write the nightly report.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    CityOptions city;

    /** The last nights of the demo run the whole night: score, graph, leads, publish, feedback and report. */
    static final int PUBLISHED_NIGHTS = 2;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        long started = System.nanoTime();
        SimulationConfig sim = city.simulation(config, config.get(FraudlakeConfig.DEMO_FAULTS));
        Night night = new Night(config, System.out);
        SimulateCommand.run(night.lake(), sim);
        SparkSession spark = night.spark();
        TrainJob.Settings settings = night.trainSettings();
        int published = Math.min(PUBLISHED_NIGHTS, sim.days() - settings.validDays() - 1);
        LocalDate trainedAsOf = sim.startDate().plusDays(sim.days() - 1L - Math.max(published, 0));
        int trainDays = Math.min(settings.trainDays(), sim.days() - Math.max(published, 0) - settings.validDays());
        List<IngestReport> reports = new ArrayList<>();
        ReportJob.Output report = null;
        Publication outbox = null;
        for (int day = 0; day < sim.days(); day++) {
            LocalDate date = sim.startDate().plusDays(day);
            System.out.printf("== night of %s (day %d/%d)%n", date, day + 1, sim.days());
            reports.add(night.ingest(spark, date));
            night.conform(spark, date);
            night.features(spark, date);
            if (published < 1) {
                continue;
            }
            if (date.equals(trainedAsOf)) {
                List<TrainJob.Result> results = night.train(spark, date, ModelCatalog.all(), new TrainJob.Settings(
                        trainDays, settings.validDays(), settings.maxNegatives(), settings.k()));
                MetricTable.print(System.out, results);
            } else if (date.isAfter(trainedAsOf)) {
                night.score(spark, date);
                night.graph(spark, date);
                night.leads(spark, date);
                outbox = night.publish(spark, date);
                if (day + 1 < sim.days()) {
                    night.partnersAnswer(sim, date);
                }
                night.feedback(spark, date);
                report = night.report(spark, date);
            }
        }
        IngestTable.print(System.out, "demo: ingest totals over " + sim.days() + " days", reports);
        if (published < 1) {
            System.out.printf("demo: %d days are too few to train and publish (validation alone takes %d days); "
                    + "no models, no warnings%n", sim.days(), settings.validDays());
        } else {
            System.out.printf("demo: outbox %s: %,d warnings for %d partners, every folder verified; partners check "
                    + "theirs with `fraudlake outbox verify DIR`%n", night.lake().outbox(), outbox.totalRows(),
                    outbox.rows().size());
            System.out.println("demo: report " + report.html());
        }
        System.out.printf("demo finished in %.1f s; lake at %s%n", (System.nanoTime() - started) / 1e9,
                night.lake().root());
        return 0;
    }
}

package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.models.FittedModel;
import org.fraudlake.models.Metrics;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.orchestration.MetricTable;
import org.fraudlake.orchestration.Night;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraudlake evaluate}: the champions' metrics on any window, against labels known at its end, at each
 * champion's own threshold: how the models did on days they were neither trained nor tuned on.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate the champion models on the business dates --from..--to (labels known at --to, "
                + "each champion's own threshold) and print the metric table.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, description = "First business date of the window.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last business date of the window.")
    LocalDate to;

    @Option(names = "--models", split = ",", description = "Models to evaluate (default: the whole catalog).")
    List<String> models;

    @Override
    public Integer call() throws Exception {
        Night night = new Night(common.config(), System.out);
        SparkSession spark = night.spark();
        Registry registry = new Registry(spark, night.lake());
        TrainJob job = new TrainJob(night.lake(), night.trainSettings(), System.out::println);
        List<TrainJob.Result> results = new ArrayList<>();
        for (RiskModel model : ModelCatalog.select(models)) {
            Optional<RegistryEntry> champion = registry.champion(model.name());
            if (champion.isEmpty()) {
                System.out.println(model.name() + ": no champion");
                continue;
            }
            long t0 = System.nanoTime();
            FittedModel fitted = FittedModel.load(champion.get().path(), spark.sparkContext().hadoopConfiguration());
            Map<String, Metrics> metrics = job.evaluate(spark, model, fitted, from, to);
            results.add(new TrainJob.Result(champion.get(), metrics, (System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("champions evaluated on %s..%s (labels known at %s)%n", from, to, to);
        MetricTable.print(System.out, results);
        return 0;
    }
}

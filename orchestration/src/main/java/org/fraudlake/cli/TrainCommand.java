package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.orchestration.MetricTable;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake train}: fits, validates and registers the catalog's models as of a date. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the catalog's models on a time-based split ending on --as-of (train.train-days of "
                + "training, then train.valid-days of validation), register each version, promote those that beat "
                + "their champion, and print the validation metric table. A model that fails to train keeps its "
                + "champion and is reported with its stack (exit 1); the others are registered.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--as-of", required = true, description = "Last business date of the validation window.")
    LocalDate asOf;

    @Option(names = "--models", split = ",", description = "Models to train (default: the whole catalog).")
    List<String> models;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        List<TrainJob.Result> results = new java.util.ArrayList<>();
        NightRunner.Outcome outcome = runner.runCommand("train", asOf.plusDays(1), (spark, d) -> {
            TrainJob.Trained trained = runner.night().train(spark, asOf, ModelCatalog.select(models));
            results.addAll(trained.results());
            return StageResult.of(null, (long) results.size(), "fraudlake train --as-of " + asOf
                    + (models == null ? "" : " --models " + String.join(",", models))).withFailures(trained.failures());
        });
        MetricTable.print(System.out, results);
        return PartsFailed.exitCode(outcome);
    }
}

package org.fraudlake.cli;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FittedModel;
import org.fraudlake.models.Metrics;
import org.fraudlake.models.ModelSpec;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.orchestration.MetricTable;
import org.fraudlake.orchestration.Night;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraudlake models list|show|promote|rollback}: the catalog and the registry. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The model catalog and registry.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Show.class, ModelsCommand.Promote.class,
                ModelsCommand.Rollback.class})
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every model: name, typology, entity, data sources, label, algorithm, action, and its "
                    + "champion version if the lake's registry has one.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            FraudlakeConfig config = common.config();
            Lake lake = new Lake(config.get(FraudlakeConfig.LAKE_ROOT));
            List<RegistryEntry> registry = List.of();
            Path registryPath = new Path(lake.modelRegistry());
            if (registryPath.getFileSystem(new Configuration()).exists(registryPath)) {
                registry = new Registry(new Night(config, System.out).spark(), lake).all();
            }
            System.out.printf("%d models%n", ModelCatalog.all().size());
            for (RiskModel m : ModelCatalog.all()) {
                ModelSpec s = m.spec();
                Optional<RegistryEntry> champion = registry.stream()
                        .filter(e -> e.model().equals(s.name()) && e.isChampion()).findFirst();
                System.out.printf("%n%s  [%s, %s]%s%n", s.name(), s.entity(), s.typology(),
                        champion.map(c -> "  champion v" + c.version() + " (partners: "
                                + String.join(",", c.partners()) + ")").orElse("  no champion yet"));
                System.out.printf("  what:      %s%n", s.description());
                System.out.printf("  sources:   %s%n", String.join("; ", s.sources()));
                System.out.printf("  label:     %s%n", s.label().describe());
                System.out.printf("  algorithm: %s%n", s.algorithm().description());
                System.out.printf("  action:    %s%n", s.action());
                System.out.printf("  signals:   %s%n", String.join(", ", m.signals().stream().map(x -> x.id()).toList()));
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A model's versions in the registry.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", description = "Model name.")
        String model;

        @Override
        public Integer call() throws Exception {
            ModelCatalog.select(List.of(model));
            Night night = new Night(common.config(), System.out);
            List<RegistryEntry> versions = new Registry(night.spark(), night.lake()).versions(model);
            if (versions.isEmpty()) {
                System.out.println(model + ": no trained version (run fraudlake train)");
                return 0;
            }
            for (RegistryEntry e : versions) {
                System.out.printf("%s v%d %-11s as of %s  train %s..%s  valid %s..%s  AUC-PR %s (champion then %s)"
                                + "  threshold %.4f  rows %,d  positives %,d%n    %s; %s%n    inputs %s%n",
                        e.model(), e.version(), e.status(), e.asOf(), e.trainFrom(), e.trainTo(), e.validFrom(),
                        e.validTo(), MetricTable.num(e.aucPr()), MetricTable.num(e.championAucPr()), e.threshold(),
                        e.trainRows(), e.trainPositives(), e.fittedBy(), e.note(), e.inputVersions());
                FittedModel fitted = FittedModel.load(e.path(), night.spark().sparkContext().hadoopConfiguration());
                StringBuilder w = new StringBuilder("    weights:");
                fitted.weights().forEach((k, v) -> w.append(String.format(" %s=%.3f", k, v)));
                System.out.println(w);
            }
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make a version champion. Refused unless it beats the champion on its own validation "
                    + "window (both re-evaluated now), or --force.")
    static final class Promote implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", description = "Model name.")
        String model;

        @Parameters(index = "1", description = "Version to promote.")
        int version;

        @Option(names = "--force", description = "Promote even if it does not beat the champion.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            RiskModel risk = ModelCatalog.select(List.of(model)).get(0);
            NightRunner runner = new NightRunner(common.config(), System.out);
            int[] exit = {0};
            runner.runTask("models promote", AsOf.cityToday(), (spark, today) -> {
                exit[0] = promote(runner.night(), spark, risk);
                return StageResult.of(null, exit[0] == 0 ? 1L : 0L, "fraudlake models promote " + model + " " + version
                        + (force ? " --force" : "") + (exit[0] == 0 ? "" : ": refused"));
            });
            return exit[0];
        }

        private int promote(Night night, SparkSession spark, RiskModel risk) throws IOException {
            Registry registry = new Registry(spark, night.lake());
            RegistryEntry target = registry.version(model, version)
                    .orElseThrow(() -> new IllegalArgumentException("no version " + version + " of " + model));
            double championAucPr = Double.NaN;
            Optional<RegistryEntry> champion = registry.champion(model);
            if (champion.isPresent() && champion.get().version() != version) {
                TrainJob job = new TrainJob(night.lake(), night.trainSettings(), System.out::println);
                Configuration conf = spark.sparkContext().hadoopConfiguration();
                Map<String, Metrics> mine = job.evaluate(spark, risk, FittedModel.load(target.path(), conf),
                        target.validFrom(), target.validTo());
                Map<String, Metrics> theirs = job.evaluate(spark, risk, FittedModel.load(champion.get().path(), conf),
                        target.validFrom(), target.validTo());
                championAucPr = unknownAucPr(theirs);
                System.out.printf("on %s..%s, not-yet-named entities: v%d AUC-PR* %s, champion v%d AUC-PR* %s "
                                + "(all entities: %s vs %s)%n", target.validFrom(), target.validTo(), version,
                        MetricTable.num(unknownAucPr(mine)), champion.get().version(), MetricTable.num(championAucPr),
                        MetricTable.num(mine.get(Metrics.ALL).aucPr()), MetricTable.num(theirs.get(Metrics.ALL).aucPr()));
            }
            try {
                RegistryEntry promoted = registry.promote(model, version, championAucPr, force);
                System.out.println(model + " v" + promoted.version() + " is champion: " + promoted.note());
                return 0;
            } catch (IllegalStateException refused) {
                System.err.println("refused: " + refused.getMessage());
                return 1;
            }
        }

        private static double unknownAucPr(Map<String, Metrics> metrics) {
            Metrics unknown = metrics.get(Metrics.UNKNOWN);
            return unknown == null ? Double.NaN : unknown.aucPr();
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Withdraw a model's champion and restore the previous champion.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", description = "Model name.")
        String model;

        @Override
        public Integer call() throws Exception {
            ModelCatalog.select(List.of(model));
            NightRunner runner = new NightRunner(common.config(), System.out);
            runner.runTask("models rollback", AsOf.cityToday(), (spark, today) -> {
                RegistryEntry back = new Registry(spark, runner.lake()).rollback(model);
                System.out.println(model + " v" + back.version() + " is champion again: " + back.note());
                return StageResult.of(null, 1L, "fraudlake models rollback " + model + ": v" + back.version());
            });
            return 0;
        }
    }
}

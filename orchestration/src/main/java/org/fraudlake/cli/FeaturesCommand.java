package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake features}: silver to the gold daily aggregates and feature tables for a date. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Build the gold daily aggregates and the per-entity feature tables (account, phone, person, "
                + "company) for a business date, with 1/7/30-day windows from the daily aggregates.")
public final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        Night night = new Night(common.config(), System.out);
        SparkSession spark = night.spark();
        night.features(spark, date);
        return 0;
    }
}

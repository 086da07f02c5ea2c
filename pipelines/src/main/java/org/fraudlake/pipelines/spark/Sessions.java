package org.fraudlake.pipelines.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every fraudlake entry point uses: Delta, UTC, quiet, sized for small machines. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * A session for {@code master} with Delta configured, the session time zone UTC and
     * {@code shufflePartitions} shuffle partitions; the UI is off on local masters.
     */
    public static SparkSession create(String appName, String master, int shufflePartitions) {
        boolean local = master.startsWith("local");
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .master(master)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.default.parallelism", Integer.toString(shufflePartitions))
                .config("spark.databricks.delta.snapshotPartitions", Integer.toString(Math.max(1, shufflePartitions)))
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.adaptive.enabled", "true");
        if (local) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }
}

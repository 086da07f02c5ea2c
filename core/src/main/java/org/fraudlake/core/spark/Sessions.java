package org.fraudlake.core.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SparkSession every fraudlake entry point uses: Delta, UTC, quiet, sized for small machines.
 *
 * <p>Under {@code spark-submit} the master (and every {@code --conf}) comes from spark-submit, which passes it
 * to the driver as the system property {@code spark.master}; the master this class is given is then ignored, so
 * {@code spark-submit --master spark://host:7077 ... fraudlake-app.jar ingest} runs on that cluster whatever
 * {@code spark.master} the fraudlake config says. Executors need only the application jar (Delta's classes are
 * in it); the Delta extension and catalog are session settings of the driver.
 */
public final class Sessions {
    /** The system property spark-submit sets on the driver JVM. */
    public static final String SUBMITTED_MASTER = "spark.master";

    /**
     * Spark's memory page size. Unset, Spark derives it from the heap and the cores (64 MB on a 6 GB driver with 2
     * cores), and every broadcast hash join builds its table in at least one page: the decisions' plans hold a few
     * dozen broadcasts of small tables at once, which took 2.5 GB of heap for a few thousand rows. Local masters get
     * {@value #LOCAL_PAGE_SIZE} unless {@code -Dspark.buffer.pageSize} says otherwise; on a cluster Spark's own
     * sizing stands.
     */
    public static final String PAGE_SIZE = "spark.buffer.pageSize";
    static final String LOCAL_PAGE_SIZE = "4m";

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private Sessions() {
    }

    /**
     * A session for {@code master} (unless spark-submit chose one, see {@link #effectiveMaster}) with Delta
     * configured, the session time zone UTC and {@code shufflePartitions} shuffle partitions; on local masters
     * the UI is off and the driver is bound to loopback.
     */
    public static SparkSession create(String appName, String master, int shufflePartitions) {
        String effective = effectiveMaster(master, System.getProperty(SUBMITTED_MASTER));
        boolean local = effective.startsWith("local");
        SparkSession.Builder b = SparkSession.builder()
                .appName(appName)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.default.parallelism", Integer.toString(shufflePartitions))
                .config("spark.databricks.delta.snapshotPartitions", Integer.toString(Math.max(1, shufflePartitions)))
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.adaptive.enabled", "true");
        if (System.getProperty(SUBMITTED_MASTER) == null) {
            b.master(master);
        } else if (!effective.equals(master)) {
            LOG.info("spark.master {} from spark-submit; the fraudlake setting spark.master={} is not used",
                    effective, master);
        }
        if (local) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (System.getProperty(PAGE_SIZE) == null) {
                b.config(PAGE_SIZE, LOCAL_PAGE_SIZE);
            }
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    /** The master a session gets: spark-submit's ({@code submitted}, may be null) if any, else {@code configured}. */
    public static String effectiveMaster(String configured, String submitted) {
        return submitted == null || submitted.isBlank() ? configured : submitted;
    }
}

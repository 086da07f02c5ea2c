package org.fraudlake.testkit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests one {@code local[2]} SparkSession shared by the whole test JVM,
 * with Delta configured, the UI off, the driver on loopback, UTC, small memory pages and few shuffle partitions.
 * Declare a {@code SparkSession} parameter on a test, a constructor or a {@code @BeforeAll} method to get it. The
 * session is stopped when the JVM ends.
 */
public final class SparkTestExtension implements ParameterResolver {

    private static volatile SparkSession shared;

    /** The shared session, created on first use. */
    public static SparkSession spark() {
        SparkSession s = shared;
        if (s == null) {
            synchronized (SparkTestExtension.class) {
                s = shared;
                if (s == null) {
                    s = create();
                    shared = s;
                    SparkSession session = s;
                    Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "spark-test-stop"));
                }
            }
        }
        return s;
    }

    private static SparkSession create() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("fraudlake-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // Spark sizes memory pages from the heap (64 MB at -Xmx4g) and every broadcast join of a tiny test
                // table takes at least one: a decisions run held 2.5 GB of them (the product's Sessions does the same
                // on local masters).
                .config("spark.buffer.pageSize", "2m")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.databricks.delta.snapshotPartitions", "2")
                .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/fraudlake-test-warehouse")
                .getOrCreate();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return spark();
    }
}

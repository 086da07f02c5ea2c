package org.fraudlake.core.spark;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Delta reads and writes at the edges of jobs. */
public final class DeltaIO {
    private DeltaIO() {
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The table, or an empty frame of the given schema when it does not exist yet. */
    public static Dataset<Row> readOrEmpty(SparkSession spark, String path, StructType schema) {
        if (exists(spark, path)) {
            return spark.read().format("delta").load(path);
        }
        return spark.createDataFrame(java.util.List.of(), schema);
    }

    public static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().format("delta").load(path);
    }

    /** Replaces the rows matching {@code predicate} with {@code data}, atomically; creates the table if needed. */
    public static void replaceWhere(Dataset<Row> data, String path, String predicate, String... partitionBy) {
        data.write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", predicate)
                .partitionBy(partitionBy)
                .save(path);
    }

    /**
     * As {@link #replaceWhere}, adding to the table the columns {@code data} has and the table does not (rows
     * written before read them as null): how a table whose writer gained columns keeps working on an existing lake.
     */
    public static void replaceWhereAddingColumns(Dataset<Row> data, String path, String predicate,
                                                 String... partitionBy) {
        data.write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", predicate)
                .option("mergeSchema", "true")
                .partitionBy(partitionBy)
                .save(path);
    }

    /** Replaces the whole table. */
    public static void overwrite(Dataset<Row> data, String path, String... partitionBy) {
        data.write().format("delta").mode(SaveMode.Overwrite)
                .option("overwriteSchema", "true")
                .partitionBy(partitionBy)
                .save(path);
    }

    public static void append(Dataset<Row> data, String path, String... partitionBy) {
        data.write().format("delta").mode(SaveMode.Append).partitionBy(partitionBy).save(path);
    }

    /**
     * The rows the table's last commit wrote (its {@code numOutputRows} metric), read from the Delta log without a
     * Spark job: how a writer counts what it wrote instead of counting the frame again. 0 when the table has no
     * commit after {@code versionBefore} (a write that changed nothing; -1: the table did not exist before).
     */
    public static long rowsWritten(SparkSession spark, String path, long versionBefore) {
        Row last = DeltaTable.forPath(spark, path).history(1).select("version", "operationMetrics").first();
        if (last.getLong(0) == versionBefore) {
            return 0;
        }
        java.util.Map<String, String> metrics = last.getJavaMap(1);
        return Long.parseLong(metrics.getOrDefault("numOutputRows", "0"));
    }

    /** The table's latest version, -1 when it does not exist yet: what {@link #rowsWritten} compares with. */
    public static long versionOrNone(SparkSession spark, String path) {
        return exists(spark, path) ? version(spark, path) : -1L;
    }

    /** The latest committed version of a table. */
    public static long version(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }

    /** Whether a file or folder exists on the path's file system. */
    public static boolean pathExists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

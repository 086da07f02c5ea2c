package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of a small undirected graph given as node pairs, by min-label propagation in Spark
 * SQL: each node ends labelled with the smallest node id of its component. For the candidate graphs of the
 * lead detectors (rings, groups, series: thousands of nodes, short diameters); each round is one join and
 * one aggregation plus a count, and the frame is checkpointed locally between rounds to keep plans short.
 */
public final class Components {
    public static final String A = "a";
    public static final String B = "b";
    public static final String NODE = "node";
    public static final String COMPONENT = "component";

    private static final int MAX_ROUNDS = 30;

    private Components() {
    }

    /** {@code (node, component)} for every node of the pairs {@code (a, b)}. */
    public static Dataset<Row> of(Dataset<Row> pairs) {
        Dataset<Row> edges = pairs.select(col(A), col(B)).filter(col(A).isNotNull().and(col(B).isNotNull()))
                .union(pairs.select(col(B).as(A), col(A).as(B)).filter(col(A).isNotNull().and(col(B).isNotNull())))
                .distinct().localCheckpoint();
        Dataset<Row> labels = edges.select(col(A).as(NODE)).distinct().withColumn(COMPONENT, col(NODE))
                .localCheckpoint();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> next = edges.join(labels, edges.col(B).equalTo(labels.col(NODE)))
                    .select(edges.col(A).as(NODE), labels.col(COMPONENT).as("_n"))
                    .groupBy(NODE).agg(min("_n").as("_n"))
                    .join(labels, NODE)
                    .select(col(NODE), least(col(COMPONENT), col("_n")).as(COMPONENT))
                    .localCheckpoint();
            long changed = next.join(labels.withColumnRenamed(COMPONENT, "_old"), NODE)
                    .filter(col(COMPONENT).notEqual(col("_old"))).count();
            labels = next;
            if (changed == 0) {
                break;
            }
        }
        return labels;
    }
}

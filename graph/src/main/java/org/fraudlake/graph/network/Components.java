package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.Checkpoints;

/**
 * Connected components of an undirected graph given as node pairs: each node ends labelled with the smallest node
 * id of its component. The lead detectors' candidate graphs (rings, groups, series) are small, so up to
 * {@link #DRIVER_MAX_EDGES} distinct edges are collected in one Spark job and joined by union-find on the driver;
 * a larger graph is labelled by min-label propagation in Spark SQL (each round one join, one aggregation and a
 * count, the frame checkpointed locally between rounds), which costs two Spark jobs per round of its diameter.
 * Both give the same labels.
 */
public final class Components {
    public static final String A = "a";
    public static final String B = "b";
    public static final String NODE = "node";
    public static final String COMPONENT = "component";
    /** The most distinct edges labelled on the driver (two strings each: tens of megabytes at most). */
    static final int DRIVER_MAX_EDGES = 200_000;

    private static final int MAX_ROUNDS = 30;

    private Components() {
    }

    /** {@code (node, component)} for every node of the pairs {@code (a, b)}. */
    public static Dataset<Row> of(Dataset<Row> pairs) {
        return of(pairs, DRIVER_MAX_EDGES);
    }

    /** As {@link #of(Dataset)}, on the driver up to {@code driverMaxEdges} distinct edges. */
    static Dataset<Row> of(Dataset<Row> pairs, int driverMaxEdges) {
        Dataset<Row> edges = halfEdges(pairs);
        return onDriver(pairs, edges, driverMaxEdges).orElseGet(() -> inSpark(edges));
    }

    /**
     * As {@link #of(Dataset)} when the pairs hold at most {@code driverMaxEdges} distinct edges (labelled on the
     * driver); empty when they hold more, for a caller with its own way for large graphs.
     */
    static Optional<Dataset<Row>> onDriver(Dataset<Row> pairs, int driverMaxEdges) {
        return onDriver(pairs, halfEdges(pairs), driverMaxEdges);
    }

    /** Each undirected edge once, its smaller node first. */
    private static Dataset<Row> halfEdges(Dataset<Row> pairs) {
        return pairs.select(col(A), col(B)).filter(col(A).isNotNull().and(col(B).isNotNull()))
                .union(pairs.select(col(B).as(A), col(A).as(B)).filter(col(A).isNotNull().and(col(B).isNotNull())))
                .filter(col(A).leq(col(B)))
                .distinct();
    }

    private static Optional<Dataset<Row>> onDriver(Dataset<Row> pairs, Dataset<Row> edges, int driverMaxEdges) {
        List<Row> few = edges.limit(driverMaxEdges + 1).collectAsList();
        return few.size() <= driverMaxEdges ? Optional.of(unionFind(pairs, few)) : Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Dataset<Row> unionFind(Dataset<Row> pairs, List<Row> edges) {
        Map<Object, Object> parent = new HashMap<>();
        for (Row e : edges) {
            Object a = root(parent, e.get(0));
            Object b = root(parent, e.get(1));
            if (!a.equals(b)) {
                // The smaller id becomes the root, so every root is its component's smallest node.
                if (((Comparable) a).compareTo(b) < 0) {
                    parent.put(b, a);
                } else {
                    parent.put(a, b);
                }
            }
        }
        List<Row> labels = new ArrayList<>(parent.size());
        for (Object node : parent.keySet()) {
            labels.add(RowFactory.create(node, root(parent, node)));
        }
        DataType type = pairs.select(col(A)).schema().fields()[0].dataType();
        StructType schema = new StructType().add(NODE, type, false).add(COMPONENT, type, false);
        return pairs.sparkSession().createDataFrame(labels, schema);
    }

    /** The root of {@code node}, halving the path on the way (a node seen for the first time is its own root). */
    private static Object root(Map<Object, Object> parent, Object node) {
        Object x = node;
        parent.putIfAbsent(x, x);
        while (!parent.get(x).equals(x)) {
            Object up = parent.get(x);
            parent.put(x, parent.get(up));
            x = up;
        }
        return x;
    }

    private static Dataset<Row> inSpark(Dataset<Row> halfEdges) {
        Dataset<Row> edges = stored(halfEdges.union(halfEdges.select(col(B).as(A), col(A).as(B))));
        Dataset<Row> labels = stored(edges.select(col(A).as(NODE)).distinct().withColumn(COMPONENT, col(NODE)));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> next = stored(edges.join(labels, edges.col(B).equalTo(labels.col(NODE)))
                    .select(edges.col(A).as(NODE), labels.col(COMPONENT).as("_n"))
                    .groupBy(NODE).agg(min("_n").as("_n"))
                    .join(labels, NODE)
                    .select(col(NODE), least(col(COMPONENT), col("_n")).as(COMPONENT)));
            long changed = next.join(labels.withColumnRenamed(COMPONENT, "_old"), NODE)
                    .filter(col(COMPONENT).notEqual(col("_old"))).count();
            labels = next;
            if (changed == 0) {
                break;
            }
        }
        return labels;
    }

    /**
     * The frame checkpointed locally with its measured size ({@link Checkpoints#measured}): with the estimate of the
     * plan that made it, round after round the planner's numbers would grow to millions of digits.
     */
    private static Dataset<Row> stored(Dataset<Row> frame) {
        return Checkpoints.measured(frame.localCheckpoint());
    }
}

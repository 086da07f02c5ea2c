package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nanvl;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.graphx.lib.PageRank;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.Checkpoints;
import scala.Option;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * Graph algorithms over token edge frames ({@link GraphEdges}): connected components (the gang communities)
 * and personalized PageRank from a seed set (risk propagation). A night's graphs are small enough for the driver:
 * components are labelled by {@link Components} (union-find after one collect of the distinct edges) and PageRank
 * runs in arrays ({@link DriverPageRank}) after one collect of the edges as vertex ids, so neither costs Spark jobs
 * per iteration. Above {@link Components#DRIVER_MAX_EDGES} and {@link #DRIVER_MAX_EDGES} edges they run in GraphX
 * (each superstep or iteration a few Spark jobs), with the same results. Tokens become
 * vertex ids by {@code xxhash64} (a collision merges two vertices; at 64 bits it is not expected below billions of
 * vertices) and are mapped back by a join.
 *
 * <p>Costs: one collect of the edges (two longs each for PageRank), the iterations on the driver (each one pass
 * over the edge arrays), a join of the scores back to the tokens. The Spark paths persist their graph in memory and
 * disk while they run and free it after.
 */
public final class GraphAlgorithms {
    public static final String TOKEN = "token";
    /** Of {@link #components}: the community id, {@code cm_} and a hash of the smallest token of the component. */
    public static final String COMMUNITY = "community_id";
    /** Of {@link #personalizedPageRank}. */
    public static final String PPR = "ppr_score";
    /** Of {@link #personalizedPageRank}: vertices in the graph (seeds' hub excluded). */
    public static final String VERTICES = "vertices";
    /** Decimal places kept of a PageRank score: floating sums in another order differ far below this. */
    public static final int PPR_DECIMALS = 12;
    /**
     * The most undirected edges whose PageRank runs on the driver (two longs each, both directions in arrays: about
     * 100 MB at most) instead of in GraphX, whose every iteration is several Spark jobs.
     */
    static final int DRIVER_MAX_EDGES = 2_000_000;
    /** The hub vertex that restarts the walk at the seeds; no token hashes to it in practice. */
    private static final long HUB = Long.MIN_VALUE;
    private static final ClassTag<Object> OBJECT = ClassTag$.MODULE$.apply(Object.class);
    private static final StructType ID_VALUE = new StructType().add("_id", DataTypes.LongType)
            .add("_value", DataTypes.DoubleType);
    private static final StructType ID_ID = new StructType().add("_id", DataTypes.LongType)
            .add("_value", DataTypes.LongType);

    private GraphAlgorithms() {
    }

    /**
     * Edge partitions of a GraphX graph: one per core of the session. Each superstep or PageRank iteration runs
     * a few stages over every partition, so on a small graph more partitions than cores only add task overhead
     * (the union of the edge frames would otherwise give several partitions per core).
     */
    static int partitions(SparkSession spark) {
        return Math.max(1, spark.sparkContext().defaultParallelism());
    }

    /** Every token of an edge frame with its vertex id. */
    static Dataset<Row> vertices(Dataset<Row> edges) {
        return edges.select(col(GraphEdges.SRC).as(TOKEN)).union(edges.select(col(GraphEdges.DST).as(TOKEN)))
                .distinct().withColumn("_id", xxhash64(col(TOKEN)));
    }

    /**
     * The connected component of every token of the edges: {@link #TOKEN}, {@link #COMMUNITY}. Deterministic:
     * the id depends only on the component's members.
     */
    public static Dataset<Row> components(SparkSession spark, Dataset<Row> edges) {
        return components(spark, edges, Components.DRIVER_MAX_EDGES);
    }

    /**
     * As {@link #components(SparkSession, Dataset)}: labelled by union-find on the driver ({@link Components}) up to
     * {@code driverMaxEdges} distinct edges, by GraphX's connected components above; both give the same communities.
     */
    static Dataset<Row> components(SparkSession spark, Dataset<Row> edges, int driverMaxEdges) {
        Optional<Dataset<Row>> small = Components.onDriver(edges.select(col(GraphEdges.SRC).as(Components.A),
                col(GraphEdges.DST).as(Components.B)), driverMaxEdges);
        if (small.isPresent()) {
            return small.get().select(col(Components.NODE).as(TOKEN),
                    concat(lit("cm_"), substring(sha2(col(Components.COMPONENT), 256), 1, 16)).as(COMMUNITY));
        }
        Dataset<Row> vertices = vertices(edges);
        JavaRDD<Edge<Object>> rdd = edges.select(xxhash64(col(GraphEdges.SRC)), xxhash64(col(GraphEdges.DST)))
                .coalesce(partitions(spark)).javaRDD()
                .map(r -> new Edge<>(r.getLong(0), r.getLong(1), (Object) 1.0));
        Graph<Object, Object> graph = Graph.fromEdges(rdd.rdd(), (Object) 0L, StorageLevel.MEMORY_AND_DISK(),
                StorageLevel.MEMORY_AND_DISK(), OBJECT, OBJECT);
        Graph<Object, Object> cc = ConnectedComponents.run(graph, OBJECT, OBJECT);
        JavaRDD<Row> rows = cc.vertices().toJavaRDD().map(t -> RowFactory.create((Long) t._1(), (Long) t._2()));
        Dataset<Row> component = spark.createDataFrame(rows, ID_ID).localCheckpoint();
        graph.unpersist(false);
        cc.unpersist(false);
        Dataset<Row> labelled = vertices.join(component, "_id").select(col(TOKEN), col("_value").as("_cc"));
        Dataset<Row> ids = labelled.groupBy(col("_cc")).agg(min(TOKEN).as("_min"))
                .select(col("_cc"), concat(lit("cm_"), substring(sha2(col("_min"), 256), 1, 16)).as(COMMUNITY));
        return labelled.join(ids, "_cc").select(col(TOKEN), col(COMMUNITY));
    }

    /**
     * Personalized PageRank with restarts spread evenly over the seed tokens, over the undirected edges: a hub
     * vertex with an edge to each seed is the single GraphX source, so one run covers every seed. Returns
     * {@link #TOKEN}, {@link #PPR} (normalized over the graph, rounded to {@value #PPR_DECIMALS} places) and
     * {@link #VERTICES}, for every token of the edges; empty seeds give all zeros (GraphX's own normalization
     * divides by a zero sum then).
     *
     * @param seeds      {@link #TOKEN} of the labelled entities
     * @param iterations power iterations (each one pass over the edges)
     * @param resetProb  probability of a restart at each step
     */
    public static Dataset<Row> personalizedPageRank(SparkSession spark, Dataset<Row> edges, Dataset<Row> seeds,
                                                    int iterations, double resetProb) {
        return personalizedPageRank(spark, edges, seeds, iterations, resetProb, DRIVER_MAX_EDGES);
    }

    /**
     * As {@link #personalizedPageRank(SparkSession, Dataset, Dataset, int, double)}, on the driver up to
     * {@code driverMaxEdges} edges (0: always GraphX).
     */
    static Dataset<Row> personalizedPageRank(SparkSession spark, Dataset<Row> edges, Dataset<Row> seeds,
                                             int iterations, double resetProb, int driverMaxEdges) {
        // Read three times (the seeds' hub edges, the count, the scores' tokens): stored once, not three
        // distincts over every edge.
        Dataset<Row> vertices = Checkpoints.measured(vertices(edges).localCheckpoint());
        Dataset<Row> both = edges.select(xxhash64(col(GraphEdges.SRC)).as("_a"), xxhash64(col(GraphEdges.DST)).as("_b"));
        Dataset<Row> seedIds = seeds.join(vertices, TOKEN).select(col("_id")).distinct();
        List<Row> few = both.limit(driverMaxEdges + 1).collectAsList();
        Dataset<Row> scores = few.size() <= driverMaxEdges
                ? spark.createDataFrame(DriverPageRank.run(few, seedIds.collectAsList(), iterations, resetProb, HUB),
                        ID_VALUE)
                : inGraphX(spark, both, seedIds, iterations, resetProb);
        long n = vertices.count();
        return vertices.join(scores, "_id", "left")
                .select(col(TOKEN), round(nanvl(coalesce(col("_value"), lit(0.0)), lit(0.0)),
                        PPR_DECIMALS).as(PPR), lit(n).as(VERTICES));
    }

    /** GraphX's personalized PageRank over the undirected pairs, the hub with an edge to each seed as its source. */
    private static Dataset<Row> inGraphX(SparkSession spark, Dataset<Row> both, Dataset<Row> seedIds, int iterations,
                                         double resetProb) {
        Dataset<Row> directed = both.union(both.select(col("_b"), col("_a")))
                .union(seedIds.select(lit(HUB).as("_a"), col("_id").as("_b")));
        JavaRDD<Edge<Object>> rdd = directed.coalesce(partitions(spark)).javaRDD()
                .map(r -> new Edge<>(r.getLong(0), r.getLong(1), (Object) 1.0));
        Graph<Object, Object> graph = Graph.fromEdges(rdd.rdd(), (Object) 0.0, StorageLevel.MEMORY_AND_DISK(),
                StorageLevel.MEMORY_AND_DISK(), OBJECT, OBJECT);
        Graph<Object, Object> ranked = PageRank.runWithOptions(graph, iterations, resetProb,
                Option.apply((Object) HUB), true, OBJECT, OBJECT);
        JavaRDD<Row> rows = ranked.vertices().toJavaRDD()
                .filter(t -> (Long) t._1() != HUB)
                .map(t -> RowFactory.create((Long) t._1(), (Double) t._2()));
        Dataset<Row> scores = spark.createDataFrame(rows, ID_VALUE).localCheckpoint();
        graph.unpersist(false);
        ranked.unpersist(false);
        return scores;
    }
}

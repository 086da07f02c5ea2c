package org.fraudlake.graph.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Personalized PageRank on the driver, the same power iteration GraphX's {@code PageRank.runWithOptions} runs with a
 * source vertex and normalization: every undirected pair is an edge each way (a pair given twice is two edges), the
 * hub has an edge to each seed and starts with rank 1, each iteration gives a vertex {@code resetProb} if it is the
 * hub plus {@code (1 - resetProb)} times the rank its in-neighbours send (each its rank over its out-degree), and the
 * ranks are divided by their sum at the end (the hub's included). Sums run in another order than in GraphX, so
 * scores agree to far below the {@value GraphAlgorithms#PPR_DECIMALS} places kept.
 *
 * <p>Cost: arrays of the vertices and of both directions of every edge; each iteration one pass over the edges.
 */
final class DriverPageRank {
    private DriverPageRank() {
    }

    /**
     * @param pairs rows of two vertex ids (longs), one per undirected edge
     * @param seeds rows of one vertex id, the distinct seeds (each a vertex of the pairs)
     * @param hub   the hub's id, a value no vertex has
     * @return rows {@code (id, score)} for every vertex of the pairs; all zero if there is no seed
     */
    static List<Row> run(List<Row> pairs, List<Row> seeds, int iterations, double resetProb, long hub) {
        Map<Long, Integer> index = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        int edges = 2 * pairs.size() + seeds.size();
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int e = 0;
        for (Row pair : pairs) {
            int a = vertex(index, ids, pair.getLong(0));
            int b = vertex(index, ids, pair.getLong(1));
            src[e] = a;
            dst[e++] = b;
            src[e] = b;
            dst[e++] = a;
        }
        int h = seeds.isEmpty() ? -1 : vertex(index, ids, hub);
        for (Row seed : seeds) {
            src[e] = h;
            dst[e++] = vertex(index, ids, seed.getLong(0));
        }
        int n = ids.size();
        int[] outDegree = new int[n];
        for (int i = 0; i < edges; i++) {
            outDegree[src[i]]++;
        }
        double[] weight = new double[n];
        for (int v = 0; v < n; v++) {
            weight[v] = outDegree[v] == 0 ? 0 : 1.0 / outDegree[v];
        }
        double[] rank = new double[n];
        if (h >= 0) {
            rank[h] = 1.0;
        }
        double[] received = new double[n];
        for (int iteration = 0; iteration < iterations; iteration++) {
            Arrays.fill(received, 0);
            for (int i = 0; i < edges; i++) {
                received[dst[i]] += rank[src[i]] * weight[src[i]];
            }
            for (int v = 0; v < n; v++) {
                rank[v] = (v == h ? resetProb : 0) + (1.0 - resetProb) * received[v];
            }
        }
        double sum = 0;
        for (double r : rank) {
            sum += r;
        }
        List<Row> scores = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            if (v != h) {
                scores.add(RowFactory.create(ids.get(v), sum == 0 ? 0.0 : rank[v] / sum));
            }
        }
        return scores;
    }

    private static int vertex(Map<Long, Integer> index, List<Long> ids, long id) {
        Integer known = index.get(id);
        if (known != null) {
            return known;
        }
        index.put(id, ids.size());
        ids.add(id);
        return ids.size() - 1;
    }
}

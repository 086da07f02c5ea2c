package org.fraudlake.graph.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.GraphTables.EntityGraph;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class GraphAlgorithmsTest {
    private static final StructType EDGES = StructType.fromDDL("src STRING, dst STRING, kind STRING");
    private static final StructType TOKENS = StructType.fromDDL("token STRING");
    private static final StructType CALLS = StructType.fromDDL("caller STRING, callee STRING, caller_imei STRING, "
            + "start_time TIMESTAMP");

    private final SparkSession spark;

    GraphAlgorithmsTest(SparkSession spark) {
        this.spark = spark;
    }

    private Dataset<Row> edges(String... pairs) {
        return spark.createDataFrame(java.util.Arrays.stream(pairs)
                .map(p -> RowFactory.create(p.split("-")[0], p.split("-")[1], "TEST")).toList(), EDGES);
    }

    private Dataset<Row> tokens(String... tokens) {
        return spark.createDataFrame(java.util.Arrays.stream(tokens).map(t -> (Row) RowFactory.create(t)).toList(),
                TOKENS);
    }

    private static Map<String, Row> byToken(Dataset<Row> frame) {
        Map<String, Row> m = new HashMap<>();
        frame.collectAsList().forEach(r -> m.put(r.getAs(GraphAlgorithms.TOKEN), r));
        return m;
    }

    @Test
    void componentsAreStableCommunitiesScoredByLabelledAndTracedMembers() {
        Dataset<Row> gang = edges("ph_1-imei_x", "ph_2-imei_x", "ph_3-imei_x", "ph_3-acc_1", "acc_1-acc_2",
                "ph_8-ph_9");
        Map<String, Row> cc = byToken(GraphAlgorithms.components(spark, gang));
        String community = cc.get("ph_1").getAs(GraphAlgorithms.COMMUNITY);
        for (String t : List.of("ph_2", "ph_3", "imei_x", "acc_1", "acc_2")) {
            assertEquals(community, cc.get(t).getAs(GraphAlgorithms.COMMUNITY), t);
        }
        assertNotEquals(community, cc.get("ph_8").getAs(GraphAlgorithms.COMMUNITY));
        assertEquals(community, byToken(GraphAlgorithms.components(spark, gang)).get("acc_2")
                .getAs(GraphAlgorithms.COMMUNITY), "the same members give the same id");

        Map<String, Row> scored = byToken(EntityGraphFeatures.communities(GraphAlgorithms.components(spark, gang),
                tokens("ph_1", "ph_2"), tokens("acc_2")));
        Row member = scored.get("acc_1");
        assertEquals(5L, member.<Long>getAs(EntityGraph.COMMUNITY_SIZE), "accounts and numbers, not the handset");
        assertEquals(2L, member.<Long>getAs(EntityGraph.COMMUNITY_LABELLED));
        assertEquals(1L, member.<Long>getAs(EntityGraph.COMMUNITY_TRACED));
        assertEquals((2 + 0.5) / 6, member.<Double>getAs(EntityGraph.COMMUNITY_SCORE), 1e-6);
        assertEquals(0.0, scored.get("ph_8").<Double>getAs(EntityGraph.COMMUNITY_SCORE));
        assertTrue(!scored.containsKey("imei_x"));
    }

    @Test
    void riskPropagatesFromSeedsAndFadesWithDistance() {
        Dataset<Row> graph = edges("acc_s-acc_x", "acc_x-acc_y", "acc_y-acc_z", "acc_p-acc_q");
        Map<String, Row> ppr = byToken(GraphAlgorithms.personalizedPageRank(spark, graph, tokens("acc_s"), 20, 0.15));
        double s = ppr.get("acc_s").getAs(GraphAlgorithms.PPR);
        double x = ppr.get("acc_x").getAs(GraphAlgorithms.PPR);
        double y = ppr.get("acc_y").getAs(GraphAlgorithms.PPR);
        double z = ppr.get("acc_z").getAs(GraphAlgorithms.PPR);
        assertTrue(x > y && y > z && z > 0 && s > y, List.of(s, x, y, z).toString());
        assertEquals(0.0, ppr.get("acc_p").<Double>getAs(GraphAlgorithms.PPR));
        assertEquals(6L, ppr.get("acc_q").<Long>getAs(GraphAlgorithms.VERTICES));
        assertEquals(ppr, byToken(GraphAlgorithms.personalizedPageRank(spark, graph, tokens("acc_s"), 20, 0.15)),
                "a re-run gives the same scores");
    }

    /**
     * The driver's PageRank and components give GraphX's results on a random graph with repeated pairs, self-loops,
     * a part no seed reaches and a single seed's neighbourhood; with no seed every score is 0 on both.
     */
    @Test
    void theDriverGivesGraphXsScoresAndCommunities() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            pairs.add("t" + r.nextInt(40) + "-t" + r.nextInt(40));
        }
        pairs.addAll(List.of("t1-t2", "t1-t2", "t3-t3", "u1-u2", "u2-u3"));
        Dataset<Row> graph = edges(pairs.toArray(String[]::new));
        for (Dataset<Row> seeds : List.of(tokens("t1", "t5", "t9"), tokens("t3"), tokens())) {
            Map<String, Row> driver = byToken(GraphAlgorithms.personalizedPageRank(spark, graph, seeds, 15, 0.15,
                    GraphAlgorithms.DRIVER_MAX_EDGES));
            Map<String, Row> graphX = byToken(GraphAlgorithms.personalizedPageRank(spark, graph, seeds, 15, 0.15, 0));
            assertEquals(graphX.keySet(), driver.keySet());
            double total = 0;
            for (String token : graphX.keySet()) {
                double expected = graphX.get(token).getAs(GraphAlgorithms.PPR);
                assertEquals(expected, driver.get(token).<Double>getAs(GraphAlgorithms.PPR), 1e-11, token);
                assertEquals(graphX.get(token).<Long>getAs(GraphAlgorithms.VERTICES),
                        driver.get(token).<Long>getAs(GraphAlgorithms.VERTICES));
                total += expected;
            }
            assertTrue(seeds.isEmpty() ? total == 0 : total > 0.5, "scores " + total);
        }
        Map<String, Row> union = byToken(GraphAlgorithms.components(spark, graph));
        Map<String, Row> graphXComponents = byToken(GraphAlgorithms.components(spark, graph, 0));
        assertEquals(graphXComponents.keySet(), union.keySet());
        graphXComponents.forEach((token, row) -> assertEquals(row.<String>getAs(GraphAlgorithms.COMMUNITY),
                union.get(token).getAs(GraphAlgorithms.COMMUNITY), token));
    }

    @Test
    void handsetsAndOverlappingCalleesTieNumbersButCrowdsDoNot() {
        Timestamp t = Timestamp.from(Instant.parse("2026-11-05T10:00:00Z"));
        List<Row> calls = new java.util.ArrayList<>(List.of(
                RowFactory.create("ph_1", "ph_v1", "imei_a", t), RowFactory.create("ph_2", "ph_v1", "imei_a", t),
                RowFactory.create("ph_1", "ph_v2", "imei_a", t), RowFactory.create("ph_2", "ph_v2", "imei_b", t),
                RowFactory.create("ph_5", "ph_v3", "imei_own", t)));
        for (int i = 0; i < 5; i++) {
            calls.add(RowFactory.create("ph_c" + i, "ph_bank", "imei_c" + i, t));
            calls.add(RowFactory.create("ph_c" + i, "ph_shop", "imei_c" + i, t));
        }
        Dataset<Row> frame = spark.createDataFrame(calls, CALLS);
        Set<String> handset = Set.copyOf(GraphEdges.sharedHandsets(frame, 3).collectAsList().stream()
                .map(r -> r.getString(0) + "-" + r.getString(1)).toList());
        assertEquals(Set.of("imei_a-ph_1", "imei_a-ph_2"), handset);
        List<Row> overlap = GraphEdges.overlappingCallees(frame, 3).collectAsList();
        assertEquals(1, overlap.size(), "callees reached by more than 3 callers tie nobody");
        assertEquals("ph_1", overlap.get(0).getString(0));
        assertEquals("ph_2", overlap.get(0).getString(1));
    }

    @Test
    void devicesAndIpsTieAccountsOfDifferentHoldersUpToTheLimit() {
        StructType txns = StructType.fromDDL("account_id STRING, counterparty_account_id STRING, device_id STRING, "
                + "ip STRING");
        StructType accounts = StructType.fromDDL("account_id STRING, holder_id STRING, phone STRING");
        Dataset<Row> t = spark.createDataFrame(List.of(
                RowFactory.create("acc_1", null, "d1", "ip_home"), RowFactory.create("acc_1", null, "d1", null),
                RowFactory.create("acc_2", null, "d1", "ip_home"), RowFactory.create("acc_3", null, "d2", "ip_cafe"),
                RowFactory.create("acc_4", null, "d2", "ip_cafe"), RowFactory.create("acc_5", null, "d3", "ip_cafe"),
                RowFactory.create("acc_6", null, "d3", "ip_cafe")), txns);
        Dataset<Row> a = spark.createDataFrame(List.of(RowFactory.create("acc_1", "p1", null),
                RowFactory.create("acc_2", "p2", null), RowFactory.create("acc_3", "p3", null),
                RowFactory.create("acc_4", "p3", null), RowFactory.create("acc_5", "p5", null),
                RowFactory.create("acc_6", "p6", null)), accounts);
        Set<String> edges = Set.copyOf(GraphEdges.sharedDevicesAndIps(t, a, 3).collectAsList().stream()
                .map(r -> r.getString(0) + "-" + r.getString(1) + " " + r.getString(2)).toList());
        assertEquals(Set.of("acc_1-dev:d1 DEVICE", "acc_2-dev:d1 DEVICE", "acc_5-dev:d3 DEVICE",
                "acc_6-dev:d3 DEVICE", "acc_1-ip:ip_home IP", "acc_2-ip:ip_home IP"), edges,
                "d2 has one holder; the cafe IP has four accounts, more than 3");
    }

    @Test
    void propagationHoldsEveryUndirectedPairOnce() {
        StructType txns = StructType.fromDDL("account_id STRING, counterparty_account_id STRING");
        Timestamp t = Timestamp.from(Instant.parse("2026-11-05T10:00:00Z"));
        Dataset<Row> money = spark.createDataFrame(List.of(RowFactory.create("acc_1", "acc_2"),
                RowFactory.create("acc_2", "acc_1"), RowFactory.create("acc_3", null),
                RowFactory.create("acc_4", "acc_4")), txns);
        Dataset<Row> calls = spark.createDataFrame(List.of(RowFactory.create("ph_2", "ph_1", null, t),
                RowFactory.create("ph_1", "ph_2", null, t)), CALLS);
        Set<String> pairs = Set.copyOf(GraphEdges.propagation(edges("acc_1-acc_2", "imei_x-ph_1"), money, calls)
                .collectAsList().stream().map(r -> r.getString(0) + "-" + r.getString(1)).toList());
        assertEquals(Set.of("acc_1-acc_2", "imei_x-ph_1", "ph_1-ph_2"), pairs);
        assertEquals(3, GraphEdges.propagation(edges("acc_1-acc_2", "imei_x-ph_1"), money, calls).count(),
                "no pair twice");
    }
}

package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.graph.trace.FundTracer;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.GraphTables.EntityGraph;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables.GraphAccountDaily;
import org.fraudlake.schemas.tables.GraphTables.GraphPhoneDaily;
import org.fraudlake.schemas.tables.GraphTables.SourceKind;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * The per-entity daily graph features from the results of the graph algorithms and of tracing: one row per
 * partner account (and per number) in the graph, with its propagated risk, its community and the community's
 * standing, and for accounts the traced money received and held. Pure {@code Dataset -> Dataset} functions;
 * every numeric column is non-null (0 when not applicable), the community id is null for an entity on no gang
 * edge.
 */
public final class EntityGraphFeatures {
    private static final String MEMBER = "_member";
    private static final String IS_LABELLED = "_labelled";
    private static final String IS_TRACED = "_traced";

    private EntityGraphFeatures() {
    }

    /** True for account and phone tokens, the entities a community counts (not handsets, devices, IPs). */
    static Column isMember(Column token) {
        return token.startsWith(TokenKind.ACCOUNT.prefix()).or(token.startsWith(TokenKind.PHONE.prefix()));
    }

    /**
     * Per token of the components: {@link EntityGraph#COMMUNITY_ID}, size, labelled, traced and score of its
     * community (members: accounts and numbers).
     *
     * @param components {@link GraphAlgorithms#components}
     * @param seeds      {@link GraphAlgorithms#TOKEN} of labelled entities
     * @param traced     {@link GraphAlgorithms#TOKEN} of accounts on a trace
     */
    public static Dataset<Row> communities(Dataset<Row> components, Dataset<Row> seeds, Dataset<Row> traced) {
        Column token = col(GraphAlgorithms.TOKEN);
        Dataset<Row> flagged = components
                .join(seeds.select(col(GraphAlgorithms.TOKEN), lit(1).as(IS_LABELLED)).distinct(),
                        GraphAlgorithms.TOKEN, "left")
                .join(traced.select(col(GraphAlgorithms.TOKEN), lit(1).as(IS_TRACED)).distinct(),
                        GraphAlgorithms.TOKEN, "left")
                .withColumn(MEMBER, isMember(token));
        Dataset<Row> stats = flagged.filter(col(MEMBER)).groupBy(col(GraphAlgorithms.COMMUNITY))
                .agg(count(lit(1)).as(EntityGraph.COMMUNITY_SIZE),
                        count(col(IS_LABELLED)).as(EntityGraph.COMMUNITY_LABELLED),
                        count(col(IS_TRACED)).as(EntityGraph.COMMUNITY_TRACED))
                .withColumn(EntityGraph.COMMUNITY_SCORE, round(col(EntityGraph.COMMUNITY_LABELLED)
                        .plus(col(EntityGraph.COMMUNITY_TRACED).divide(2.0))
                        .divide(col(EntityGraph.COMMUNITY_SIZE).plus(1.0)), 6));
        return flagged.filter(col(MEMBER)).select(token, col(GraphAlgorithms.COMMUNITY))
                .join(stats, GraphAlgorithms.COMMUNITY);
    }

    /** Per account: traced money in and held, traces, nearest hop and days the oldest held money has sat. */
    public static Dataset<Row> tracedAccounts(Dataset<Row> fundTraces, Timestamp endOfDay) {
        Column heldDays = lit(unixSeconds(endOfDay)).minus(unix_seconds(min(col(FundTraces.HELD_SINCE))))
                .divide(86_400.0);
        return fundTraces.groupBy(col(FundTraces.ACCOUNT_ID).as(GraphAlgorithms.TOKEN))
                .agg(sum(FundTraces.AMOUNT_IN).cast(FundTracer.AMOUNT).as(GraphAccountDaily.TRACED_IN_AMOUNT),
                        sum(FundTraces.AMOUNT_HELD).cast(FundTracer.AMOUNT).as(GraphAccountDaily.TRACED_HELD_AMOUNT),
                        countDistinct(FundTraces.TRACE_ID).as(GraphAccountDaily.TRACED_SOURCES),
                        countDistinct(when(col(FundTraces.SOURCE_KIND).equalTo(SourceKind.VICTIM_REPORT),
                                col(FundTraces.TRACE_ID))).as(GraphAccountDaily.TRACED_VICTIM_SOURCES),
                        min(FundTraces.HOP).as(GraphAccountDaily.TRACED_MIN_HOP),
                        round(coalesce(heldDays, lit(0.0)), 3).as(GraphAccountDaily.TRACED_HELD_DAYS));
    }

    private static long unixSeconds(Timestamp t) {
        return t.toInstant().getEpochSecond();
    }

    /**
     * gold/graph_account_daily rows for the date: every partner account in the propagation graph or on a trace.
     *
     * @param ppr         {@link GraphAlgorithms#personalizedPageRank}
     * @param communities {@link #communities}
     * @param traced      {@link #tracedAccounts}
     * @param seeds       labelled tokens
     * @param partners    {@code account_id} of partner accounts
     */
    public static Dataset<Row> accounts(LocalDate date, Dataset<Row> ppr, Dataset<Row> communities,
                                        Dataset<Row> traced, Dataset<Row> seeds, Dataset<Row> partners) {
        Dataset<Row> keys = ppr.select(col(GraphAlgorithms.TOKEN))
                .union(traced.select(col(GraphAlgorithms.TOKEN))).distinct()
                .join(partners.select(col(Accounts.ACCOUNT_ID).as(GraphAlgorithms.TOKEN)), GraphAlgorithms.TOKEN);
        Dataset<Row> rows = common(keys, ppr, communities, seeds)
                .join(traced, GraphAlgorithms.TOKEN, "left");
        Column zero = lit(0).cast(FundTracer.AMOUNT);
        return rows.select(col(GraphAlgorithms.TOKEN).as(GraphAccountDaily.ACCOUNT_ID),
                lit(Date.valueOf(date)).as(GraphTables.BUSINESS_DATE),
                col(EntityGraph.PPR_SCORE), col(EntityGraph.PPR_LIFT), col(EntityGraph.LABELLED),
                col(EntityGraph.COMMUNITY_ID), col(EntityGraph.COMMUNITY_SIZE), col(EntityGraph.COMMUNITY_LABELLED),
                col(EntityGraph.COMMUNITY_TRACED), col(EntityGraph.COMMUNITY_SCORE),
                coalesce(col(GraphAccountDaily.TRACED_IN_AMOUNT), zero).as(GraphAccountDaily.TRACED_IN_AMOUNT),
                coalesce(col(GraphAccountDaily.TRACED_HELD_AMOUNT), zero).as(GraphAccountDaily.TRACED_HELD_AMOUNT),
                coalesce(col(GraphAccountDaily.TRACED_SOURCES), lit(0L)).as(GraphAccountDaily.TRACED_SOURCES),
                coalesce(col(GraphAccountDaily.TRACED_VICTIM_SOURCES), lit(0L))
                        .as(GraphAccountDaily.TRACED_VICTIM_SOURCES),
                coalesce(col(GraphAccountDaily.TRACED_MIN_HOP), lit(0)).as(GraphAccountDaily.TRACED_MIN_HOP),
                coalesce(col(GraphAccountDaily.TRACED_HELD_DAYS), lit(0.0)).as(GraphAccountDaily.TRACED_HELD_DAYS));
    }

    /**
     * gold/graph_phone_daily rows for the date: every number in the propagation graph.
     *
     * @param handsetEdges {@link GraphEdges#sharedHandsets}
     * @param overlapEdges {@link GraphEdges#overlappingCallees}
     */
    public static Dataset<Row> phones(LocalDate date, Dataset<Row> ppr, Dataset<Row> communities, Dataset<Row> seeds,
                                      Dataset<Row> handsetEdges, Dataset<Row> overlapEdges) {
        Dataset<Row> keys = ppr.select(col(GraphAlgorithms.TOKEN))
                .filter(col(GraphAlgorithms.TOKEN).startsWith(TokenKind.PHONE.prefix()));
        Dataset<Row> uses = handsetEdges.select(col(GraphEdges.SRC), col(GraphEdges.DST));
        Dataset<Row> phoneImei = uses.select(
                when(col(GraphEdges.SRC).startsWith(TokenKind.PHONE.prefix()), col(GraphEdges.SRC))
                        .otherwise(col(GraphEdges.DST)).as(GraphAlgorithms.TOKEN),
                when(col(GraphEdges.SRC).startsWith(TokenKind.PHONE.prefix()), col(GraphEdges.DST))
                        .otherwise(col(GraphEdges.SRC)).as("_imei"));
        Dataset<Row> handsetPeers = phoneImei.join(phoneImei.select(col(GraphAlgorithms.TOKEN).as("_peer"),
                        col("_imei")), "_imei")
                .filter(col("_peer").notEqual(col(GraphAlgorithms.TOKEN)))
                .groupBy(col(GraphAlgorithms.TOKEN)).agg(countDistinct("_peer").as(GraphPhoneDaily.HANDSET_PEERS));
        Dataset<Row> overlapPeers = overlapEdges.select(col(GraphEdges.SRC).as(GraphAlgorithms.TOKEN))
                .union(overlapEdges.select(col(GraphEdges.DST).as(GraphAlgorithms.TOKEN)))
                .groupBy(col(GraphAlgorithms.TOKEN)).agg(count(lit(1)).as(GraphPhoneDaily.CALLEE_OVERLAP_PEERS));
        Dataset<Row> rows = common(keys, ppr, communities, seeds)
                .join(handsetPeers, GraphAlgorithms.TOKEN, "left")
                .join(overlapPeers, GraphAlgorithms.TOKEN, "left");
        return rows.select(col(GraphAlgorithms.TOKEN).as(GraphPhoneDaily.PHONE),
                lit(Date.valueOf(date)).as(GraphTables.BUSINESS_DATE),
                col(EntityGraph.PPR_SCORE), col(EntityGraph.PPR_LIFT), col(EntityGraph.LABELLED),
                col(EntityGraph.COMMUNITY_ID), col(EntityGraph.COMMUNITY_SIZE), col(EntityGraph.COMMUNITY_LABELLED),
                col(EntityGraph.COMMUNITY_TRACED), col(EntityGraph.COMMUNITY_SCORE),
                coalesce(col(GraphPhoneDaily.HANDSET_PEERS), lit(0L)).as(GraphPhoneDaily.HANDSET_PEERS),
                coalesce(col(GraphPhoneDaily.CALLEE_OVERLAP_PEERS), lit(0L)).as(GraphPhoneDaily.CALLEE_OVERLAP_PEERS));
    }

    /**
     * Propagated risk, own label and community columns for the keys, zeros where absent. An entity's own label never
     * counts in its own community's figures: {@code community_labelled} and {@code community_score} are those of the
     * other members (a model would otherwise learn "I am labelled" from them).
     */
    private static Dataset<Row> common(Dataset<Row> keys, Dataset<Row> ppr, Dataset<Row> communities,
                                       Dataset<Row> seeds) {
        Column own = coalesce(col(IS_LABELLED), lit(0));
        Column othersLabelled = greatest(coalesce(col(EntityGraph.COMMUNITY_LABELLED), lit(0L)).minus(
                when(col(GraphAlgorithms.COMMUNITY).isNotNull(), own).otherwise(lit(0))), lit(0L));
        Column othersScore = when(col(GraphAlgorithms.COMMUNITY).isNull(), lit(0.0)).otherwise(round(othersLabelled
                .plus(coalesce(col(EntityGraph.COMMUNITY_TRACED), lit(0L)).divide(2.0))
                .divide(coalesce(col(EntityGraph.COMMUNITY_SIZE), lit(0L)).plus(1.0)), 6));
        return keys.join(ppr, GraphAlgorithms.TOKEN, "left")
                .join(communities, GraphAlgorithms.TOKEN, "left")
                .join(seeds.select(col(GraphAlgorithms.TOKEN), lit(1).as(IS_LABELLED)).distinct(),
                        GraphAlgorithms.TOKEN, "left")
                .select(col(GraphAlgorithms.TOKEN),
                        coalesce(col(GraphAlgorithms.PPR), lit(0.0)).as(EntityGraph.PPR_SCORE),
                        round(coalesce(col(GraphAlgorithms.PPR).multiply(col(GraphAlgorithms.VERTICES)), lit(0.0)), 6)
                                .as(EntityGraph.PPR_LIFT),
                        coalesce(col(IS_LABELLED), lit(0)).as(EntityGraph.LABELLED),
                        col(GraphAlgorithms.COMMUNITY).as(EntityGraph.COMMUNITY_ID),
                        coalesce(col(EntityGraph.COMMUNITY_SIZE), lit(0L)).as(EntityGraph.COMMUNITY_SIZE),
                        othersLabelled.cast("long").as(EntityGraph.COMMUNITY_LABELLED),
                        coalesce(col(EntityGraph.COMMUNITY_TRACED), lit(0L)).as(EntityGraph.COMMUNITY_TRACED),
                        othersScore.as(EntityGraph.COMMUNITY_SCORE));
    }
}

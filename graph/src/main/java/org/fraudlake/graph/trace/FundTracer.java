package org.fraudlake.graph.trace;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.fraudlake.schemas.tables.GraphTables.ExitKind;
import org.fraudlake.schemas.tables.GraphTables.FundTraceFlows;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;

/**
 * Traces money downstream from source transfers through the money-flow graph, hop by hop, with Spark SQL
 * joins and window functions (no per-row loops, nothing collected).
 *
 * <p><b>Rule: traced money leaves first, oldest first (FIFO, lowest intermediate balance).</b> Traced money
 * arriving at an account forms a queue in arrival order (ties by trace and the transfer that brought it). Each
 * later outflow of the account carries traced money from the head of the queue, as much as its amount allows,
 * but never money that had not arrived yet: an outflow only carries parcels that arrived strictly before it
 * (same-second arrivals do not count). With {@code A(j)} the traced money arrived before outflow {@code j},
 * {@code C(j)} the outflows up to and including {@code j}, the queue position reached after {@code j} is
 * {@code p(j) = C(j) + min(0, min over i <= j of (A(i) - C(i)))}, i.e. {@code p(j) = min(p(j-1) + c(j), A(j))},
 * computed with running sums and a running minimum. Outflow {@code j} carries the positions
 * {@code [p(j-1), p(j))}; the part of each parcel it carries is the overlap with the parcel's positions, an
 * interval join within the account. Everything is exact decimal arithmetic (differences of sums), so money is
 * conserved to the cent: {@code in = held + passed on + cashed out}, per account and per trace. The account's
 * own money is presumed to stay: an investigator's presumption that favours recovery, and the right one for
 * mules, which forward what they receive within minutes.
 *
 * <p><b>Hops.</b> Hop 1 is the account that received the source transfer. An outflow to a partner account
 * makes a parcel at the next hop, arriving at the outflow's time; an outflow by ATM, to a third-party platform,
 * to an outside bank or without counterparty is a cash-out; at the last hop an outflow to a partner account
 * is recorded as passed on ({@link ExitKind#HOP_LIMIT}) and not traced further. Parcels are allocated hop by
 * hop; an outflow's capacity is shared by every trace and hop and never exceeded (the {@link #USED} frame
 * carries what earlier hops and earlier calls took), so a cycle cannot send the same money round twice.
 *
 * <p><b>Cost.</b> Per hop: one join of the parcels' accounts with the outflows (after the earliest arrival),
 * one window over each touched account's events, one interval join and three small aggregations; the parcels
 * and the used capacity are checkpointed locally so that the plans stay one hop deep. The outflow frame is
 * read once per hop (callers should cache it) and never shuffled: the parcels' accounts and the used capacity
 * are broadcast to it.
 */
public final class FundTracer {
    /** Exact amounts of parcels and flows. */
    public static final DataType AMOUNT = DataTypes.createDecimalType(18, 2);
    /** Input of {@link #trace}: the outflows (OUT bookings) of the window. */
    public static final String TXN_KEY = FundTraceFlows.TXN_KEY;
    public static final String FROM = FundTraceFlows.FROM_ACCOUNT;
    public static final String TO = FundTraceFlows.TO_ACCOUNT;
    public static final String TIME = FundTraceFlows.TXN_TIME;
    public static final String AMT = FundTraceFlows.AMOUNT;
    public static final String CHANNEL = FundTraceFlows.CHANNEL;
    /** Of an outflow: its {@link ExitKind}, null when it goes to a partner account. */
    public static final String EXIT = FundTraceFlows.EXIT_KIND;
    /** Columns of the used-capacity frame: outflow key and the traced amount it already carries. */
    public static final String USED = "used";
    /** Input of {@link #trace}: the parcels of hop 1 (trace, account, amount, arrival, the transfer). */
    public static final String TRACE = FundTraces.TRACE_ID;
    public static final String ACCOUNT = FundTraces.ACCOUNT_ID;
    public static final String ARRIVED = "arrived_at";
    public static final String VIA = "via";

    private static final DataType WIDE = DataTypes.createDecimalType(28, 2);
    private static final String KIND = "_kind";
    private static final String IN_AMT = "_in";
    private static final String CAP = "_cap";
    private static final String A = "_a";
    private static final String C = "_c";
    private static final String M = "_m";
    private static final String P = "_p";
    private static final String P_PREV = "_p_prev";
    private static final String P_START = "_p_start";
    private static final String P_END = "_p_end";
    private static final String PORTION = "_portion";
    private static final String HELD = "_held";
    private static final int OUTFLOW = 0;
    private static final int ARRIVAL = 1;

    private FundTracer() {
    }

    /** What {@link #trace} returns: per-account rows, flows, and the capacity used, all traces included. */
    public record Result(Dataset<Row> accounts, Dataset<Row> flows, Dataset<Row> used) {
    }

    /**
     * Traces the parcels of hop 1 up to {@code maxHops} hops.
     *
     * @param firstParcels {@link #TRACE}, {@link #ACCOUNT}, {@link #AMT}, {@link #ARRIVED}, {@link #VIA}: one row
     *                     per trace and partner account receiving its source transfer
     * @param outflows     {@link #TXN_KEY}, {@link #FROM}, {@link #TO}, {@link #TIME}, {@link #AMT},
     *                     {@link #CHANNEL}, {@link #EXIT}: the OUT bookings of the window, cached by the caller
     * @param used         {@link #TXN_KEY}, {@link #USED}: capacity already taken (empty on a first call)
     * @param materialize  how to store a frame read more than once (a local checkpoint in jobs)
     * @return per trace, hop and account: {@link FundTraces#AMOUNT_IN}, {@link FundTraces#AMOUNT_HELD},
     *         {@link FundTraces#AMOUNT_PASSED_ON}, {@link FundTraces#AMOUNT_CASHED_OUT},
     *         {@link FundTraces#FIRST_IN_AT}, {@link FundTraces#HELD_SINCE}; the flows of hops 1.. (not the
     *         source transfers); and the used capacity including this call's
     */
    public static Result trace(Dataset<Row> firstParcels, Dataset<Row> outflows, Dataset<Row> used, int maxHops,
                               UnaryOperator<Dataset<Row>> materialize) {
        if (maxHops < 1) {
            throw new IllegalArgumentException("maxHops must be at least 1, got " + maxHops);
        }
        Dataset<Row> parcels = materialize.apply(firstParcels.select(col(TRACE), col(ACCOUNT),
                col(AMT).cast(AMOUNT).as(AMT), col(ARRIVED), col(VIA)));
        Dataset<Row> capacityUsed = used;
        Dataset<Row> accounts = null;
        Dataset<Row> flows = null;
        for (int hop = 1; hop <= maxHops; hop++) {
            Dataset<Row> portions = materialize.apply(portions(parcels, outflows, capacityUsed, hop == maxHops));
            Dataset<Row> hopAccounts = accountRows(parcels, portions, hop);
            Dataset<Row> hopFlows = flowRows(portions, hop);
            accounts = accounts == null ? hopAccounts : accounts.unionByName(hopAccounts);
            flows = flows == null ? hopFlows : flows.unionByName(hopFlows);
            capacityUsed = materialize.apply(capacityUsed.unionByName(portions.groupBy(col(TXN_KEY))
                            .agg(sum(PORTION).as(USED)))
                    .groupBy(col(TXN_KEY)).agg(sum(USED).cast(WIDE).as(USED)));
            if (hop < maxHops) {
                parcels = materialize.apply(portions.filter(col(EXIT).isNull())
                        .groupBy(col(TRACE), col(TO).as(ACCOUNT), col(TIME).as(ARRIVED), col(TXN_KEY).as(VIA))
                        .agg(sum(PORTION).cast(AMOUNT).as(AMT)));
            }
        }
        return new Result(accounts, flows, capacityUsed);
    }

    /**
     * The traced part of each outflow per parcel at its account: {@link #TRACE}, {@link #ACCOUNT},
     * {@link #ARRIVED}, {@link #VIA}, the outflow's columns and {@link #PORTION}; at the last hop an outflow to a
     * partner account gets {@link ExitKind#HOP_LIMIT}.
     */
    static Dataset<Row> portions(Dataset<Row> parcels, Dataset<Row> outflows, Dataset<Row> used, boolean lastHop) {
        Dataset<Row> firstArrival = parcels.groupBy(col(ACCOUNT).as(FROM)).agg(min(ARRIVED).as("_first"));
        // The touched accounts and the used capacity are small next to the window's outflows: broadcast them,
        // so that no hop shuffles the outflows (the planner cannot tell from a checkpoint's size estimate).
        Dataset<Row> candidates = outflows.join(broadcast(firstArrival), FROM)
                .filter(col(TIME).gt(col("_first")))
                .join(broadcast(used), new String[]{TXN_KEY}, "left")
                .withColumn(CAP, col(AMT).cast(WIDE).minus(coalesce(col(USED), lit(0).cast(WIDE))).cast(WIDE))
                .filter(col(CAP).gt(0))
                .drop("_first", USED);
        Column zero = lit(0).cast(WIDE);
        Dataset<Row> events = candidates.select(col(FROM).as(ACCOUNT), col(TIME).as("_t"), lit(OUTFLOW).as(KIND),
                        col(TXN_KEY).as("_k1"), lit("").as("_k2"), zero.as(IN_AMT), col(CAP))
                .unionByName(parcels.select(col(ACCOUNT), col(ARRIVED).as("_t"), lit(ARRIVAL).as(KIND),
                        col(TRACE).as("_k1"), col(VIA).as("_k2"), col(AMT).cast(WIDE).as(IN_AMT), zero.as(CAP)));
        // Outflows sort before arrivals of the same instant: money cannot leave in the second it arrives.
        WindowSpec upTo = Window.partitionBy(col(ACCOUNT)).orderBy(col("_t"), col(KIND), col("_k1"), col("_k2"))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> queued = events
                .withColumn(A, sum(IN_AMT).over(upTo).cast(WIDE))
                .withColumn(C, sum(CAP).over(upTo).cast(WIDE))
                .withColumn(M, min(when(col(KIND).equalTo(OUTFLOW), col(A).minus(col(C)))).over(upTo).cast(WIDE));
        Dataset<Row> arrivals = queued.filter(col(KIND).equalTo(ARRIVAL))
                .select(col(ACCOUNT), col("_k1").as(TRACE), col("_k2").as(VIA), col("_t").as(ARRIVED),
                        col(A).minus(col(IN_AMT)).cast(WIDE).as(P_START), col(A).as(P_END));
        WindowSpec outOrder = Window.partitionBy(col("_out_account")).orderBy(col("_t"), col(TXN_KEY));
        Dataset<Row> carried = queued.filter(col(KIND).equalTo(OUTFLOW))
                .select(col(ACCOUNT).as("_out_account"), col("_t"), col("_k1").as(TXN_KEY),
                        col(C).plus(least(zero, col(M))).cast(WIDE).as(P))
                .withColumn(P_PREV, coalesce(lag(col(P), 1).over(outOrder), zero))
                .filter(col(P).gt(col(P_PREV)))
                .drop("_t")
                .join(candidates.drop(FROM, CAP), TXN_KEY);
        Column portion = least(col(P_END), col(P)).minus(greatest(col(P_START), col(P_PREV)));
        Column exit = lastHop ? coalesce(col(EXIT), lit(ExitKind.HOP_LIMIT)) : col(EXIT);
        return arrivals.join(carried, col(ACCOUNT).equalTo(col("_out_account"))
                        .and(col(P_START).lt(col(P)))
                        .and(col(P_PREV).lt(col(P_END))))
                .select(col(TRACE), col(ACCOUNT), col(ARRIVED), col(VIA),
                        col(TXN_KEY), col(TO), col(TIME), col(CHANNEL), exit.as(EXIT),
                        portion.cast(WIDE).as(PORTION));
    }

    /** Per trace and account of this hop: in, held, passed on, cashed out, first arrival, held since. */
    private static Dataset<Row> accountRows(Dataset<Row> parcels, Dataset<Row> portions, int hop) {
        Column cash = cashOut(col(EXIT));
        Dataset<Row> perParcel = portions.groupBy(col(TRACE), col(ACCOUNT), col(ARRIVED), col(VIA))
                .agg(sum(when(cash, col(PORTION))).as("_cashed"), sum(when(not(cash), col(PORTION)))
                        .as("_passed"));
        Column zero = lit(0).cast(WIDE);
        return parcels.join(perParcel, new String[]{TRACE, ACCOUNT, ARRIVED, VIA}, "left")
                .withColumn("_cashed", coalesce(col("_cashed"), zero))
                .withColumn("_passed", coalesce(col("_passed"), zero))
                .withColumn(HELD, col(AMT).minus(col("_cashed")).minus(col("_passed")))
                .groupBy(col(TRACE), col(ACCOUNT))
                .agg(sum(AMT).cast(AMOUNT).as(FundTraces.AMOUNT_IN),
                        sum(HELD).cast(AMOUNT).as(FundTraces.AMOUNT_HELD),
                        sum("_passed").cast(AMOUNT).as(FundTraces.AMOUNT_PASSED_ON),
                        sum("_cashed").cast(AMOUNT).as(FundTraces.AMOUNT_CASHED_OUT),
                        min(ARRIVED).as(FundTraces.FIRST_IN_AT),
                        min(when(col(HELD).gt(0), col(ARRIVED))).as(FundTraces.HELD_SINCE))
                .withColumn(FundTraces.HOP, lit(hop));
    }

    /** Per trace and outflow of this hop: the traced amount it carried. */
    private static Dataset<Row> flowRows(Dataset<Row> portions, int hop) {
        return portions.groupBy(col(TRACE), col(ACCOUNT).as(FROM), col(TO), col(TXN_KEY), col(TIME), col(CHANNEL),
                        col(EXIT))
                .agg(sum(PORTION).cast(AMOUNT).as(AMT))
                .withColumn(FundTraceFlows.HOP, lit(hop))
                .withColumn(FundTraceFlows.CASH_OUT, cashOut(col(EXIT)));
    }

    /** True for an exit kind that is a cash-out, false for none or the hop limit. */
    public static Column cashOut(Column exitKind) {
        return coalesce(exitKind.isin(ExitKind.CASH_OUTS.toArray()), lit(false));
    }
}

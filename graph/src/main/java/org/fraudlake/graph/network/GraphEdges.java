package org.fraudlake.graph.network;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Calls;
import org.fraudlake.schemas.tables.Silver.Transactions;

/**
 * The edges of the combined money-flow and contact graph, each an undirected pair of entity tokens
 * ({@link #SRC} &lt; {@link #DST}) with its {@link #KIND}: accounts ({@code acc_}), numbers ({@code ph_}),
 * handsets ({@code imei_}) and the devices and IPs accounts bank from ({@link #DEVICE_PREFIX},
 * {@link #IP_PREFIX}), which are attribute vertices tying their users together. Pure
 * {@code Dataset -> Dataset} functions over silver frames already cut to the window.
 *
 * <p>Gang edges (communities) are the narrow ones: a handset, device or IP ties entities only when it has at
 * least two and at most {@code maxShared} users (a shared office IP or a VPN exit is no gang), devices and IPs
 * only across different holders; callers are tied by overlapping callees only when two callees that few
 * callers reach are shared; money ties accounts only among suspicious accounts. Propagation edges add every
 * transfer between accounts and every caller-callee pair.
 */
public final class GraphEdges {
    public static final String SRC = "src";
    public static final String DST = "dst";
    public static final String KIND = "kind";
    public static final String DEVICE_PREFIX = "dev:";
    public static final String IP_PREFIX = "ip:";
    /** Edge kinds. */
    public static final String HANDSET = "HANDSET";
    public static final String CALLEE_OVERLAP = "CALLEE_OVERLAP";
    public static final String DEVICE = "DEVICE";
    public static final String IP = "IP";
    public static final String CONTACT_PHONE = "CONTACT_PHONE";
    public static final String SUSPICIOUS_FLOW = "SUSPICIOUS_FLOW";
    /** Shared callees two callers need to be tied. */
    public static final int MIN_SHARED_CALLEES = 2;

    private GraphEdges() {
    }

    /** An undirected edge frame: the smaller token first, one row per pair and kind. */
    static Dataset<Row> undirected(Dataset<Row> pairs, Column a, Column b, String kind) {
        return pairs.select(least(a, b).as(SRC), greatest(a, b).as(DST))
                .filter(col(SRC).isNotNull().and(col(DST).isNotNull()).and(col(SRC).notEqual(col(DST))))
                .distinct()
                .withColumn(KIND, lit(kind));
    }

    /** Numbers to the handsets (IMEI tokens) they called from, for handsets used by 2..maxShared numbers. */
    public static Dataset<Row> sharedHandsets(Dataset<Row> calls, int maxShared) {
        Dataset<Row> uses = calls.filter(col(Calls.CALLER_IMEI).isNotNull())
                .select(col(Calls.CALLER), col(Calls.CALLER_IMEI)).distinct();
        Dataset<Row> shared = uses.withColumn("_n", count(lit(1)).over(Window.partitionBy(col(Calls.CALLER_IMEI))))
                .filter(col("_n").between(2, maxShared));
        return undirected(shared, col(Calls.CALLER), col(Calls.CALLER_IMEI), HANDSET);
    }

    /**
     * Caller pairs sharing at least {@value #MIN_SHARED_CALLEES} callees, counting only callees reached by
     * 2..maxShared distinct callers (a popular service line ties nobody). The callers of a callee are counted
     * with a window over the distinct pairs, which leaves them partitioned by callee for the self-join.
     */
    public static Dataset<Row> overlappingCallees(Dataset<Row> calls, int maxShared) {
        Dataset<Row> pairs = calls.select(col(Calls.CALLER), col(Calls.CALLEE)).distinct();
        Dataset<Row> reach = pairs.withColumn("_n", count(lit(1)).over(Window.partitionBy(col(Calls.CALLEE))))
                .filter(col("_n").between(2, maxShared).and(col(Calls.CALLEE).isNotNull()))
                .select(col(Calls.CALLER), col(Calls.CALLEE));
        Dataset<Row> other = reach.select(col(Calls.CALLER).as("_other"), col(Calls.CALLEE).as("_callee"));
        Dataset<Row> both = reach.join(other, col(Calls.CALLEE).equalTo(col("_callee"))
                        .and(col(Calls.CALLER).lt(col("_other"))))
                .groupBy(col(Calls.CALLER), col("_other")).agg(count(lit(1)).as("_shared"))
                .filter(col("_shared").geq(MIN_SHARED_CALLEES));
        return undirected(both, col(Calls.CALLER), col("_other"), CALLEE_OVERLAP);
    }

    /**
     * Accounts to the devices and IPs they transacted from, for devices and IPs used by accounts of at least two
     * holders and by at most maxShared accounts.
     */
    public static Dataset<Row> sharedDevicesAndIps(Dataset<Row> transactions, Dataset<Row> accounts, int maxShared) {
        Dataset<Row> holders = accounts.select(col(Accounts.ACCOUNT_ID), col(Accounts.HOLDER_ID));
        return attribute(transactions, holders, Transactions.DEVICE_ID, DEVICE_PREFIX, DEVICE, maxShared)
                .unionByName(attribute(transactions, holders, Transactions.IP, IP_PREFIX, IP, maxShared));
    }

    /**
     * The users of one attribute, counted per attribute with a window (accounts: rows; holders: distinct, nulls
     * left out); the partner accounts are broadcast to the uses.
     */
    private static Dataset<Row> attribute(Dataset<Row> transactions, Dataset<Row> holders, String column,
                                          String prefix, String kind, int maxShared) {
        Dataset<Row> uses = transactions.filter(col(column).isNotNull())
                .select(col(Transactions.ACCOUNT_ID), concat(lit(prefix), col(column)).as("_attr")).distinct()
                .join(broadcast(holders), Transactions.ACCOUNT_ID);
        WindowSpec byAttr = Window.partitionBy(col("_attr"));
        Dataset<Row> shared = uses.withColumn("_accounts", count(lit(1)).over(byAttr))
                .withColumn("_holders", size(collect_set(col(Accounts.HOLDER_ID)).over(byAttr)))
                .filter(col("_holders").geq(2).and(col("_accounts").leq(maxShared)));
        return undirected(shared, col(Transactions.ACCOUNT_ID), col("_attr"), kind);
    }

    /** Accounts to the number on file, for numbers on file of at most maxShared accounts. */
    public static Dataset<Row> contactPhones(Dataset<Row> accounts, int maxShared) {
        Dataset<Row> onFile = accounts.filter(col(Accounts.PHONE).isNotNull())
                .select(col(Accounts.ACCOUNT_ID), col(Accounts.PHONE));
        Dataset<Row> narrow = onFile.groupBy(col(Accounts.PHONE)).agg(count(lit(1)).as("_n"))
                .filter(col("_n").leq(maxShared)).drop("_n");
        return undirected(onFile.join(narrow, Accounts.PHONE), col(Accounts.ACCOUNT_ID), col(Accounts.PHONE),
                CONTACT_PHONE);
    }

    /**
     * Transfers (OUT bookings) between two accounts that are both in {@code suspicious} ({@code account_id}, few:
     * broadcast, so the window's transactions are not shuffled).
     */
    public static Dataset<Row> suspiciousFlows(Dataset<Row> transactions, Dataset<Row> suspicious) {
        Dataset<Row> from = suspicious.select(col(Accounts.ACCOUNT_ID).as("_from"));
        Dataset<Row> to = suspicious.select(col(Accounts.ACCOUNT_ID).as("_to"));
        Dataset<Row> flows = transactions.join(broadcast(from), col(Transactions.ACCOUNT_ID).equalTo(col("_from")))
                .join(broadcast(to), col(Transactions.COUNTERPARTY_ACCOUNT_ID).equalTo(col("_to")));
        return undirected(flows, col("_from"), col("_to"), SUSPICIOUS_FLOW);
    }

    /**
     * The propagation graph: every pair of the gang edges, of accounts with a transfer between them and of
     * caller and callee, once ({@link #SRC}, {@link #DST}). One distinct over the three, not one per kind and
     * another over their union.
     */
    public static Dataset<Row> propagation(Dataset<Row> gangEdges, Dataset<Row> transactions, Dataset<Row> calls) {
        return gangEdges.select(col(SRC), col(DST))
                .union(pairs(transactions, col(Transactions.ACCOUNT_ID), col(Transactions.COUNTERPARTY_ACCOUNT_ID)))
                .union(pairs(calls, col(Calls.CALLER), col(Calls.CALLEE)))
                .distinct();
    }

    private static Dataset<Row> pairs(Dataset<Row> rows, Column a, Column b) {
        return rows.select(least(a, b).as(SRC), greatest(a, b).as(DST))
                .filter(col(SRC).isNotNull().and(col(DST).isNotNull()).and(col(SRC).notEqual(col(DST))));
    }
}

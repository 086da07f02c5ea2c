package org.fraudlake.graph.trace;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.GraphTables.ExitKind;
import org.fraudlake.schemas.tables.GraphTables.FundTraceFlows;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables.SourceKind;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Transactions;

/**
 * The inputs of fund tracing, built from silver frames already cut to the window and to what was known by the
 * end of the business date: the outflows (the edges of the money-flow graph) and the source transfers (from
 * police reports and into labelled accounts). Pure {@code Dataset -> Dataset} functions.
 *
 * <p>A transfer between two partner banks is booked twice (OUT at the sender's bank, IN at the receiver's);
 * the graph's edges are the OUT bookings, and a source transfer is found from either side, so that a victim
 * banking outside the partners is still traced from the mule's IN booking.
 */
public final class TraceInputs {
    /** Columns of the sources frame (besides {@link FundTraces} source columns). */
    public static final String SOURCE_TXN_KEY = "source_txn_key";
    public static final String SOURCE_CHANNEL = "source_channel";
    /** Days before the reported time of the offence within which a matching transfer is taken. */
    public static final int REPORT_LEEWAY_DAYS = 1;
    static final String OUT = "OUT";
    static final String IN = "IN";
    static final String ATM = "ATM";
    static final String THIRD_PARTY = "THIRD_PARTY";
    private static final String CASH = "CASH";

    private TraceInputs() {
    }

    /**
     * The OUT bookings as edges: {@link FundTracer#TXN_KEY}, {@link FundTracer#FROM}, {@link FundTracer#TO},
     * {@link FundTracer#TIME}, {@link FundTracer#AMT}, {@link FundTracer#CHANNEL} and {@link FundTracer#EXIT}
     * (ATM and THIRD_PARTY by channel, then no counterparty, then a counterparty outside {@code partners}).
     *
     * @param transactions silver transactions of the window, before the end of the date
     * @param partners     {@code account_id} of every partner account
     */
    public static Dataset<Row> outflows(Dataset<Row> transactions, Dataset<Row> partners) {
        Column to = col(Transactions.COUNTERPARTY_ACCOUNT_ID);
        Column channel = col(Transactions.CHANNEL);
        Column exit = when(channel.equalTo(ATM), lit(ExitKind.ATM))
                .when(channel.equalTo(THIRD_PARTY), lit(ExitKind.THIRD_PARTY))
                .when(to.isNull(), lit(ExitKind.NO_COUNTERPARTY))
                .when(col("_partner").isNull(), lit(ExitKind.OUTSIDE_BANK));
        return transactions.filter(col(Transactions.DIRECTION).equalTo(OUT))
                .join(broadcast(partners.select(col(Accounts.ACCOUNT_ID).as("_partner"))), to.equalTo(col("_partner")),
                        "left")
                .select(col(Transactions.TXN_KEY).as(FundTracer.TXN_KEY),
                        col(Transactions.ACCOUNT_ID).as(FundTracer.FROM), to.as(FundTracer.TO),
                        col(Transactions.TXN_TIME).as(FundTracer.TIME),
                        col(Transactions.AMOUNT).cast(FundTracer.AMOUNT).as(FundTracer.AMT),
                        channel.as(FundTracer.CHANNEL), exit.as(FundTracer.EXIT));
    }

    /**
     * Transfers from a victim's account to a suspect account of the same report, booked between
     * {@value #REPORT_LEEWAY_DAYS} day before the reported time of the offence (the report's own time when it gives
     * none: {@code occurred_at} is optional) and the report: one row per
     * transfer (the OUT booking's key when both sides are booked; the lowest incident id as the reference).
     *
     * @param incidents    silver incidents reported by the end of the date
     * @param transactions silver transactions of the window, before the end of the date
     */
    public static Dataset<Row> victimSources(Dataset<Row> incidents, Dataset<Row> transactions) {
        Dataset<Row> pairs = incidents
                .select(col(Incidents.INCIDENT_ID), col(Incidents.OCCURRED_AT), col(Incidents.REPORTED_AT),
                        explode(col(Incidents.VICTIM_ACCOUNTS)).as("_victim"), col(Incidents.SUSPECT_ACCOUNTS))
                .select(col(Incidents.INCIDENT_ID), col(Incidents.OCCURRED_AT), col(Incidents.REPORTED_AT),
                        col("_victim"), explode(col(Incidents.SUSPECT_ACCOUNTS)).as("_suspect"));
        Column account = col(Transactions.ACCOUNT_ID);
        Column counterparty = col(Transactions.COUNTERPARTY_ACCOUNT_ID);
        Column direction = col(Transactions.DIRECTION);
        Dataset<Row> booked = transactions.filter(account.isNotNull().and(counterparty.isNotNull()));
        // Two equi-joins, not one join on "OUT side or IN side": a disjunction has no join keys, so Spark would
        // run a nested loop over every transaction of the window and every pair. A booking is OUT or IN, never
        // both, so the union holds each matching (booking, pair) once, as the disjunction did. The reports'
        // pairs are few: broadcast.
        Dataset<Row> outSide = booked.filter(direction.equalTo(OUT))
                .join(broadcast(pairs), account.equalTo(col("_victim")).and(counterparty.equalTo(col("_suspect"))));
        Dataset<Row> inSide = booked.filter(direction.equalTo(IN))
                .join(broadcast(pairs), account.equalTo(col("_suspect")).and(counterparty.equalTo(col("_victim"))));
        Column time = col(Transactions.TXN_TIME);
        Column occurred = coalesce(col(Incidents.OCCURRED_AT), col(Incidents.REPORTED_AT));
        Dataset<Row> matched = outSide.unionByName(inSide)
                .filter(time.geq(occurred.minus(expr("INTERVAL " + REPORT_LEEWAY_DAYS + " DAYS")))
                        .and(time.leq(col(Incidents.REPORTED_AT))))
                .select(col("_victim").as(FundTraces.SOURCE_FROM_ACCOUNT),
                        col("_suspect").as(FundTraces.SOURCE_TO_ACCOUNT),
                        time.as(FundTraces.SOURCE_TIME),
                        col(Transactions.AMOUNT).cast(FundTracer.AMOUNT).as(FundTraces.SOURCE_AMOUNT),
                        col(Transactions.TXN_KEY).as(SOURCE_TXN_KEY),
                        col(Transactions.CHANNEL).as(SOURCE_CHANNEL),
                        col(Incidents.INCIDENT_ID).as(FundTraces.SOURCE_REF),
                        direction);
        return oneRowPerTransfer(matched, SourceKind.VICTIM_REPORT);
    }

    /**
     * Transfers booked into accounts with a standing FRAUD_ACCOUNT or MONEY_MULE label at the end of the date,
     * except from accounts that carry such a label themselves (their money is traced from where it entered).
     *
     * @param transactions silver transactions of the window, before the end of the date
     * @param labelled     {@link StateAsOf#labeledAccounts} as of the date
     */
    public static Dataset<Row> labelledSources(Dataset<Row> transactions, Dataset<Row> labelled) {
        Dataset<Row> fraud = labelled.filter(col(StateAsOf.FRAUD_OR_MULE)).select(col(Accounts.ACCOUNT_ID));
        Dataset<Row> receivers = fraud.select(col(Accounts.ACCOUNT_ID).as("_receiver"));
        Dataset<Row> senders = fraud.select(col(Accounts.ACCOUNT_ID).as("_sender"));
        Dataset<Row> matched = transactions.filter(col(Transactions.DIRECTION).equalTo(IN))
                .join(broadcast(receivers), col(Transactions.ACCOUNT_ID).equalTo(col("_receiver")))
                .join(broadcast(senders), col(Transactions.COUNTERPARTY_ACCOUNT_ID).equalTo(col("_sender")),
                        "left_anti")
                .select(col(Transactions.COUNTERPARTY_ACCOUNT_ID).as(FundTraces.SOURCE_FROM_ACCOUNT),
                        col(Transactions.ACCOUNT_ID).as(FundTraces.SOURCE_TO_ACCOUNT),
                        col(Transactions.TXN_TIME).as(FundTraces.SOURCE_TIME),
                        col(Transactions.AMOUNT).cast(FundTracer.AMOUNT).as(FundTraces.SOURCE_AMOUNT),
                        col(Transactions.TXN_KEY).as(SOURCE_TXN_KEY),
                        col(Transactions.CHANNEL).as(SOURCE_CHANNEL),
                        lit(String.join("/", StateAsOf.FRAUD_OR_MULE_LABELS)).as(FundTraces.SOURCE_REF),
                        col(Transactions.DIRECTION));
        return oneRowPerTransfer(matched, SourceKind.LABELLED_INFLOW);
    }

    /**
     * The stable id of a transfer, from what both banks' bookings share: sender, receiver, second and amount.
     * Trace ids are the ids of their source transfers, so a transfer traced on several dates keeps its id.
     */
    public static Column transferId(Column from, Column to, Column time, Column amount) {
        Column key = concat_ws("|", coalesce(from, lit(CASH)), coalesce(to, lit(CASH)),
                unix_seconds(time).cast("string"), amount.cast(FundTracer.AMOUNT).cast("string"));
        return concat(lit("tr_"), substring(sha2(key, 256), 1, 24));
    }

    /** One row per transfer id: the OUT booking first, then the lowest key and reference. */
    private static Dataset<Row> oneRowPerTransfer(Dataset<Row> matched, String kind) {
        Column id = transferId(col(FundTraces.SOURCE_FROM_ACCOUNT), col(FundTraces.SOURCE_TO_ACCOUNT),
                col(FundTraces.SOURCE_TIME), col(FundTraces.SOURCE_AMOUNT));
        return matched.withColumn(FundTraces.TRACE_ID, id)
                .withColumn("_rn", row_number().over(Window.partitionBy(col(FundTraces.TRACE_ID))
                        .orderBy(col(Transactions.DIRECTION).equalTo(OUT).desc(), col(SOURCE_TXN_KEY),
                                col(FundTraces.SOURCE_REF))))
                .filter(col("_rn").equalTo(1))
                .select(col(FundTraces.TRACE_ID), lit(kind).as(FundTraces.SOURCE_KIND), col(FundTraces.SOURCE_REF),
                        col(FundTraces.SOURCE_FROM_ACCOUNT), col(FundTraces.SOURCE_TO_ACCOUNT),
                        col(FundTraces.SOURCE_TIME), col(FundTraces.SOURCE_AMOUNT), col(SOURCE_TXN_KEY),
                        col(SOURCE_CHANNEL));
    }

    /**
     * Hop 1 of the traces: the parcels of the sources whose receiver is a partner account, as
     * {@link FundTracer#trace} takes them.
     */
    public static Dataset<Row> firstParcels(Dataset<Row> sources, Dataset<Row> partners) {
        return sources.join(partners.select(col(Accounts.ACCOUNT_ID).as(FundTraces.SOURCE_TO_ACCOUNT)),
                        FundTraces.SOURCE_TO_ACCOUNT)
                .select(col(FundTraces.TRACE_ID).as(FundTracer.TRACE),
                        col(FundTraces.SOURCE_TO_ACCOUNT).as(FundTracer.ACCOUNT),
                        col(FundTraces.SOURCE_AMOUNT).as(FundTracer.AMT),
                        col(FundTraces.SOURCE_TIME).as(FundTracer.ARRIVED),
                        col(SOURCE_TXN_KEY).as(FundTracer.VIA));
    }

    /**
     * The source transfers as the flows of hop 0: received by a partner account (traced further) or by an
     * outside account (a cash-out at once).
     */
    public static Dataset<Row> sourceFlows(Dataset<Row> sources, Dataset<Row> partners) {
        Column exit = when(col("_partner").isNull(), lit(ExitKind.OUTSIDE_BANK));
        return sources.join(partners.select(col(Accounts.ACCOUNT_ID).as("_partner")),
                        col(FundTraces.SOURCE_TO_ACCOUNT).equalTo(col("_partner")), "left")
                .select(col(FundTraces.TRACE_ID).as(FundTracer.TRACE), lit(0).as(FundTraces.HOP),
                        col(FundTraces.SOURCE_FROM_ACCOUNT).as(FundTracer.FROM),
                        col(FundTraces.SOURCE_TO_ACCOUNT).as(FundTracer.TO),
                        col(SOURCE_TXN_KEY).as(FundTracer.TXN_KEY), col(FundTraces.SOURCE_TIME).as(FundTracer.TIME),
                        col(SOURCE_CHANNEL).as(FundTracer.CHANNEL), exit.as(FundTracer.EXIT),
                        col(FundTraces.SOURCE_AMOUNT).as(FundTracer.AMT),
                        FundTracer.cashOut(exit).as(FundTraceFlows.CASH_OUT));
    }
}

package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Transactions;

/**
 * The money-flow edges the lead detectors read: one row per transfer, deduplicated across the two partner
 * banks that both book a transfer between them (OUT at one, IN at the other, same instant and amount), with
 * the holders of both ends. Cash deposits have no {@link #SRC}, cash withdrawals no {@link #DST}.
 */
public final class Flows {
    /** The silver txn key of the booking (the smaller one when both banks booked it): what an investigator opens. */
    public static final String REF = "ref";
    public static final String SRC = "src";
    public static final String DST = "dst";
    public static final String SRC_BANK = "src_bank";
    public static final String DST_BANK = "dst_bank";
    public static final String AMOUNT = "amount";
    public static final String TIME = "time";
    public static final String CHANNEL = "channel";
    public static final String SRC_HOLDER = "src_holder";
    public static final String DST_HOLDER = "dst_holder";
    public static final String SRC_HOLDER_TYPE = "src_holder_type";
    public static final String DST_HOLDER_TYPE = "dst_holder_type";

    /** Holder types of silver accounts. */
    public static final String PERSON = "PERSON";
    public static final String COMPANY = "COMPANY";

    private static final String HOLDER_ACCOUNT = "_h_account";
    private static final String HOLDER = "_h_holder";
    private static final String HOLDER_TYPE = "_h_type";

    private Flows() {
    }

    /**
     * Transfers from silver transactions (already restricted to the window): one row per money movement with
     * source and destination account tokens, banks, amount, time, channel and the evidence key. Costs one
     * shuffle (the group that merges the two bookings of a transfer between partner banks).
     */
    public static Dataset<Row> transfers(Dataset<Row> transactions) {
        Column out = upper(col(Transactions.DIRECTION)).equalTo("OUT");
        Dataset<Row> oriented = transactions.select(
                col(Transactions.TXN_KEY).as(REF),
                when(out, col(Transactions.ACCOUNT_ID)).otherwise(col(Transactions.COUNTERPARTY_ACCOUNT_ID)).as(SRC),
                when(out, col(Transactions.COUNTERPARTY_ACCOUNT_ID)).otherwise(col(Transactions.ACCOUNT_ID)).as(DST),
                when(out, col(Transactions.BANK)).otherwise(col(Transactions.COUNTERPARTY_BANK)).as(SRC_BANK),
                when(out, col(Transactions.COUNTERPARTY_BANK)).otherwise(col(Transactions.BANK)).as(DST_BANK),
                col(Transactions.AMOUNT).cast("decimal(18,2)").as(AMOUNT),
                col(Transactions.TXN_TIME).as(TIME),
                upper(col(Transactions.CHANNEL)).as(CHANNEL));
        return oriented.groupBy(col(SRC), col(DST), col(AMOUNT), col(TIME))
                .agg(min(REF).as(REF), max(SRC_BANK).as(SRC_BANK), max(DST_BANK).as(DST_BANK), min(CHANNEL).as(CHANNEL))
                .select(REF, SRC, DST, SRC_BANK, DST_BANK, AMOUNT, TIME, CHANNEL);
    }

    /** Account token to holder token and holder type, from silver accounts. */
    public static Dataset<Row> holders(Dataset<Row> accounts) {
        return accounts.select(col(Accounts.ACCOUNT_ID).as(HOLDER_ACCOUNT), col(Accounts.HOLDER_ID).as(HOLDER),
                upper(col(Accounts.HOLDER_TYPE)).as(HOLDER_TYPE));
    }

    /**
     * Adds {@link #SRC_HOLDER}, {@link #DST_HOLDER} and their types (null for accounts outside the partner banks).
     * Two joins against the accounts table (broadcast when small).
     */
    public static Dataset<Row> withHolders(Dataset<Row> transfers, Dataset<Row> holders) {
        Dataset<Row> h = holders(holders);
        Dataset<Row> s = h.toDF(HOLDER_ACCOUNT + "_s", SRC_HOLDER, SRC_HOLDER_TYPE);
        Dataset<Row> d = h.toDF(HOLDER_ACCOUNT + "_d", DST_HOLDER, DST_HOLDER_TYPE);
        return transfers.join(s, transfers.col(SRC).equalTo(s.col(HOLDER_ACCOUNT + "_s")), "left")
                .join(d, transfers.col(DST).equalTo(d.col(HOLDER_ACCOUNT + "_d")), "left")
                .drop(HOLDER_ACCOUNT + "_s", HOLDER_ACCOUNT + "_d");
    }

    /** The party behind an account: its holder when known (partner bank), else the account itself. */
    public static Column party(Column holder, Column account) {
        return coalesce(holder, account);
    }

    /** Whether an amount is a round sum: a whole multiple of {@code unit}. */
    public static Column isMultipleOf(Column amount, java.math.BigDecimal unit) {
        return amount.cast("decimal(18,2)").mod(lit(unit)).equalTo(lit(0));
    }
}

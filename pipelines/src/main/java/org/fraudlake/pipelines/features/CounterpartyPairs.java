package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggAccountCounterpartyDaily;
import org.fraudlake.schemas.tables.Gold;

/**
 * Who paid whom over the history read for D ({@link AsOf#HISTORY_DAYS} days): one row per account, direction
 * and counterparty, summarizing its daily rows in one grouping. The shared input of the account, phone,
 * person and company features, so the 31 daily partitions are scanned once. Amounts stay exact; the days of
 * the 30-day window with bookings are a bit mask ({@link #DAY_MASK_30D}: bit {@code i} for day D-i).
 */
public final class CounterpartyPairs {
    public static final String ACCOUNT_ID = AggAccountCounterpartyDaily.ACCOUNT_ID;
    public static final String DIRECTION = AggAccountCounterpartyDaily.DIRECTION;
    public static final String COUNTERPARTY_ID = AggAccountCounterpartyDaily.COUNTERPARTY_ID;
    public static final String COUNTERPARTY_BANK = AggAccountCounterpartyDaily.COUNTERPARTY_BANK;
    /** First day of the history with a booking between the two. */
    public static final String FIRST_DAY = "first_day";
    /** Last day of the history with a booking between the two. */
    public static final String LAST_DAY = "last_day";
    public static final String CNT_30D = "cnt_30d";
    public static final String AMT_30D = "amt_30d";
    /** Amount booked on D. */
    public static final String AMT_1D = "amt_1d";
    /** Time of the latest booking in the 30-day window. */
    public static final String LAST_TIME_30D = "last_time_30d";
    /** Bit i set when there was a booking on day D-i (i from 0 to 29). */
    public static final String DAY_MASK_30D = "day_mask_30d";

    private CounterpartyPairs() {
    }

    /** @param counterpartyDaily agg_account_counterparty_daily rows; days outside the history are ignored */
    public static Dataset<Row> of(AsOf asOf, Dataset<Row> counterpartyDaily) {
        Column day = col(Gold.BUSINESS_DATE);
        Column in30 = asOf.within(AsOf.WINDOW_DAYS);
        return counterpartyDaily.filter(asOf.within(AsOf.HISTORY_DAYS))
                .groupBy(ACCOUNT_ID, DIRECTION, COUNTERPARTY_ID).agg(
                        max(COUNTERPARTY_BANK).as(COUNTERPARTY_BANK),
                        min(day).as(FIRST_DAY),
                        max(day).as(LAST_DAY),
                        Exprs.longOrZero(sumIf(in30, col(AggAccountCounterpartyDaily.CNT))).as(CNT_30D),
                        sumIf(in30, col(AggAccountCounterpartyDaily.AMT)).as(AMT_30D),
                        sumIf(day.equalTo(asOf.day()), col(AggAccountCounterpartyDaily.AMT)).as(AMT_1D),
                        max(when(in30, col(AggAccountCounterpartyDaily.LAST_TIME))).as(LAST_TIME_30D),
                        bit_or(when(in30, Exprs.bit(datediff(asOf.day(), day)))).as(DAY_MASK_30D));
    }

    /** True for pairs with a booking in the 30-day window. */
    static Column inWindow(AsOf asOf) {
        return asOf.within(col(LAST_DAY), AsOf.WINDOW_DAYS);
    }
}

package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.fraudlake.pipelines.features.Exprs.sumIf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold;

/**
 * Who called whom over the history read for D ({@link AsOf#HISTORY_DAYS} days), one row per directed pair,
 * with what the reverse direction did: the shared input of the phone and person features. Built in a single
 * grouping by the unordered pair, each direction aggregated conditionally, so "had the callee called the
 * caller before?" needs no self-join. The days a pair was in contact are a bit mask ({@link #DAY_MASK}: bit
 * {@code i} set for day D-i), so distinct-day counts are a {@code bit_count}, no sets.
 */
public final class ContactPairs {
    public static final String CALLER = AggPhoneContactDaily.CALLER;
    public static final String CALLEE = AggPhoneContactDaily.CALLEE;
    /** First day of the history the caller called the callee. */
    public static final String FIRST_DAY = "first_day";
    /** Last day of the history the caller called the callee. */
    public static final String LAST_DAY = "last_day";
    /** Time of the caller's first call to the callee in the 30-day window; null if none in it. */
    public static final String FIRST_CALL_TIME_30D = "first_call_time_30d";
    /** Bit i set when the caller called the callee on day D-i (i from 0 to 30). */
    public static final String DAY_MASK = "day_mask";
    /** Calls and SMS from the caller to the callee in the last 7 days. */
    public static final String CALLS_7D = "calls_7d";
    /** First day of the history the callee called the caller; null if never. */
    public static final String REVERSE_FIRST_DAY = "reverse_first_day";

    private static final String A = "_a";
    private static final String B = "_b";
    private static final String A_TO_B = "_ab";

    private ContactPairs() {
    }

    /** @param contactDaily agg_phone_contact_daily rows; days outside the history are ignored */
    public static Dataset<Row> of(AsOf asOf, Dataset<Row> contactDaily) {
        Column caller = col(AggPhoneContactDaily.CALLER);
        Column callee = col(AggPhoneContactDaily.CALLEE);
        Column day = col(Gold.BUSINESS_DATE);
        Column aToB = col(A_TO_B);
        List<Column> aggregates = new ArrayList<>(direction(asOf, aToB, "ab"));
        aggregates.addAll(direction(asOf, aToB.equalTo(false), "ba"));
        Dataset<Row> grouped = contactDaily
                .filter(asOf.within(AsOf.HISTORY_DAYS).and(caller.notEqual(callee)))
                .select(least(caller, callee).as(A), greatest(caller, callee).as(B), caller.lt(callee).as(A_TO_B), day,
                        col(AggPhoneContactDaily.CNT), col(AggPhoneContactDaily.FIRST_TIME))
                .groupBy(A, B)
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
        return directed(grouped, "ab", "ba", A, B).unionByName(directed(grouped, "ba", "ab", B, A));
    }

    /** The aggregates of one direction, suffixed with {@code side}. */
    private static List<Column> direction(AsOf asOf, Column isSide, String side) {
        Column day = col(Gold.BUSINESS_DATE);
        return List.of(
                min(when(isSide, day)).as(FIRST_DAY + side),
                max(when(isSide, day)).as(LAST_DAY + side),
                min(when(isSide.and(asOf.within(AsOf.WINDOW_DAYS)), col(AggPhoneContactDaily.FIRST_TIME)))
                        .as(FIRST_CALL_TIME_30D + side),
                bit_or(when(isSide, Exprs.bit(datediff(asOf.day(), day)))).as(DAY_MASK + side),
                sumIf(isSide.and(asOf.within(7)), col(AggPhoneContactDaily.CNT)).as(CALLS_7D + side));
    }

    private static Dataset<Row> directed(Dataset<Row> grouped, String side, String other, String from, String to) {
        return grouped.filter(col(FIRST_DAY + side).isNotNull()).select(
                col(from).as(CALLER), col(to).as(CALLEE),
                col(FIRST_DAY + side).as(FIRST_DAY), col(LAST_DAY + side).as(LAST_DAY),
                col(FIRST_CALL_TIME_30D + side).as(FIRST_CALL_TIME_30D), col(DAY_MASK + side).as(DAY_MASK),
                Exprs.longOrZero(col(CALLS_7D + side)).as(CALLS_7D), col(FIRST_DAY + other).as(REVERSE_FIRST_DAY));
    }

    /**
     * The days (as a mask) on which the caller was unknown to the callee: the callee had not called it on an
     * earlier day of the history (the days up to and including the callee's first call to it), and the caller's
     * first call in the history was less than {@code familiarDays} days before ({@link SignalSettings#familiarDays}:
     * family who call an elderly parent every week without being called back are no strangers).
     */
    static Column daysCallerUnknown(AsOf asOf, int familiarDays) {
        Column familiarFrom = greatest(datediff(asOf.day(), col(FIRST_DAY)).minus(familiarDays - 1), lit(0));
        Column knownFrom = when(col(REVERSE_FIRST_DAY).isNull(), familiarFrom)
                .otherwise(greatest(familiarFrom, datediff(asOf.day(), col(REVERSE_FIRST_DAY))));
        return Exprs.clearBelow(col(DAY_MASK), knownFrom);
    }

    /**
     * Whether the caller was a stranger to the callee on {@code day}: the callee had not called it on an earlier day
     * of the history, and its first call was less than {@code familiarDays} days before.
     */
    static Column strangerOn(Column day, int familiarDays) {
        Column reverse = col(REVERSE_FIRST_DAY);
        return reverse.isNull().or(reverse.geq(day)).and(datediff(day, col(FIRST_DAY)).lt(familiarDays));
    }

    /** Mask of the days D-{@code days}+1 .. D. */
    static Column lastDays(int days) {
        return lit((1L << days) - 1);
    }
}

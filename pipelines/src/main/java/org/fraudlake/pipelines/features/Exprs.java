package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Small column helpers shared by the feature transforms: conditional sums and null-safe ratios. */
final class Exprs {
    /**
     * Exact amounts in the daily aggregates. A day's sum per account fits 18 digits by far, and Spark keeps
     * decimals of up to 18 digits in a long: sums over the window stay exact and cheap.
     */
    static final DecimalType AMOUNT = DataTypes.createDecimalType(18, 2);

    private Exprs() {
    }

    /** Sum of {@code value} over rows where {@code condition} holds; null when no row matched. */
    static Column sumIf(Column condition, Column value) {
        return sum(when(condition, value));
    }

    /** Number of rows where {@code condition} holds, as a long (0 when none). */
    static Column countIf(Column condition) {
        return coalesce(sum(when(condition, lit(1L)).otherwise(lit(0L))), lit(0L));
    }

    /** {@code 1L << offset} for a column offset (0..62): one bit of a day mask. */
    static Column bit(Column offset) {
        return org.apache.spark.sql.functions.call_function("shiftleft", lit(1L), offset);
    }

    /** {@code mask} with the bits below {@code offset} cleared. */
    static Column clearBelow(Column mask, Column offset) {
        return org.apache.spark.sql.functions.call_function("shiftleft",
                org.apache.spark.sql.functions.call_function("shiftright", mask, offset), offset);
    }

    /** A count column, 0 when null. */
    static Column longOrZero(Column value) {
        return coalesce(value.cast("long"), lit(0L));
    }

    /** An amount column as a double, 0 when null. */
    static Column doubleOrZero(Column value) {
        return coalesce(value.cast("double"), lit(0.0));
    }

    /** A small whole number (days, years, flags), 0 when null. */
    static Column intOrZero(Column value) {
        return coalesce(value.cast("int"), lit(0));
    }

    /** {@code numerator / denominator} as a double; 0 when the denominator is null or not positive. */
    static Column share(Column numerator, Column denominator) {
        return when(denominator.gt(0), coalesce(numerator, lit(0)).cast("double").divide(denominator.cast("double")))
                .otherwise(lit(0.0));
    }

    /** As {@link #share}, capped at 1. */
    static Column cappedShare(Column numerator, Column denominator) {
        return least(share(numerator, denominator), lit(1.0));
    }
}

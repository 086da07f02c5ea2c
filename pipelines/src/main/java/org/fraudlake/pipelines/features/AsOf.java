package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_seconds;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.fraudlake.schemas.tables.Gold;

/**
 * The business date features are computed as of, and the calendar arithmetic every feature transform shares.
 * Features for date D see business dates up to D and event times up to the end of D in the city (UTC+8;
 * Asia/Shanghai has had no daylight saving time since 1991, so a fixed offset is exact and needs no session
 * time zone).
 *
 * @param date the business date D
 */
public record AsOf(LocalDate date) {
    /** The city's offset from UTC. */
    public static final ZoneOffset CITY = ZoneOffset.ofHours(8);
    /** The longest rolling window, in days. */
    public static final int WINDOW_DAYS = 30;
    /**
     * Days of history the windows read: the 30-day window plus the day before it, so that "new today" means
     * "not seen in the 30 days before".
     */
    public static final int HISTORY_DAYS = WINDOW_DAYS + 1;
    static final long HOUR_S = 3_600L;
    static final long DAY_S = 86_400L;
    private static final long CITY_OFFSET_S = 8 * HOUR_S;

    public AsOf {
        Objects.requireNonNull(date, "date");
    }

    /** The first day of the {@code days}-day window ending on D (D itself for 1). */
    public LocalDate first(int days) {
        return date.minusDays(days - 1L);
    }

    /** D as a date literal. */
    public Column day() {
        return lit(Date.valueOf(date));
    }

    /** A date literal. */
    static Column day(LocalDate d) {
        return lit(Date.valueOf(d));
    }

    /** True for rows whose {@code business_date} falls in the {@code days}-day window ending on D. */
    public Column within(int days) {
        return within(col(Gold.BUSINESS_DATE), days);
    }

    /** True where the date column falls in the {@code days}-day window ending on D. */
    public Column within(Column date, int days) {
        return date.geq(day(first(days))).and(date.leq(day()));
    }

    /** The end of D in the city, as an instant: events must be strictly before it. */
    public Timestamp endOfDay() {
        return Timestamp.from(date.plusDays(1).atStartOfDay(CITY).toInstant());
    }

    /** True for events timed before the end of their own business date (city time). */
    static Column beforeEndOfBusinessDate(Column eventTime, Column businessDate) {
        Column end = unix_date(businessDate).plus(1).multiply(DAY_S).minus(CITY_OFFSET_S);
        return unix_seconds(eventTime).lt(end);
    }

    /** The city date (UTC+8) of an instant: the one rule every stage uses to put an event on a business date. */
    public static Column cityDate(Column time) {
        return date_from_unix_date(floor(unix_seconds(time).plus(CITY_OFFSET_S).divide(DAY_S)).cast("int"));
    }

    /** The city-time hour (0..23) of an instant. */
    static Column localHour(Column time) {
        return pmod(unix_seconds(time).plus(CITY_OFFSET_S), lit(DAY_S)).divide(HOUR_S).cast("int");
    }

    /** True if the instant falls on a Saturday or Sunday, city time. */
    static Column localWeekend(Column time) {
        Column days = unix_seconds(time).plus(CITY_OFFSET_S).divide(DAY_S).cast("long");
        // 1970-01-01 was a Thursday: (days + 3) mod 7 gives 0 for Monday .. 6 for Sunday.
        return pmod(days.plus(3), lit(7L)).geq(5);
    }
}

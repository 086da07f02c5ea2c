package org.fraudlake.core.time;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.fraudlake.schemas.tables.Gold;

/**
 * The business date features are computed as of, and the calendar arithmetic every feature transform shares.
 * Features for date D see business dates up to D and event times up to the end of D in the city's time zone
 * (setting {@code city.time-zone}, default Asia/Shanghai; an IANA region, so daylight saving time is honoured).
 * Spark sessions run in UTC; city dates and hours come from {@code from_utc_timestamp(t, zone)}.
 *
 * <p>The zone is one per process, set once from the configuration when a command starts ({@link #useCityZone});
 * the Column expressions built here carry it as a literal, so executors need no setting of their own.
 *
 * @param date the business date D
 */
public record AsOf(LocalDate date) {
    /** The default city time zone (setting {@code city.time-zone}). */
    public static final ZoneId DEFAULT_CITY_ZONE = ZoneId.of("Asia/Shanghai");
    private static volatile ZoneId cityZone = DEFAULT_CITY_ZONE;
    /** The longest rolling window, in days. */
    public static final int WINDOW_DAYS = 30;
    /**
     * Days of history the windows read: the 30-day window plus the day before it, so that "new today" means
     * "not seen in the 30 days before".
     */
    public static final int HISTORY_DAYS = WINDOW_DAYS + 1;
    /** Seconds in an hour and in a day. */
    public static final long HOUR_S = 3_600L;
    public static final long DAY_S = 86_400L;

    public AsOf {
        Objects.requireNonNull(date, "date");
    }

    /** The city's time zone: business dates, local hours and deadlines are read in it. */
    public static ZoneId cityZone() {
        return cityZone;
    }

    /** Sets the city's time zone for this process (from the setting {@code city.time-zone}). */
    public static void useCityZone(ZoneId zone) {
        cityZone = Objects.requireNonNull(zone, "zone");
    }

    /** Today's date in the city. */
    public static LocalDate cityToday() {
        return LocalDate.now(cityZone);
    }

    /** The city date of an instant. */
    public static LocalDate cityDate(java.time.Instant at) {
        return at.atZone(cityZone).toLocalDate();
    }

    /** The first instant of a city date. */
    public static java.time.Instant startOf(LocalDate day) {
        return day.atStartOfDay(cityZone).toInstant();
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
    public static Column day(LocalDate d) {
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
        return Timestamp.from(startOf(date.plusDays(1)));
    }

    /** True for events timed before the end of their own business date (city time). */
    public static Column beforeEndOfBusinessDate(Column eventTime, Column businessDate) {
        return cityDate(eventTime).leq(businessDate);
    }

    /** The city date of an instant: the one rule every stage uses to put an event on a business date. */
    public static Column cityDate(Column time) {
        return to_date(cityTime(time));
    }

    /** The city-time hour (0..23) of an instant. */
    public static Column localHour(Column time) {
        return hour(cityTime(time));
    }

    /** True if the instant falls on a Saturday or Sunday, city time. */
    public static Column localWeekend(Column time) {
        return dayofweek(cityTime(time)).isin(1, 7);
    }

    /** The instant as the city's wall-clock time (in a UTC session). */
    private static Column cityTime(Column time) {
        return from_utc_timestamp(time, cityZone.getId());
    }
}

package org.fraudlake.simulator.util;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * City time: every event happens in China Standard Time (UTC+08:00) and is kept as epoch milliseconds;
 * a business date is the local date of the event. Also the working calendar (weekends, the National Day
 * week and other public holidays) and hour-of-day activity profiles.
 */
public final class Times {
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
    public static final long SECOND_MS = 1000L;
    public static final long MINUTE_MS = 60_000L;
    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 86_400_000L;
    private static final long OFFSET_MS = 8 * HOUR_MS;

    private Times() {
    }

    /** Local midnight of a date, as epoch milliseconds. */
    public static long dayStart(LocalDate date) {
        return date.toEpochDay() * DAY_MS - OFFSET_MS;
    }

    /** The local date of an instant. */
    public static LocalDate localDate(long epochMs) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMs + OFFSET_MS, DAY_MS));
    }

    /** Local hour of day (0-23) of an instant. */
    public static int localHour(long epochMs) {
        return (int) (Math.floorMod(epochMs + OFFSET_MS, DAY_MS) / HOUR_MS);
    }

    /** The instant of a local date and time of day. */
    public static long at(LocalDate date, int hour, int minute, int second) {
        return dayStart(date) + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS;
    }

    /** Public holidays the simulator knows (fixed-date ones), by month and day. */
    public static boolean isHoliday(LocalDate d) {
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        return m == 10 && day <= 7 || m == 1 && day == 1 || m == 5 && day <= 5;
    }

    /** A weekday that is not a public holiday. */
    public static boolean isWorkday(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !isHoliday(d);
    }

    /** The last working day on or before a date. */
    public static LocalDate workdayOnOrBefore(LocalDate d) {
        LocalDate x = d;
        while (!isWorkday(x)) {
            x = x.minusDays(1);
        }
        return x;
    }

    /** The effective date of a monthly event due on {@code dayOfMonth}: the last workday on or before it. */
    public static LocalDate monthlyWorkday(LocalDate inMonth, int dayOfMonth) {
        int dom = Math.min(dayOfMonth, inMonth.lengthOfMonth());
        return workdayOnOrBefore(inMonth.withDayOfMonth(dom));
    }

    /** Whether a monthly event due on {@code dayOfMonth} happens on {@code date} (moved to the workday before). */
    public static boolean isMonthlyWorkday(LocalDate date, int dayOfMonth) {
        return date.equals(monthlyWorkday(date, dayOfMonth))
                || date.equals(monthlyWorkday(date.plusMonths(1), dayOfMonth));
    }

    /** Whether a monthly personal event (not moved for holidays) is due on {@code date}. */
    public static boolean isMonthlyDay(LocalDate date, int dayOfMonth) {
        return date.getDayOfMonth() == Math.min(dayOfMonth, date.lengthOfMonth());
    }

    /** Hour-of-day activity profiles: relative weights per local hour. */
    public enum Profile {
        /** Private calls and messages. */
        PEOPLE(0.8, 0.4, 0.2, 0.1, 0.1, 0.3, 1.5, 4, 7, 8, 8, 8, 8, 7, 7, 8, 8, 9, 10, 11, 10, 8, 5, 2),
        /** Card and QR payments: meals, shopping after work. */
        SPENDING(0.5, 0.3, 0.1, 0.1, 0.1, 0.2, 1, 4, 6, 5, 6, 10, 12, 7, 5, 5, 6, 8, 12, 11, 9, 6, 3, 1),
        /** Office and branch hours. */
        OFFICE(0, 0, 0, 0, 0, 0, 0, 0.2, 3, 10, 10, 9, 4, 5, 10, 10, 9, 6, 1, 0.2, 0, 0, 0, 0),
        /** Online banking, evening-heavy. */
        ONLINE(1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 10, 9, 6, 3),
        /** Call centre shifts: office hours and evenings. */
        CALL_CENTRE(0, 0, 0, 0, 0, 0, 0, 0.5, 4, 9, 10, 10, 6, 7, 10, 10, 9, 8, 6, 7, 6, 3, 0.5, 0),
        /** Night hours. */
        NIGHT(8, 10, 10, 9, 6, 2, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 2, 5),
        /** Mornings, when reports reach a desk. */
        MORNING(0, 0, 0, 0, 0, 0, 0.5, 3, 9, 10, 10, 8, 5, 5, 6, 6, 5, 4, 3, 2, 1, 0.5, 0.2, 0);

        private final double[] weights;

        Profile(double... weights) {
            this.weights = weights;
        }

        /** A time of day, in milliseconds after local midnight. */
        public long sample(Rand rand) {
            int hour = rand.weighted(weights);
            return hour * HOUR_MS + rand.nextLong(HOUR_MS);
        }
    }
}

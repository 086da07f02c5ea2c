package org.fraudlake.config;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A once-a-day Airflow schedule: the cron {@code M H * * *} (or {@code @daily}, {@code @midnight}), read in the
 * DAG's time zone. The night runs once per business date, so other schedules are refused: an hourly one would
 * start 24 runs of the same night, a weekly one would leave dates out.
 *
 * @param time the time of day the schedule fires
 */
public record DailySchedule(LocalTime time) {
    private static final Pattern CRON = Pattern.compile("(\\d{1,2})\\s+(\\d{1,2})\\s+\\*\\s+\\*\\s+\\*");

    /** Parses {@code M H * * *}, {@code @daily} or {@code @midnight}; anything else fails naming the value. */
    public static DailySchedule parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equals("@daily") || s.equals("@midnight")) {
            return new DailySchedule(LocalTime.MIDNIGHT);
        }
        Matcher m = CRON.matcher(s);
        if (m.matches()) {
            int minute = Integer.parseInt(m.group(1));
            int hour = Integer.parseInt(m.group(2));
            if (minute <= 59 && hour <= 23) {
                return new DailySchedule(LocalTime.of(hour, minute));
            }
        }
        throw new IllegalArgumentException("schedule '" + s + "' is not a daily cron: write 'MINUTE HOUR * * *' "
                + "(for example '0 2 * * *' for 02:00 every day) or @daily; the night runs once per business date");
    }

    /** The cron expression Airflow gets. */
    public String cron() {
        return time.getMinute() + " " + time.getHour() + " * * *";
    }
}

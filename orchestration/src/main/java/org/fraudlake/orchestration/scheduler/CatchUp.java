package org.fraudlake.orchestration.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.quartz.CronExpression;

/**
 * The nights a fire owes: every fire time the cron had after the last covered instant, up to this fire,
 * mapped to its business date; one entry per date, in date order. Pure: tests call it with any window.
 */
public final class CatchUp {
    /** More fire times than this in one window is a cron that fires far too often for a nightly batch. */
    static final int MAX_FIRE_TIMES = 100_000;

    /** One night owed: its business date and the earliest fire time that asked for it. */
    public record Night(LocalDate date, Instant firstFire) {
    }

    private CatchUp() {
    }

    /**
     * The nights of the cron's fire times in {@code (after, upTo]}, one per business date, ascending.
     *
     * @param cron         the schedule (its time zone set)
     * @param after        exclusive start: nights of fire times up to here are covered already
     * @param upTo         inclusive end: this fire's time
     * @param businessDate fire time (in the cron's zone) to the business date it runs
     */
    public static List<Night> due(CronExpression cron, Instant after, Instant upTo,
                                  Function<ZonedDateTime, LocalDate> businessDate) {
        ZoneId zone = cron.getTimeZone().toZoneId();
        Map<LocalDate, Instant> first = new TreeMap<>();
        int count = 0;
        for (Date t = cron.getNextValidTimeAfter(Date.from(after)); t != null && !t.toInstant().isAfter(upTo);
             t = cron.getNextValidTimeAfter(t)) {
            if (++count > MAX_FIRE_TIMES) {
                throw new IllegalStateException("cron '" + cron.getCronExpression() + "' fired more than "
                        + MAX_FIRE_TIMES + " times between " + after + " and " + upTo
                        + "; a nightly schedule fires once a day: fix scheduler.cron");
            }
            first.putIfAbsent(businessDate.apply(t.toInstant().atZone(zone)), t.toInstant());
        }
        List<Night> nights = new ArrayList<>();
        first.forEach((d, t) -> nights.add(new Night(d, t)));
        return nights;
    }

    /** The default rule: a fire runs the night of the day before its date in the scheduler's zone. */
    public static LocalDate previousDay(ZonedDateTime fire) {
        return fire.toLocalDate().minusDays(1);
    }
}

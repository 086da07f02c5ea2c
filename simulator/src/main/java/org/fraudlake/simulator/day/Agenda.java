package org.fraudlake.simulator.day;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What is due on later days: labels investigations will confirm, and actions (police reports, freezes,
 * suspensions, payments) that follow today's events. Small: holds only the few
 * follow-ups of crimes, never the day-to-day flow.
 */
public final class Agenda {
    private final TreeMap<LocalDate, List<CaseLabel>> labels = new TreeMap<>();
    private final TreeMap<LocalDate, List<Consumer<DayContext>>> actions = new TreeMap<>();
    private final List<Transfer> carried = new ArrayList<>();
    private long seq;

    /** A label that case management confirms on a date. */
    public void label(LocalDate on, CaseLabel label) {
        labels.computeIfAbsent(on, d -> new ArrayList<>()).add(label);
    }

    /** Something that happens at the start of a date's simulation. */
    public void act(LocalDate on, Consumer<DayContext> action) {
        actions.computeIfAbsent(on, d -> new ArrayList<>()).add(action);
    }

    public List<CaseLabel> labelsDue(LocalDate date) {
        return take(labels, date);
    }

    public List<Consumer<DayContext>> actionsDue(LocalDate date) {
        return take(actions, date);
    }

    private static <T> List<T> take(TreeMap<LocalDate, List<T>> map, LocalDate date) {
        List<T> due = new ArrayList<>();
        while (!map.isEmpty() && !map.firstKey().isAfter(date)) {
            Map.Entry<LocalDate, List<T>> e = map.pollFirstEntry();
            due.addAll(e.getValue());
        }
        return due;
    }

    /** Transfers scheduled past the end of the day they were made on. */
    List<Transfer> carried() {
        return carried;
    }

    long nextSeq() {
        return seq++;
    }
}

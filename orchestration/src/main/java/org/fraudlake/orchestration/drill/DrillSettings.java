package org.fraudlake.orchestration.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.orchestration.StandardNight;

/**
 * How big a drill is: the simulated city (persons, days, seed, first date), how many cases, the scratch folder,
 * the last stage a night runs ({@code null}: the whole night), the child JVMs' heap and the longest a child may run.
 */
public record DrillSettings(int persons, int days, long seed, LocalDate start, int cases, Path scratch, String toStage,
                            String childHeap, Duration childTimeout) {
    public DrillSettings {
        if (persons < 50 || days < 1 || cases < 1) {
            throw new IllegalArgumentException("drill: --persons must be at least 50, --days and --cases at least 1 (got "
                    + persons + ", " + days + ", " + cases + ")");
        }
        if (toStage != null) {
            StandardNight.GRAPH.stage(toStage);
        }
    }

    /** The business dates the drill's nights run. */
    public List<LocalDate> dates() {
        List<LocalDate> out = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            out.add(start.plusDays(i));
        }
        return out;
    }

    /** The stages a night runs, in order. */
    public List<String> stages() {
        return StandardNight.GRAPH.through(toStage);
    }

    public DrillSettings withToStage(String stage) {
        return new DrillSettings(persons, days, seed, start, cases, scratch, stage, childHeap, childTimeout);
    }

    public DrillSettings withCases(int n) {
        return new DrillSettings(persons, days, seed, start, n, scratch, toStage, childHeap, childTimeout);
    }
}

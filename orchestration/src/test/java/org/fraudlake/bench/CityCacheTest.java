package org.fraudlake.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fraudlake.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A city is simulated once per size, days, seed and simulator build, and lent to lakes without copying. */
class CityCacheTest {
    private static final SimulationConfig CITY = new SimulationConfig(20, 1, 3L, LocalDate.of(2026, 11, 2), false);

    @Test
    void simulatesOnceThenLinksTheSameDeliveriesIntoFreshLakes(@TempDir Path dir) throws Exception {
        CityCache cache = new CityCache(dir.resolve("cache"));
        List<String> lines = new ArrayList<>();
        CityCache.City first = cache.get(CITY, lines::add);
        assertFalse(first.cached());
        assertTrue(first.rows() > 0 && first.deliveries() > 0, first.toString());

        CityCache.City again = cache.get(CITY, lines::add);
        assertTrue(again.cached(), String.join("\n", lines));
        assertEquals(first.rows(), again.rows());
        assertEquals(first.lakeRoot(), again.lakeRoot());
        assertFalse(cache.get(new SimulationConfig(20, 1, 4L, CITY.startDate(), false), s -> { }).cached(),
                "another seed is another city");

        Path lake = dir.resolve("lake");
        CityCache.linkInto(again, lake);
        List<Path> cached = files(again.lakeRoot().resolve("landing"));
        assertFalse(cached.isEmpty());
        for (Path f : cached) {
            Path linked = lake.resolve(again.lakeRoot().relativize(f));
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(linked), linked.toString());
        }
    }

    @Test
    void anInterruptedSimulationIsNotACachedCity(@TempDir Path dir) throws Exception {
        CityCache cache = new CityCache(dir);
        CityCache.City city = cache.get(CITY, s -> { });
        Files.delete(city.lakeRoot().resolveSibling("city.json"));
        assertFalse(cache.get(CITY, s -> { }).cached(), "no stamp: simulated again");
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}

package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void sameConfigurationWritesIdenticalBytes(@TempDir Path first, @TempDir Path second) throws Exception {
        Cities.simulate(first, 300, 5, 7L, SimulationConfig.DEFAULT_START, true);
        Cities.simulate(second, 300, 5, 7L, SimulationConfig.DEFAULT_START, true);
        Map<String, String> a = Cities.fingerprints(first);
        Map<String, String> b = Cities.fingerprints(second);
        assertTrue(a.size() > 5 * 25, "expected every delivery's files and the truth, got " + a.size() + " files");
        assertEquals(a, b);
    }

    @Test
    void anotherSeedIsAnotherCity(@TempDir Path first, @TempDir Path second) throws Exception {
        Cities.simulate(first, 300, 2, 7L, SimulationConfig.DEFAULT_START, false);
        Cities.simulate(second, 300, 2, 8L, SimulationConfig.DEFAULT_START, false);
        String file = "landing/bank_accounts/BANK_A/2026-10-01/part-0001.csv.gz";
        assertNotEquals(Cities.fingerprints(first).get(file), Cities.fingerprints(second).get(file));
    }
}

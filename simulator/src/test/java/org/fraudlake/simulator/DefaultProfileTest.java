package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default profile is today's city: its landing files are pinned to the bytes the simulator wrote before
 * profiles existed (a city of 300 persons, 4 days, seed 7, with faults), so no change to the simulator shifts them
 * unnoticed. A change that is meant to alter the default city updates the pin and says so in its commit.
 */
class DefaultProfileTest {
    /** sha256 over "path sha256" lines of every landing file, as written before profiles existed. */
    private static final String LANDING = "0bdc8cb6d1bdabe54a173ec77bda5b87f25b90d5a7b58cecc2ec45675e4ab881";

    @Test
    void theDefaultProfileWritesTodaysLandingBytes(@TempDir Path lake) throws Exception {
        Cities.simulate(lake, new SimulationConfig(300, 4, 7L, SimulationConfig.DEFAULT_START, true));
        assertEquals(LANDING, landingDigest(lake));
    }

    static String landingDigest(Path lake) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> e : Cities.fingerprints(lake.resolve("landing")).entrySet()) {
            lines.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        return LandingCheck.sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
}

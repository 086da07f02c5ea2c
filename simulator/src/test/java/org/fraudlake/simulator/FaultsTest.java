package org.fraudlake.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsTest {
    @TempDir
    static Path lake;
    static SimulationSummary summary;
    static LandingCheck check;

    @BeforeAll
    static void simulate() throws Exception {
        summary = Cities.simulate(lake, 400, 6, 11L, SimulationConfig.DEFAULT_START, true);
        check = new LandingCheck(lake).run(row -> { });
    }

    @Test
    void faultsFileListsExactlyWhatIngestMustRefuse() throws Exception {
        Set<String> listed = Cities.truth(lake, "faults.csv").stream()
                .map(f -> String.join(",", f.get("feed"), f.get("source"), f.get("business_date"), f.get("file"),
                        f.get("line"), f.get("expect"), f.get("reason_code")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> found = check.findings().stream().map(LandingCheck.Finding::csv)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, found);
    }

    @Test
    void everyKindOfFaultIsWritten() throws Exception {
        Set<String> reasons = Cities.truth(lake, "faults.csv").stream()
                .map(f -> f.get("expect") + ":" + f.get("reason_code"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("QUARANTINE:BAD_VALUE", "QUARANTINE:MISSING_VALUE", "QUARANTINE:BAD_ENUM",
                "QUARANTINE:NOT_POSITIVE", "QUARANTINE:BAD_TIME", "QUARANTINE:MALFORMED_CSV", "QUARANTINE:FIELD_COUNT",
                "REJECT:CHECKSUM_MISMATCH", "REJECT:ROW_COUNT_MISMATCH", "REJECT:MISSING_FILE",
                "REJECT:MANIFEST_MISMATCH", "REJECT:MISSING_REQUIRED_COLUMN", "WAITING:NO_MANIFEST")), reasons);
    }

    @Test
    void mostOfTheCityStillLoads() throws Exception {
        List<Map<String, String>> faults = Cities.truth(lake, "faults.csv");
        long brokenDeliveries = faults.stream().filter(f -> !f.get("expect").equals("QUARANTINE")).count();
        assertEquals(6, brokenDeliveries);
        long expected = Cities.expectedDeliveries(new SimulationConfig(400, 6, 11L, SimulationConfig.DEFAULT_START, true));
        assertTrue(expected < 6 * 25, "a partner joins late or is silent a day: " + expected);
        assertEquals(expected, check.deliveries(), "every source delivers every day it has joined and is not silent");
        long badRows = faults.stream().filter(f -> f.get("expect").equals("QUARANTINE")).count();
        assertTrue(badRows * 1000 < summary.totalRows(), badRows + " bad rows of " + summary.totalRows());
    }
}

package org.fraudlake.pipelines.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reporting lines are settings: validated, and their bands derived from them. */
class ReportingLinesTest {
    @Test
    void defaultsAreTheDocumentedLinesAndBadValuesAreRefusedNamingThem() {
        ReportingLines d = ReportingLines.DEFAULTS;
        assertEquals(0, new BigDecimal("49000").compareTo(d.ringLow(d.cashLine())));
        assertEquals(0, new BigDecimal("4900").compareTo(d.ringLow(d.transferLine())));
        IllegalArgumentException band = assertThrows(IllegalArgumentException.class, () -> new ReportingLines(
                d.cashLine(), d.transferLine(), d.lines(), BigDecimal.ONE, d.ringBand()));
        assertTrue(band.getMessage().contains("(0, 1)"), band.getMessage());
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class, () -> new ReportingLines(
                d.cashLine(), d.transferLine(), List.of(new BigDecimal("-5")), d.featureBand(), d.ringBand()));
        assertTrue(line.getMessage().contains("-5"), line.getMessage());
    }
}

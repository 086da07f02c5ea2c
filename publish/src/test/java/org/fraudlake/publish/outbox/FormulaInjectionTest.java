package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CSV injection in {@code warnings.csv}: an identifier that would start a spreadsheet formula is withheld (never
 * altered, partners match it byte for byte), free text that would start one gets a leading {@code '}.
 */
class FormulaInjectionTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final Partners PARTNERS = Partners.of(List.of("BANK_A"), List.of("CARRIER_X"));

    private static DayWarning account(String id, String accountNo, List<String> reasons) {
        return new DayWarning(id, "BANK_A", "ACCOUNT", "acc_" + id, "MONEY_MULE", "FREEZE", 0.9, List.of("money_mule"),
                reasons, "2026-12-04", "ACCOUNT", "BANK_A:" + accountNo, 1, null);
    }

    private static DayWarning phone(String id, String number) {
        return new DayWarning(id, "CARRIER_X", "PHONE", "ph_" + id, "FRAUD_PHONE", "BLOCK", 0.9, List.of("fraud_phone"),
                List.of(), "2026-12-04", "PHONE", number, 1, "CARRIER_X");
    }

    @Test
    void identifiersThatStartAFormulaAreWithheldAndNamedWithoutTheirValue() {
        List<DayWarning> day = List.of(account("w1", "=HYPERLINK(\"http://x\")", List.of()),
                account("w2", "@SUM(A1)", List.of()), account("w3", "-2+3", List.of()),
                account("w4", "\t62220001", List.of()), account("w5", "62220001", List.of()),
                account("w6", "-62220002", List.of()), phone("w7", "+447700900123"), phone("w8", "+cmd|' /C calc'!A0"));
        Routing.Routed routed = Routing.route(PARTNERS, D, day);
        assertEquals(List.of("w1", "w2", "w3", "w4", "w8"),
                routed.withheld().stream().map(Routing.Withheld::warningId).toList());
        routed.withheld().forEach(w -> {
            assertTrue(w.reason().contains("formula"), w.reason());
            assertFalse(w.reason().contains("HYPERLINK") || w.reason().contains("calc"), w.reason());
        });
        assertEquals(List.of("-62220002", "62220001"),
                routed.byPartner().get("BANK_A").stream().map(WarningLine::identifier).sorted().toList());
        assertEquals(List.of("+447700900123"),
                routed.byPartner().get("CARRIER_X").stream().map(WarningLine::identifier).toList());
    }

    @Test
    void freeTextThatStartsAFormulaGetsALeadingQuote() {
        WarningLine line = account("w1", "62220001", List.of("=1+1", "moved it on in 8 min")).line(D, "62220001");
        assertEquals("'=1+1; moved it on in 8 min", line.reasons());
        String csv = new String(WarningsCsv.render(PartnerKind.BANK, List.of(line)), StandardCharsets.UTF_8);
        for (String cell : csv.split("[,\\r\\n]")) {
            assertFalse(WarningsCsv.startsFormula(cell), "cell " + cell + " of\n" + csv);
        }
        assertEquals("received 5,000.00", WarningsCsv.neutralise("received 5,000.00"));
        assertNull(WarningsCsv.identifierProblem("+8613800000001"));
    }
}

package org.fraudlake.publish.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fraudlake.publish.decisions.DecisionsJob;
import org.fraudlake.publish.eval.DecisionEvaluation.ActionFigures;
import org.fraudlake.publish.eval.DecisionEvaluation.Figures;
import org.fraudlake.publish.eval.DecisionEvaluation.Load;
import org.fraudlake.publish.eval.DecisionEvaluation.Sent;
import org.junit.jupiter.api.Test;

/** The decisions' figures on a hand-built outbox and truth: precision per action, detected apart, and budgets. */
class DecisionEvaluationTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 26);

    @Test
    void precisionPerActionDetectedApartAndEachPartnersNightlyLoadAgainstItsBudget() {
        Truth truth = new Truth(Set.of("acc_mule", "acc_mule2"), Set.of("ph_fraud"),
                List.of(new Truth.VictimTransfer("id_v", "acc_v", "acc_mule", Instant.parse("2026-11-27T02:00:00Z"),
                        1000)), List.of());
        List<Sent> sent = List.of(
                new Sent(D, "BANK_A", "ACCOUNT", "acc_mule", null, "FREEZE", true),
                new Sent(D, "BANK_A", "ACCOUNT", "acc_shop", null, "FREEZE", true),
                new Sent(D, "BANK_A", "ACCOUNT", "acc_mule2", null, "FREEZE", false),
                new Sent(D.plusDays(1), "BANK_A", "ACCOUNT", "acc_x", null, "MONITOR", true),
                new Sent(D, "CARRIER_X", "PHONE", "ph_fraud", null, "BLOCK", true),
                new Sent(D, null, "PHONE", "ph_courier", null, "BLOCK", true),
                new Sent(D, "BANK_B", "ACCOUNT", "acc_v", "id_v", "CONTACT_VICTIM", true),
                new Sent(D, "BANK_B", "ACCOUNT", "acc_w", "id_w", "CONTACT_VICTIM", true));
        // BANK_A has 30,000 accounts: FREEZE budget round(10 * 3) = 30, capped at 1 here to show an overflow
        DecisionsJob.Settings settings = DecisionsJob.Settings.DEFAULTS.withGates(Map.of(
                        org.fraudlake.schemas.tables.Published.Action.FREEZE, new DecisionsJob.Budget(10, 0, 1),
                        org.fraudlake.schemas.tables.Published.Action.MONITOR, new DecisionsJob.Budget(20, 5, 100),
                        org.fraudlake.schemas.tables.Published.Action.CONTACT_VICTIM, new DecisionsJob.Budget(10, 3, 50),
                        org.fraudlake.schemas.tables.Published.Action.BLOCK, new DecisionsJob.Budget(10, 2, 50)),
                0.8, 0.9, 0.9);
        Figures f = DecisionEvaluation.figures(truth, sent, Map.of("BANK_A", 30_000L, "BANK_B", 5_000L,
                "CARRIER_X", 2_000L), settings, D, D.plusDays(1));

        ActionFigures freeze = f.actions().stream().filter(a -> a.action().equals("FREEZE")).findFirst().orElseThrow();
        assertEquals(3, freeze.sent());
        assertEquals(2, freeze.right());
        assertEquals(2, freeze.detected(), "the echo (acc_mule2) counts among the sent, not the detected");
        assertEquals(0.5, freeze.detectedPrecision(), 1e-12);
        ActionFigures block = f.actions().stream().filter(a -> a.action().equals("BLOCK")).findFirst().orElseThrow();
        assertEquals(0.5, block.precision(), 1e-12, "the courier's number is wrong; the fraud phone right");
        ActionFigures victims = f.actions().stream().filter(a -> a.action().equals("CONTACT_VICTIM")).findFirst()
                .orElseThrow();
        assertEquals(1, victims.right(), "id_v paid the day after the warning; id_w never paid");

        Load bankFreeze = f.loads().stream().filter(l -> "BANK_A".equals(l.partner()) && l.action().equals("FREEZE"))
                .findFirst().orElseThrow();
        assertEquals(1, bankFreeze.nights());
        assertEquals(2, bankFreeze.most(), "two detected FREEZE warnings on one night; the echo takes no budget");
        assertEquals(1, bankFreeze.budget());
        assertFalse(bankFreeze.within());
        Load noCarrier = f.loads().stream().filter(l -> l.partner() == null).findFirst().orElseThrow();
        assertEquals(2, noCarrier.budget(), "numbers no partner carrier holds get the floor");
        assertTrue(noCarrier.within());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        f.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("every partner within its budget on every night: NO"), printed);
    }
}

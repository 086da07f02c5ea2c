package org.fraudlake.publish.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fraudlake.publish.eval.SignalEvaluation.Event;
import org.fraudlake.publish.eval.SignalEvaluation.Figures;
import org.junit.jupiter.api.Test;

/** The call-then-pay signal against a hand-built truth: its events, the victims' payments it caught, candidates. */
class SignalEvaluationTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 26);

    @Test
    void eventsAgainstTheTruthAndTheVictimsPaymentsCaught() {
        Truth truth = new Truth(Set.of("acc_mule"), Set.of("ph_fraud"), List.of(
                new Truth.VictimTransfer("id_v1", "acc_v1", "acc_mule", Instant.parse("2026-11-26T02:00:00Z"), 5000),
                new Truth.VictimTransfer("id_v2", "acc_v2", "acc_mule", Instant.parse("2026-11-26T03:00:00Z"), 3000),
                new Truth.VictimTransfer("id_v3", "acc_v3", "acc_mule", Instant.parse("2026-11-26T04:00:00Z"), 3000),
                new Truth.VictimTransfer("id_v4", "acc_v4", "acc_mule", Instant.parse("2026-11-20T04:00:00Z"), 3000),
                new Truth.VictimTransfer("id_x", "acc_ext", "acc_mule", Instant.parse("2026-11-26T04:00:00Z"), 3000)),
                List.of());
        List<Event> events = List.of(
                new Event("id_v1", "acc_mule", "ph_fraud", D),
                new Event("id_v2", "acc_mule", "ph_fraud", D),
                new Event("id_v3", "acc_mule", "ph_fraud", D.minusDays(1)),
                new Event("id_a", "acc_shop", "ph_courier", D),
                new Event("id_b", "acc_shop", "ph_courier", D),
                new Event("id_c", "acc_shop", "ph_sales", D));

        Figures f = SignalEvaluation.figures(truth, Set.of("acc_v1", "acc_v2", "acc_v3", "acc_v4"), events,
                D.minusDays(1), D);
        assertEquals(6, f.events());
        assertEquals(3, f.toSchemeAccount());
        assertEquals(3, f.fromSchemePhone());
        assertEquals(3, f.victimPayments(), "id_v4 paid before the dates");
        assertEquals(1, f.fromOutside(), "id_x pays from a bank outside the partners");
        assertEquals(2, f.caught(), "id_v3's event is a day early: not the same payment");
        assertEquals(2, f.callers(), "ph_fraud and ph_courier have two persons or more; ph_sales one");
        assertEquals(1, f.offendingCallers());
        assertEquals(2, f.payees());
        assertEquals(1, f.offendingPayees());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("caught          2 of 3 (66.7%); 1 more from accounts outside"), printed);
    }
}

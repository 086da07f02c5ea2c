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

    @Test
    void lookalikesWarnedPerKindAgainstTheBar() {
        List<Truth.Lookalike> lookalikes = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lookalikes.add(new Truth.Lookalike("COURIER_PHONE", "PHONE", "ph_c" + i));
        }
        for (int i = 0; i < 50; i++) {
            lookalikes.add(new Truth.Lookalike("MERCHANT_SWEEP", "ACCOUNT", "acc_s" + i));
        }
        lookalikes.add(new Truth.Lookalike("MERCHANT_SWEEP", "ACCOUNT", "acc_outside"));
        lookalikes.add(new Truth.Lookalike("FAMILY_PAYER", "PERSON", "id_p1"));
        lookalikes.add(new Truth.Lookalike("FAMILY_PAYER", "ACCOUNT", "acc_parent"));
        Truth truth = new Truth(Set.of(), Set.of(), List.of(), List.of(), lookalikes);
        Set<String> partnerAccounts = new java.util.HashSet<>(Set.of("acc_parent"));
        for (int i = 0; i < 50; i++) {
            partnerAccounts.add("acc_s" + i);
        }
        Set<String> warned = Set.of("ph_c7", "ph_c8", "acc_s3", "id_p1", "acc_outside", "acc_unrelated");

        Figures f = SignalEvaluation.figures(truth, partnerAccounts, List.of(), warned, D, D);
        assertEquals(List.of(
                new SignalEvaluation.LookalikeFigures("COURIER_PHONE", "PHONE", 200, 2, 0),
                new SignalEvaluation.LookalikeFigures("MERCHANT_SWEEP", "ACCOUNT", 50, 1, 1),
                new SignalEvaluation.LookalikeFigures("FAMILY_PAYER", "PERSON", 1, 1, 0),
                new SignalEvaluation.LookalikeFigures("FAMILY_PAYER", "ACCOUNT", 1, 0, 0)), f.lookalikes());
        assertTrue(f.lookalikes().get(0).withinBar(), "2 of 200 is 1.0 %, at the bar");
        assertTrue(!f.lookalikes().get(1).withinBar(), "1 of 50 is 2.0 %: over the bar");
        assertTrue(!f.lookalikes().get(2).withinBar());
        assertTrue(f.lookalikes().get(3).withinBar());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("bar: at most 1% of each kind"), printed);
        assertTrue(printed.matches("(?s).*MERCHANT_SWEEP +ACCOUNT +50 +1 +2\\.0% +NO +1\n.*"), printed);
        assertTrue(printed.contains("every look-alike kind within the bar: NO"), printed);
    }

    @Test
    void aLakeWithoutLookalikesSaysSo() {
        Truth truth = new Truth(Set.of(), Set.of(), List.of(), List.of());
        Figures f = SignalEvaluation.figures(truth, Set.of(), List.of(), Set.of("ph_x"), D, D);
        assertEquals(null, f.lookalikes());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no truth/lookalikes.csv"));
    }
}

package org.fraudlake.publish.decisions;

import static org.fraudlake.publish.decisions.DecisionsLake.answer;
import static org.fraudlake.publish.decisions.DecisionsLake.label;
import static org.fraudlake.publish.decisions.DecisionsLake.lead;
import static org.fraudlake.publish.decisions.DecisionsLake.member;
import static org.fraudlake.publish.decisions.DecisionsLake.score;
import static org.fraudlake.publish.decisions.DecisionsLake.warningId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisions job on tiny hand-built lakes: which models fire (registry thresholds), one decision per entity,
 * where each warning goes, and how warnings carry over, escalate, expire and are withdrawn across nights.
 */
@ExtendWith(SparkTestExtension.class)
class DecisionsJobTest {
    private static final LocalDate D0 = LocalDate.of(2026, 11, 20);
    private static final String INTERCEPT = Published.INTERCEPT_LIST;
    private static final String VICTIMS = Published.VICTIM_WARNINGS;
    private static final Map<String, Double> THRESHOLDS = Map.of("money_mule", 0.5, "structuring", 0.6,
            "fraud_phone", 0.5, "victim_call_then_pay", 0.4, "rented_accounts", 0.5, "round_tripping", 0.5);

    private final SparkSession spark;

    DecisionsJobTest(SparkSession spark) {
        this.spark = spark;
    }

    private DecisionsLake lake(Path dir) {
        DecisionsLake lake = new DecisionsLake(spark, new Lake(dir.toString()));
        lake.champions(THRESHOLDS);
        lake.accounts("acc_strong", "BANK_A", "id_s", "acc_weak", "BANK_A", "id_w", "acc_two", "BANK_B", "id_t",
                "acc_below", "BANK_A", "id_b", "acc_trace", "BANK_B", "id_tr", "acc_v1", "BANK_A", "id_v",
                "acc_v2", "BANK_B", "id_v", "acc_r1", "BANK_A", "id_r", "acc_r2", "BANK_C", "id_r",
                "acc_co", "BANK_A", "co_1", "acc_cycle", "BANK_B", "id_c", "acc_cust", "BANK_C", "id_cu",
                "acc_c", "BANK_A", "id_x1", "acc_e", "BANK_A", "id_x2", "acc_f", "BANK_B", "id_x3",
                "acc_g", "BANK_B", "id_x4", "acc_old", "BANK_A", "id_x5");
        lake.subscribers("ph_home", "CARRIER_X", "id_p");
        return lake;
    }

    private static Map<String, Long> run(DecisionsLake lake, LocalDate date) {
        return new DecisionsJob(lake.lake, line -> { }).run(lake.spark, date);
    }

    private static void assertWarning(Row row, String partner, String action, String warningType, double score,
                                      List<String> models, String status, boolean sent, LocalDate validFrom,
                                      LocalDate validUntil) {
        String entity = row.getAs(InterceptList.ENTITY_ID);
        assertEquals(partner, row.getAs(InterceptList.PARTNER), entity + " partner");
        assertEquals(action, row.getAs(InterceptList.ACTION), entity + " action");
        assertEquals(warningType, row.getAs(InterceptList.WARNING_TYPE), entity + " warning type");
        assertEquals(score, row.<Double>getAs(InterceptList.SCORE), 1e-9, entity + " score");
        assertEquals(models, row.getList(row.fieldIndex(InterceptList.MODELS)), entity + " models");
        assertEquals(status, row.getAs(InterceptList.STATUS), entity + " status");
        assertEquals(sent, row.<Boolean>getAs(InterceptList.SENT), entity + " sent");
        assertEquals(Date.valueOf(validFrom), row.getAs(InterceptList.VALID_FROM), entity + " valid_from");
        assertEquals(Date.valueOf(validUntil), row.getAs(InterceptList.VALID_UNTIL), entity + " valid_until");
    }

    private static String id(Row row) {
        return row.getAs(InterceptList.WARNING_ID);
    }

    @Test
    void decidesOneWarningPerEntityFromScoresTracesAndLeadsAndARerunGivesIdenticalRows(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        lake.scores(D0,
                score(D0, "money_mule", "ACCOUNT", "acc_strong", 0.9, "received 40 transfers"),
                score(D0, "money_mule", "ACCOUNT", "acc_weak", 0.6, "weak"),
                score(D0, "money_mule", "ACCOUNT", "acc_two", 0.55, "mm1", "mm2", "mm3"),
                score(D0, "structuring", "ACCOUNT", "acc_two", 0.65, "st1", "st2", "st3"),
                score(D0, "money_mule", "ACCOUNT", "acc_below", 0.45, "below"),
                score(D0, "money_mule", "ACCOUNT", "acc_c", 0.8),
                score(D0, "structuring", "ACCOUNT", "acc_trace", 0.1, "quiet"),
                score(D0, "fraud_phone", "PHONE", "ph_home", 0.95, "calls many"),
                score(D0, "fraud_phone", "PHONE", "ph_foreign", 0.6, "calls some"),
                score(D0, "victim_call_then_pay", "PERSON", "id_v", 0.8, "paid a new payee after calls"),
                score(D0, "rented_accounts", "PERSON", "id_r", 0.7, "opened 4 accounts in 30 days"),
                score(D0, "round_tripping", "COMPANY", "co_1", 0.8, "member of a cycle"));
        lake.traces(D0, "acc_trace", "300.00", "acc_weak", "0.00");
        lake.leads(D0, lead(D0, "L1", "round_tripping", member("co_1", "COMPANY", "CYCLE_PARTY"),
                member("acc_cycle", "ACCOUNT", "CYCLE_ACCOUNT"), member("acc_cust", "ACCOUNT", "CUSTOMER")));

        Map<String, Long> counts = run(lake, D0);
        LocalDate freezeUntil = D0.plusDays(7);
        LocalDate monitorUntil = D0.plusDays(3);
        Map<String, Row> list = lake.rows(INTERCEPT, D0);
        assertEquals(List.of("acc_co", "acc_cycle", "acc_r1", "acc_r2", "acc_strong", "acc_trace", "acc_two",
                "acc_weak", "ph_foreign", "ph_home"), list.keySet().stream().sorted().toList(),
                "acc_below is under the threshold; acc_c's score has no reason, so it is no alert");

        Row strong = list.get("acc_strong");
        assertWarning(strong, "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("money_mule"), "NEW", true, D0,
                freezeUntil);
        assertEquals(warningId("BANK_A", "ACCOUNT", "acc_strong", "MONEY_MULE", D0), id(strong));
        assertWarning(list.get("acc_weak"), "BANK_A", "FREEZE", "MONEY_MULE", 0.6, List.of("money_mule"), "NEW",
                true, D0, freezeUntil);
        Row two = list.get("acc_two");
        assertWarning(two, "BANK_B", "FREEZE", "LAUNDERING", 0.65, List.of("structuring", "money_mule"), "NEW", true,
                D0, freezeUntil);
        assertEquals(List.of("st1", "st2", "mm1", "mm2"), two.getList(two.fieldIndex(InterceptList.REASONS)),
                "two reasons per model, the strongest model first");
        Row trace = list.get("acc_trace");
        assertWarning(trace, "BANK_B", "FREEZE", "MONEY_MULE", 0.95, List.of("fund_trace"), "NEW", true, D0,
                freezeUntil);
        assertTrue(trace.getList(trace.fieldIndex(InterceptList.REASONS)).get(0).toString().startsWith("holds 300 CNY"),
                trace.toString());

        assertWarning(list.get("ph_home"), "CARRIER_X", "BLOCK", "FRAUD_PHONE", 0.95, List.of("fraud_phone"), "NEW",
                true, D0, freezeUntil);
        Row foreign = list.get("ph_foreign");
        assertWarning(foreign, null, "BLOCK", "FRAUD_PHONE", 0.6, List.of("fraud_phone"), "NEW", true, D0,
                freezeUntil);
        assertEquals(warningId(null, "PHONE", "ph_foreign", "FRAUD_PHONE", D0), id(foreign));

        assertWarning(list.get("acc_r1"), "BANK_A", "MONITOR", "MONEY_MULE", 0.7, List.of("rented_accounts"), "NEW",
                true, D0, monitorUntil);
        assertEquals("BANK_C", list.get("acc_r2").getAs(InterceptList.PARTNER));
        assertWarning(list.get("acc_co"), "BANK_A", "MONITOR", "LAUNDERING", 0.8, List.of("round_tripping"), "NEW",
                true, D0, monitorUntil);
        assertWarning(list.get("acc_cycle"), "BANK_B", "MONITOR", "LAUNDERING", 0.8, List.of("round_tripping"), "NEW",
                true, D0, monitorUntil);

        Map<String, Row> victims = lake.rows(VICTIMS, D0);
        assertEquals(List.of("acc_v1", "acc_v2"), victims.keySet().stream().sorted().toList());
        assertWarning(victims.get("acc_v1"), "BANK_A", "CONTACT_VICTIM", "VICTIM_AT_RISK", 0.8,
                List.of("victim_call_then_pay"), "NEW", true, D0, monitorUntil);
        assertEquals("BANK_B", victims.get("acc_v2").getAs(InterceptList.PARTNER));
        assertEquals("id_v", DecisionsLake.personOf(victims.get("acc_v2")));

        assertEquals(10L, counts.get("intercept_list"));
        assertEquals(10L, counts.get("intercept_list.NEW"));
        assertEquals(10L, counts.get("intercept_list.sent"));
        assertEquals(1L, counts.get("intercept_list.sent.echo"), "acc_trace holds traced report money");
        assertEquals("FUND_TRACE", trace.getAs(InterceptList.KNOWN_BY));
        assertNull(strong.getAs(InterceptList.KNOWN_BY), "a detection");
        assertEquals(0L, counts.get("intercept_list.ACTIVE"));
        assertEquals(2L, counts.get("victim_warnings"));

        List<String> intercept = lake.rendered(INTERCEPT, D0);
        List<String> victimRows = lake.rendered(VICTIMS, D0);
        assertEquals(counts, run(lake, D0));
        assertEquals(intercept, lake.rendered(INTERCEPT, D0), "re-running D gives identical rows");
        assertEquals(victimRows, lake.rendered(VICTIMS, D0));
    }

    @Test
    void firesOnTheRegistryThresholdNotOnTheScoresTable(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        lake.scores(D0,
                score(D0, "money_mule", "ACCOUNT", "acc_strong", 0.9, "strong"),
                score(D0, "money_mule", "ACCOUNT", "acc_two", 0.55, "mm"),
                score(D0, "structuring", "ACCOUNT", "acc_two", 0.65, "st"),
                score(D0, "structuring", "ACCOUNT", "acc_weak", 0.55, "below the registry's 0.6"));
        run(lake, D0);
        Map<String, Row> before = lake.rows(INTERCEPT, D0);
        assertEquals(List.of("acc_strong", "acc_two"), before.keySet().stream().sorted().toList(),
                "structuring's registry threshold is 0.6, though gold/scores says 0.5");
        assertEquals("FREEZE", before.get("acc_two").getAs(InterceptList.ACTION));

        lake.threshold("money_mule", 0.95);
        run(lake, D0);
        Map<String, Row> after = lake.rows(INTERCEPT, D0);
        assertEquals(List.of("acc_two"), after.keySet().stream().sorted().toList(),
                "raising the threshold removes the warning");
        assertEquals(List.of("structuring"), after.get("acc_two").getList(after.get("acc_two")
                .fieldIndex(InterceptList.MODELS)));
        assertEquals("MONITOR", after.get("acc_two").getAs(InterceptList.ACTION),
                "a monitoring model alone does not freeze");
    }

    @Test
    void carriesValidWarningsEscalatesStrongerOnesAndDropsExpiredOnes(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        LocalDate d1 = D0.plusDays(1);
        LocalDate d4 = D0.plusDays(4);
        lake.scores(D0,
                score(D0, "money_mule", "ACCOUNT", "acc_strong", 0.9, "a"),
                score(D0, "money_mule", "ACCOUNT", "acc_weak", 0.6, "b"),
                score(D0, "structuring", "ACCOUNT", "acc_c", 0.65, "c"),
                score(D0, "structuring", "ACCOUNT", "acc_e", 0.65, "e"),
                score(D0, "structuring", "ACCOUNT", "acc_f", 0.65, "f"));
        run(lake, D0);
        Map<String, Row> first = lake.rows(INTERCEPT, D0);

        lake.scores(d1,
                score(d1, "money_mule", "ACCOUNT", "acc_strong", 0.92, "a"),
                score(d1, "money_mule", "ACCOUNT", "acc_weak", 0.9, "b now strong"),
                score(d1, "structuring", "ACCOUNT", "acc_c", 0.66, "c"),
                score(d1, "structuring", "ACCOUNT", "acc_e", 0.85, "e higher band"));
        Map<String, Long> counts = run(lake, d1);
        Map<String, Row> second = lake.rows(INTERCEPT, d1);
        Row strong = second.get("acc_strong");
        assertWarning(strong, "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("money_mule"), "ACTIVE", false, D0,
                D0.plusDays(7));
        assertEquals(id(first.get("acc_strong")), id(strong), "an active warning keeps its id and is not re-sent");
        Row weak = second.get("acc_weak");
        assertWarning(weak, "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("money_mule"), "ESCALATED", true, d1,
                d1.plusDays(7));
        assertNotEquals(id(first.get("acc_weak")), id(weak));
        assertEquals(warningId("BANK_A", "ACCOUNT", "acc_weak", "MONEY_MULE", d1), id(weak));
        assertEquals("ACTIVE", second.get("acc_c").getAs(InterceptList.STATUS), "the same band is not stronger");
        Row e = second.get("acc_e");
        assertWarning(e, "BANK_A", "MONITOR", "LAUNDERING", 0.85, List.of("structuring"), "ESCALATED", true, d1,
                d1.plusDays(3));
        assertWarning(second.get("acc_f"), "BANK_B", "MONITOR", "LAUNDERING", 0.65, List.of("structuring"), "ACTIVE",
                false, D0, D0.plusDays(3));
        assertEquals(2L, counts.get("intercept_list.sent"));
        assertEquals(3L, counts.get("intercept_list.ACTIVE"));

        lake.scores(d4, score(d4, "structuring", "ACCOUNT", "acc_f", 0.65, "f again"));
        run(lake, d4);
        Map<String, Row> fifth = lake.rows(INTERCEPT, d4);
        assertEquals(List.of("acc_e", "acc_f", "acc_strong", "acc_weak"), fifth.keySet().stream().sorted().toList(),
                "acc_c's MONITOR expired on " + D0.plusDays(3) + " and nothing fired on it again");
        assertEquals(id(strong), id(fifth.get("acc_strong")), "still valid without firing: active");
        assertEquals("ACTIVE", fifth.get("acc_strong").getAs(InterceptList.STATUS));
        assertEquals(id(weak), id(fifth.get("acc_weak")), "the escalated warning carries on under its own id");
        assertEquals("ACTIVE", fifth.get("acc_e").getAs(InterceptList.STATUS), "valid through its last day");
        Row f = fifth.get("acc_f");
        assertWarning(f, "BANK_B", "MONITOR", "LAUNDERING", 0.65, List.of("structuring"), "NEW", true, d4,
                d4.plusDays(3));
        assertNotEquals(id(first.get("acc_f")), id(f), "firing again after expiry is a new warning");
    }

    @Test
    void clearedLabelsAndBankFeedbackWithdrawOnTheNextRunThenSuppress(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        LocalDate d1 = D0.plusDays(1);
        LocalDate d2 = D0.plusDays(2);
        LocalDate d8 = D0.plusDays(8);
        for (LocalDate d : List.of(D0, d1, d2, d8)) {
            lake.scores(d,
                    score(d, "money_mule", "ACCOUNT", "acc_strong", 0.9, "a"),
                    score(d, "money_mule", "ACCOUNT", "acc_g", 0.9, "g"),
                    score(d, "money_mule", "ACCOUNT", "acc_two", 0.9, "b"),
                    score(d, "money_mule", "ACCOUNT", "acc_old", 0.9, "old"),
                    score(d, "victim_call_then_pay", "PERSON", "id_v", 0.8, "v"));
        }
        lake.labels(
                label("ACCOUNT", "acc_old", "CLEARED", "2026-10-01T02:00:00Z", LocalDate.of(2026, 10, 1)),
                label("ACCOUNT", "acc_strong", "CLEARED", "2026-11-21T02:00:00Z", d1),
                label("PERSON", "id_v", "CLEARED", "2026-11-21T03:00:00Z", d1),
                // 00:30 on the 22nd in the city: after the end of d1, though still the 21st in UTC.
                label("ACCOUNT", "acc_two", "CLEARED", "2026-11-21T16:30:00Z", d1));
        run(lake, D0);
        Map<String, Row> first = lake.rows(INTERCEPT, D0);
        assertEquals(List.of("acc_g", "acc_old", "acc_strong", "acc_two"), first.keySet().stream().sorted().toList(),
                "labels from after D are not read; an old clearance does not silence new evidence");
        lake.feedback(
                answer("BANK_B", id(first.get("acc_g")), "CLEARED", "2026-11-21T05:00:00Z", d1),
                answer("BANK_C", id(first.get("acc_old")), "CLEARED", "2026-11-21T05:00:00Z", d1),
                answer("BANK_A", id(first.get("acc_two")), "FROZEN", "2026-11-21T05:00:00Z", d1));

        Map<String, Long> counts = run(lake, d1);
        Map<String, Row> second = lake.rows(INTERCEPT, d1);
        Row strong = second.get("acc_strong");
        assertWarning(strong, "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("money_mule"), "WITHDRAWN", false, D0,
                D0.plusDays(7));
        assertEquals(id(first.get("acc_strong")), id(strong), "the withdrawn warning is named by its id");
        assertEquals("WITHDRAWN", second.get("acc_g").getAs(InterceptList.STATUS), "the bank cleared it");
        assertEquals("ACTIVE", second.get("acc_two").getAs(InterceptList.STATUS),
                "its CLEARED label is confirmed after the end of " + d1 + " city time");
        assertEquals("ACTIVE", second.get("acc_old").getAs(InterceptList.STATUS),
                "another bank's feedback does not touch BANK_A's warning");
        Map<String, Row> victims = lake.rows(VICTIMS, d1);
        assertEquals("WITHDRAWN", victims.get("acc_v1").getAs(InterceptList.STATUS),
                "a CLEARED label on the person withdraws the warnings on all their accounts");
        assertEquals("WITHDRAWN", victims.get("acc_v2").getAs(InterceptList.STATUS));
        assertEquals(0L, counts.get("intercept_list.sent"));
        assertEquals(2L, counts.get("intercept_list.WITHDRAWN"));

        run(lake, d2);
        Map<String, Row> third = lake.rows(INTERCEPT, d2);
        assertEquals(List.of("acc_old", "acc_two"), third.keySet().stream().sorted().toList(),
                "withdrawn warnings are gone and stay suppressed while they would have been valid");
        assertEquals("WITHDRAWN", third.get("acc_two").getAs(InterceptList.STATUS));
        assertTrue(lake.rows(VICTIMS, d2).isEmpty());

        run(lake, d8);
        Map<String, Row> later = lake.rows(INTERCEPT, d8);
        Row again = later.get("acc_strong");
        assertWarning(again, "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("money_mule"), "NEW", true, d8,
                d8.plusDays(7));
        assertNotEquals(id(strong), id(again));
        assertEquals("NEW", later.get("acc_g").getAs(InterceptList.STATUS), "suppression ends with the validity");
        assertFalse(later.containsKey("acc_two"), "cleared on " + d2 + ": still quiet on " + d8);
        assertNull(later.get("acc_two"));
    }

    @Test
    void budgetQueuesTheLowestRiskDetectionsAndTheNextNightDecidesThemAfresh(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        lake.accounts("acc_1", "BANK_A", "id_1", "acc_2", "BANK_A", "id_2", "acc_3", "BANK_A", "id_3",
                "acc_4", "BANK_A", "id_4", "acc_5", "BANK_A", "id_5", "acc_6", "BANK_A", "id_6",
                "acc_7", "BANK_A", "id_7", "acc_known", "BANK_A", "id_k");
        lake.labels(label("ACCOUNT", "acc_known", "MONEY_MULE", "2026-11-19T02:00:00Z", D0.minusDays(1)));
        Row[] night = {
                score(D0, "structuring", "ACCOUNT", "acc_1", 0.95, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_2", 0.90, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_3", 0.85, "r"),
                score(D0, "round_tripping", "COMPANY", "none", 0.1, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_4", 0.80, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_5", 0.70, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_6", 0.70, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_7", 0.65, "r"),
                score(D0, "structuring", "ACCOUNT", "acc_known", 0.61, "r")};
        lake.scores(D0, night);
        Map<String, Long> counts = run(lake, D0);
        Map<String, Row> list = lake.rows(INTERCEPT, D0);
        // 8 accounts at BANK_A: MONITOR budget = max(floor 5, round(20 * 8 / 10,000) = 0) = 5 detections
        for (String sent : List.of("acc_1", "acc_2", "acc_3", "acc_4", "acc_5")) {
            assertEquals("NEW", list.get(sent).getAs(InterceptList.STATUS), sent);
            assertTrue(list.get(sent).<Boolean>getAs(InterceptList.SENT), sent);
        }
        for (String queued : List.of("acc_6", "acc_7")) {
            assertEquals("QUEUED", list.get(queued).getAs(InterceptList.STATUS), queued + ": over the budget, by "
                    + "risk; acc_5 and acc_6 tie at 0.70 and the entity id decides");
            assertFalse(list.get(queued).<Boolean>getAs(InterceptList.SENT), queued);
        }
        Row known = list.get("acc_known");
        assertEquals("CASE_LABEL", known.getAs(InterceptList.KNOWN_BY));
        assertEquals("NEW", known.getAs(InterceptList.STATUS), "an echo takes no budget and is sent");
        assertEquals(6L, counts.get("intercept_list.sent"));
        assertEquals(5L, counts.get("intercept_list.sent.detected"));
        assertEquals(2L, counts.get("intercept_list.QUEUED"));
        assertEquals("MONITOR", list.get("acc_1").getAs(InterceptList.ACTION),
                "structuring's estimated precision (0.5) is below 0.8: it never freezes, however high the score");

        LocalDate d1 = D0.plusDays(1);
        lake.scores(d1, java.util.Arrays.stream(night).map(r -> score(d1, r.getString(0), r.getString(2),
                r.getString(3), r.getDouble(5), "r")).toArray(Row[]::new));
        run(lake, d1);
        Map<String, Row> next = lake.rows(INTERCEPT, d1);
        assertEquals("ACTIVE", next.get("acc_1").getAs(InterceptList.STATUS));
        assertEquals("NEW", next.get("acc_6").getAs(InterceptList.STATUS), "a queued warning is not held: the next "
                + "night decides it afresh, and the budget has room");
        assertEquals("NEW", next.get("acc_7").getAs(InterceptList.STATUS));
    }

    @Test
    void namedAndDetectedApartAndAgreeingModelsDoNotFreeze(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        lake.incidents("2026-11-20T03:00:00Z", D0, "I1", "acc_weak");
        lake.labels(label("PERSON", "id_t", "MONEY_MULE", "2026-11-19T02:00:00Z", D0),
                label("ACCOUNT", "acc_c", "CLEARED", "2026-11-01T02:00:00Z", LocalDate.of(2026, 11, 1)));
        lake.scores(D0,
                score(D0, "money_mule", "ACCOUNT", "acc_weak", 0.6, "w"),
                score(D0, "money_mule", "ACCOUNT", "acc_two", 0.7, "t"),
                score(D0, "structuring", "ACCOUNT", "acc_c", 0.7, "c"),
                score(D0, "structuring", "ACCOUNT", "acc_e", 0.7, "e1"));
        lake.traces(D0, "acc_trace", "300.00");
        Map<String, Long> counts = run(lake, D0);
        Map<String, Row> list = lake.rows(INTERCEPT, D0);
        assertEquals("POLICE_REPORT", list.get("acc_weak").getAs(InterceptList.KNOWN_BY), "a report names it");
        assertEquals("CASE_LABEL", list.get("acc_two").getAs(InterceptList.KNOWN_BY), "its holder has a case label");
        assertEquals("FUND_TRACE", list.get("acc_trace").getAs(InterceptList.KNOWN_BY));
        assertNull(list.get("acc_c").getAs(InterceptList.KNOWN_BY), "a CLEARED label is no echo");
        assertNull(list.get("acc_e").getAs(InterceptList.KNOWN_BY));
        assertEquals("FREEZE", list.get("acc_weak").getAs(InterceptList.ACTION), "echoes are still sent to protect money");
        assertTrue(list.get("acc_weak").<Boolean>getAs(InterceptList.SENT));
        assertEquals(3L, counts.get("intercept_list.sent.echo"));
        lake.scores(D0,
                score(D0, "structuring", "ACCOUNT", "acc_e", 0.7, "e1"),
                score(D0, "rented_accounts", "PERSON", "id_x2", 0.9, "e2"));
        run(lake, D0);
        Row agreeing = lake.rows(INTERCEPT, D0).get("acc_e");
        assertEquals(List.of("rented_accounts", "structuring"), agreeing.getList(agreeing.fieldIndex(InterceptList.MODELS)));
        assertEquals("MONITOR", agreeing.getAs(InterceptList.ACTION),
                "two models agreeing, neither precise enough, do not freeze");
    }

    @Test
    void theEntityRiskFiresAloneRanksTheBudgetAndFreezesOnlyAtItsEstimatedPrecision(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        lake.scores(D0,
                score(D0, "structuring", "ACCOUNT", "acc_weak", 0.9, "s"),
                score(D0, "structuring", "ACCOUNT", "acc_e", 0.7, "s"),
                score(D0, "structuring", "ACCOUNT", "acc_strong", 0.65, "s"));
        lake.risks(D0,
                DecisionsLake.risk(D0, "ACCOUNT", "acc_c", "OFFENDER", 0.9, 0.85, true, "money_mule"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_below", "OFFENDER", 0.4, 0.6, true, "money_mule"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_v1", "OFFENDER", 0.35, 0.5, true, "cash_out"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_r1", "OFFENDER", 0.33, 0.5, true, "cash_out"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_strong", "OFFENDER", 0.3, 0.4, false, "structuring"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_e", "OFFENDER", 0.05, 0.1, false, "structuring"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_weak", "OFFENDER", 0.01, 0.1, false, "structuring"),
                DecisionsLake.risk(D0, "ACCOUNT", "acc_old", "OFFENDER", 0.2, 0.3, false, "money_mule"),
                DecisionsLake.risk(D0, "PHONE", "ph_home", "OFFENDER", 0.97, 0.95, true, "fraud_phone"),
                DecisionsLake.risk(D0, "PERSON", "id_v", "VICTIM", 0.6, 0.3, true, "victim_call_then_pay"));
        run(lake, D0);
        Map<String, Row> list = lake.rows(INTERCEPT, D0);
        assertWarning(list.get("acc_c"), "BANK_A", "FREEZE", "MONEY_MULE", 0.9, List.of("entity_risk"), "NEW", true,
                D0, D0.plusDays(7));
        assertEquals(List.of("money_mule reason"), list.get("acc_c").getList(list.get("acc_c")
                .fieldIndex(InterceptList.REASONS)), "the reasons of the models that drove the risk");
        assertEquals("MONITOR", list.get("acc_below").getAs(InterceptList.ACTION),
                "a firing risk whose estimated precision is below 0.8 only monitors");
        assertFalse(list.containsKey("acc_old"), "a risk under its operating point, and no model fired: no warning");
        // BANK_A's MONITOR budget is 5 (the floor); six candidates, ranked by the entity's risk, not by the score
        // of the model that fired: acc_weak (structuring 0.9, risk 0.01) is the one left over.
        for (String sent : List.of("acc_below", "acc_v1", "acc_r1", "acc_strong", "acc_e")) {
            assertEquals("NEW", list.get(sent).getAs(InterceptList.STATUS), sent);
        }
        assertEquals("QUEUED", list.get("acc_weak").getAs(InterceptList.STATUS));
        assertEquals(0.05, list.get("acc_e").<Double>getAs(InterceptList.SCORE), 1e-12,
                "the published score is the entity's risk, whichever model fired");
        assertEquals(List.of("structuring"), list.get("acc_e").getList(list.get("acc_e").fieldIndex(InterceptList.MODELS)));
        assertWarning(list.get("ph_home"), "CARRIER_X", "BLOCK", "FRAUD_PHONE", 0.97, List.of("entity_risk"), "NEW",
                true, D0, D0.plusDays(7));
        Map<String, Row> victims = lake.rows(VICTIMS, D0);
        assertEquals(java.util.Set.of("acc_v1", "acc_v2"), victims.keySet(), "each account of the person at risk");
        for (Row v : victims.values()) {
            assertEquals("CONTACT_VICTIM", v.getAs(InterceptList.ACTION));
            assertEquals("id_v", DecisionsLake.personOf(v));
            assertEquals("VICTIM_AT_RISK", v.getAs(InterceptList.WARNING_TYPE));
        }
    }

    @Test
    void tracedMoneyLearnsItsPrecisionPerHopFromTheLakesLabels(@TempDir Path dir) {
        DecisionsLake lake = lake(dir);
        LocalDate before = D0.minusDays(10);
        // Ten days ago: five accounts at hop 1, each labelled a mule two days later; six at hop 3, never labelled.
        lake.tracesAtHops(before, hops(1, "acc_h1a", "acc_h1b", "acc_h1c", "acc_h1d", "acc_h1e"));
        lake.tracesAtHops(before.plusDays(1), hops(3, "acc_h3a", "acc_h3b", "acc_h3c", "acc_h3d", "acc_h3e",
                "acc_h3f"));
        String later = before.plusDays(2) + "T02:00:00Z";
        lake.labels(label("ACCOUNT", "acc_h1a", "MONEY_MULE", later, before.plusDays(2)),
                label("ACCOUNT", "acc_h1b", "MONEY_MULE", later, before.plusDays(2)),
                label("ACCOUNT", "acc_h1c", "MONEY_MULE", later, before.plusDays(2)),
                label("ACCOUNT", "acc_h1d", "FRAUD_ACCOUNT", later, before.plusDays(2)),
                label("ACCOUNT", "acc_h1e", "MONEY_MULE", later, before.plusDays(2)),
                label("ACCOUNT", "acc_f", "MONEY_MULE", later, before.plusDays(2)));
        // Yesterday (inside the maturity span, not learned from): a hop-3 account that nobody has labelled yet.
        lake.tracesAtHops(D0.minusDays(1), hops(3, "acc_g"));
        // Tonight: a new account at hop 1, one at hop 3, one at hop 2 (no history: the prior 0.9) and a labelled
        // mule at hop 3 (no labelled account at hop 3 before: the prior).
        lake.tracesAtHops(D0, Map.of("acc_strong", 1, "acc_weak", 3, "acc_f", 3, "acc_two", 2));
        lake.scores(D0, score(D0, "structuring", "ACCOUNT", "acc_below", 0.1, "quiet"));

        run(lake, D0);
        Map<String, Row> list = lake.rows(INTERCEPT, D0);
        Row hop1 = list.get("acc_strong");
        assertEquals("FREEZE", hop1.getAs(InterceptList.ACTION), "hop 1: (5 + 0.9 * 5) / (5 + 5) = 0.95");
        String reason = hop1.getList(hop1.fieldIndex(InterceptList.REASONS)).get(0).toString();
        assertTrue(reason.contains("nearest hop 1") && reason.contains("5 of 5 accounts traced at this hop earlier")
                && reason.endsWith("estimate 0.95)"), reason);
        assertFalse(list.containsKey("acc_weak"), "hop 3: (0 + 4.5) / (6 + 5) = 0.41, under 0.5: no warning alone");
        assertFalse(list.containsKey("acc_g"), "traced only yesterday");
        Row labelled = list.get("acc_f");
        assertEquals("FREEZE", labelled.getAs(InterceptList.ACTION),
                "a labelled mule at hop 3: no labelled account at hop 3 before, so the prior 0.9");
        assertEquals("CASE_LABEL", labelled.getAs(InterceptList.KNOWN_BY));
        assertTrue(labelled.getList(labelled.fieldIndex(InterceptList.REASONS)).get(0).toString()
                .contains("no earlier outcome yet: estimate 0.90"));
        assertEquals("FREEZE", list.get("acc_two").getAs(InterceptList.ACTION), "hop 2, no history: the prior 0.9");

        DecisionsJob.Settings strict = DecisionsJob.Settings.DEFAULTS.withTraceLearning(
                new DecisionsJob.TraceLearning(60, 3, 5, 0.96));
        new DecisionsJob(lake.lake, strict, line -> { }).run(spark, D0);
        assertFalse(lake.rows(INTERCEPT, D0).containsKey("acc_strong"), "0.95 is under a minimum of 0.96");
        DecisionsJob.Settings shortMemory = DecisionsJob.Settings.DEFAULTS.withTraceLearning(
                new DecisionsJob.TraceLearning(5, 3, 5, 0.5));
        new DecisionsJob(lake.lake, shortMemory, line -> { }).run(spark, D0);
        assertTrue(lake.rows(INTERCEPT, D0).containsKey("acc_weak"),
                "with five days of history nothing is learned: hop 3 falls back to the prior");
        assertThrows(IllegalArgumentException.class, () -> new DecisionsJob.TraceLearning(3, 3, 5, 0.5));
    }

    private static Map<String, Integer> hops(int hop, String... accounts) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (String a : accounts) {
            out.put(a, hop);
        }
        return out;
    }
}

package org.fraudlake.publish.report;

import static org.fraudlake.publish.report.ReportFixtures.D;
import static org.fraudlake.publish.report.ReportFixtures.at;
import static org.fraudlake.publish.report.ReportFixtures.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The funnel, the feedback verdicts and the outcomes of sent warnings on tiny hand-built frames; the warm-up rule. */
@ExtendWith(SparkTestExtension.class)
class ReportQueriesTest {
    private static final StructType WARNINGS = ReportFixtures.INTERCEPT_LIST.add("known_by", "STRING");
    private static final StructType RISK = StructType.fromDDL("business_date DATE, entity_type STRING, "
            + "entity_id STRING, partners ARRAY<STRING>, risk DOUBLE, fires BOOLEAN");

    private final SparkSession spark;

    ReportQueriesTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void funnelCountsEachStepPerPartnerQueuedAndEchoesApart() {
        Dataset<Row> scores = spark.createDataFrame(List.of(
                score(0, "money_mule", "a1", "BANK_A"), score(0, "fan_in", "a1", "BANK_A"),
                score(0, "money_mule", "a2", "BANK_A"), score(0, "money_mule", "a3", "BANK_A", "BANK_B"),
                score(0, "money_mule", "b1", "BANK_B"), score(-1, "money_mule", "a9", "BANK_A")),
                ReportFixtures.SCORES);
        Dataset<Row> risk = spark.createDataFrame(List.of(
                risk(0, "a1", true, "BANK_A"), risk(0, "a2", false, "BANK_A"), risk(0, "a3", true, "BANK_A", "BANK_B"),
                risk(-1, "a9", true, "BANK_A")), RISK);
        Dataset<Row> warnings = ReportQueries.warningColumns(spark.createDataFrame(List.of(
                warning("w1", "BANK_A", "a1", "NEW", true, null, 0),
                warning("w2", "BANK_A", "a3", "QUEUED", false, null, 0),
                warning("w3", "BANK_A", "a4", "QUEUED", false, null, 0),
                warning("w4", "BANK_A", "a5", "ESCALATED", true, "FUND_TRACE", 0),
                warning("w5", "BANK_A", "a6", "ACTIVE", false, null, 0),
                warning("w6", "BANK_A", "a7", "WITHDRAWN", false, null, 0),
                warning("w7", "BANK_B", "b2", "NEW", true, "CASE_LABEL", 0),
                warning("w8", null, "p1", "NEW", true, null, 0),
                warning("w0", "BANK_A", "a9", "NEW", true, null, -1)), WARNINGS));

        List<String> rows = new ArrayList<>();
        for (Row r : ReportQueries.funnel(scores, risk, warnings, D).collectAsList()) {
            rows.add(String.join("/", r.getString(0), String.valueOf(r.getLong(1)), String.valueOf(r.getLong(2)),
                    String.valueOf(r.getLong(3)), String.valueOf(r.getLong(4)), String.valueOf(r.getLong(5)),
                    String.valueOf(r.getLong(6))));
        }

        assertEquals(List.of("(none)/0/0/1/1/1/0", "BANK_A/3/2/4/2/1/1", "BANK_B/2/1/1/1/0/1"), rows,
                "partner/scored/at risk/fired/within budget/sent detected/sent echo: a1 scored by two models counts "
                        + "once, a3 counts for both banks, QUEUED fired but is over budget, ACTIVE and WITHDRAWN did "
                        + "not fire, D-1 is left out");
    }

    @Test
    void funnelWithoutEntityRiskCountsNoneAtRisk() {
        Dataset<Row> scores = spark.createDataFrame(List.of(score(0, "money_mule", "a1", "BANK_A")),
                ReportFixtures.SCORES);
        Dataset<Row> noRisk = spark.createDataFrame(List.of(), ReportQueries.RISK_ENTITIES);
        Dataset<Row> noWarnings = ReportQueries.warningColumns(spark.createDataFrame(List.of(),
                ReportFixtures.INTERCEPT_LIST));

        Row r = ReportQueries.funnel(scores, noRisk, noWarnings, D).collectAsList().get(0);

        assertEquals("BANK_A", r.getString(0));
        assertEquals(List.of(1L, 0L, 0L, 0L, 0L, 0L), List.of(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                r.getLong(5), r.getLong(6)));
    }

    @Test
    void frozenFeedbackIsActedOnNotConfirmed() {
        Dataset<Row> feedback = spark.createDataFrame(List.of(
                answer("BANK_A", "w1", "FROZEN", 0), answer("BANK_A", "w2", "FROZEN", 0),
                answer("BANK_A", "w2", "LOSS_PREVENTED", 0), answer("BANK_A", "w3", "CLEARED", 0),
                answer("BANK_A", "w4", "FROZEN", 0), answer("BANK_A", "w4", "CLEARED", 0),
                answer("BANK_A", "w5", "MONITORED", 0)), ReportFixtures.BANK_FEEDBACK);

        Row day = ReportQueries.feedbackVerdicts(feedback, D.minusDays(29), D).collectAsList().get(0);

        assertEquals(1L, day.<Long>getAs(ReportQueries.CONFIRMED), "only w2's LOSS_PREVENTED confirms");
        assertEquals(2L, day.<Long>getAs(ReportQueries.CLEARED), "w3, and w4 frozen then cleared");
        assertEquals(3L, day.<Long>getAs(ReportQueries.ACTED_ON), "w1, w2 and w4 were frozen");
    }

    @Test
    void sentOutcomesSplitDetectionsFromEchoes() {
        Dataset<Row> warnings = ReportQueries.warningColumns(spark.createDataFrame(List.of(
                warning("d1", "BANK_A", "a1", "NEW", true, null, -3),
                warning("d2", "BANK_A", "a2", "NEW", true, null, -3),
                warning("d3", "BANK_A", "a3", "NEW", true, null, -3),
                warning("d4", "BANK_A", "a4", "NEW", true, null, -3),
                warning("d5", "BANK_A", "a5", "NEW", true, null, -3),
                warning("e1", "BANK_B", "b1", "NEW", true, "POLICE_REPORT", -3),
                warning("q1", "BANK_A", "a6", "QUEUED", false, null, -3),
                warning("d6", "BANK_A", "a7", "NEW", true, null, 0)), WARNINGS));
        Dataset<Row> feedback = spark.createDataFrame(List.of(
                answer("BANK_A", "d2", "FROZEN", -2),
                answer("BANK_A", "d3", "CLEARED", -1),
                answer("BANK_B", "d4", "LOSS_PREVENTED", -1),
                answer("BANK_B", "e1", "LOSS_PREVENTED", -1),
                answer("BANK_A", "d6", "LOSS_PREVENTED", 1)), ReportFixtures.BANK_FEEDBACK);
        Dataset<Row> labels = spark.createDataFrame(List.of(
                RowFactory.create("ACCOUNT", "a1", "MONEY_MULE", at(-1, 10)),
                RowFactory.create("ACCOUNT", "a5", "MONEY_MULE", at(-10, 10)),
                RowFactory.create("ACCOUNT", "a6", "MONEY_MULE", at(-1, 10))), ReportQueries.CASE_LABELS);

        List<Row> days = ReportQueries.sentOutcomes(warnings, feedback, labels, D.minusDays(29), D).collectAsList();

        assertEquals(2, days.size(), "a row per day with warnings sent: D-3 and D");
        Row d3 = days.get(0);
        assertEquals(day(-3), d3.getAs("business_date"));
        assertEquals(6L, d3.<Long>getAs(ReportQueries.SENT_ALL), "the queued warning was not sent");
        assertEquals(5L, d3.<Long>getAs(ReportQueries.SENT_DETECTED));
        assertEquals(1L, d3.<Long>getAs(ReportQueries.CONFIRMED_DETECTED), "d1 by a later case label; d2 only "
                + "frozen; d4's answer came from a bank it was not sent to; a5's label predates the warning");
        assertEquals(1L, d3.<Long>getAs(ReportQueries.CLEARED_DETECTED), "d3");
        assertEquals(2L, d3.<Long>getAs(ReportQueries.CONFIRMED), "d1 and the echo e1");
        assertEquals(1L, d3.<Long>getAs(ReportQueries.CLEARED));
        Row d0 = days.get(1);
        assertEquals(1L, d0.<Long>getAs(ReportQueries.SENT_DETECTED));
        assertEquals(0L, d0.<Long>getAs(ReportQueries.CONFIRMED), "an answer arriving after D is not used");
    }

    @Test
    void warmUpUntilAChampionSaysWhenTheModelsTrain() {
        Report.WarmUp first = ReportJob.warmUp(List.of(), 1, 25, D);
        assertTrue(first.warmUp());
        assertEquals(D.plusDays(25), first.modelsFrom(), "night D+25 trains as of D+24, its 25th feature day");
        assertEquals("warm-up: 1 day of history, models train from " + D.plusDays(25)
                + "; warnings from traced victim money only", first.line());

        assertEquals(D.plusDays(1), ReportJob.warmUp(List.of(), 25, 25, D).modelsFrom(), "enough history: tomorrow");
        assertEquals(D.plusDays(1), ReportJob.warmUp(List.of(), 40, 25, D).modelsFrom());

        RegistryEntry challenger = entry(RegistryEntry.CHALLENGER);
        Report.WarmUp noChampion = ReportJob.warmUp(List.of(challenger), 30, 25, D);
        assertTrue(noChampion.warmUp() && noChampion.trained());
        assertNull(noChampion.modelsFrom());
        assertTrue(noChampion.line().contains("none is a champion yet"), noChampion.line());

        Report.WarmUp after = ReportJob.warmUp(List.of(challenger, entry(RegistryEntry.CHAMPION)), 30, 25, D);
        assertFalse(after.warmUp());
        assertNull(after.line());
    }

    private static Row score(int dayOffset, String model, String entity, String... partners) {
        return RowFactory.create(day(dayOffset), model, 1, "ACCOUNT", entity, List.of(partners), 0.5, 0.5, true,
                List.of("reason"));
    }

    private static Row risk(int dayOffset, String entity, boolean fires, String... partners) {
        return RowFactory.create(day(dayOffset), "ACCOUNT", entity, List.of(partners), 0.5, fires);
    }

    private static Row warning(String id, String partner, String entity, String status, boolean sent,
                               String knownBy, int dayOffset) {
        return RowFactory.create(id, partner, "ACCOUNT", entity, "MONEY_MULE", "FREEZE", 0.9, List.of("money_mule"),
                List.of("reason"), day(dayOffset), day(dayOffset + 7), status, sent, day(dayOffset), knownBy);
    }

    private static Row answer(String bank, String warning, String action, int dayOffset) {
        return RowFactory.create(bank, warning, action, at(dayOffset, 9), null, null, day(dayOffset));
    }

    private static RegistryEntry entry(String status) {
        return new RegistryEntry("money_mule", 1, status, "LOGISTIC_REGRESSION", "ACCOUNT",
                new java.sql.Timestamp(1_000L), D.minusDays(1), D.minusDays(30), D.minusDays(8), D.minusDays(7),
                D.minusDays(1), "test", "{}", List.of("f"), "{}", List.of("BANK_A"), 100, 10, 0.5, 0.5, 0.5, "[]",
                "/nowhere", null, null);
    }
}

package org.fraudlake.publish.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.publish.report.Report.Section;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The page and its charts from hand-built figures, without Spark: escaping, well-formedness, axes. */
class ReportHtmlTest {
    private static final LocalDate D = LocalDate.of(2026, 3, 14);
    private static final String EVIL = "<script>alert(\"x\")</script> & <img src=x onerror=alert(1)>";

    @Test
    void everyValueFromTheLakeIsEscapedInTablesAndCharts() throws Exception {
        List<LocalDate> days = D.minusDays(13).datesUntil(D.plusDays(1)).toList();
        List<Long> alerts = new ArrayList<>(java.util.Collections.nCopies(14, 0L));
        alerts.set(13, 7L);
        Report.AlertVolumes volumes = new Report.AlertVolumes(days.get(0), D, days, alerts,
                List.of(new Report.AlertSeries(EVIL, 0.5, "registry v1", alerts, alerts, 7)));
        Report.Decisions decisions = new Report.Decisions(1, 1, List.of(new Report.ActionCount("FREEZE", 1, 1)),
                List.of(new Report.StatusCount("NEW", 1)),
                List.of(new Report.PartnerAction(EVIL, "FREEZE", 1, 1, 1, 0, 0, 0)),
                List.of(new Report.Warning("w_1", EVIL, "ACCOUNT", EVIL, "MONEY_MULE", "FREEZE", "NEW", true, 0.9,
                        List.of(EVIL), List.of(EVIL))));
        Report.Histogram histogram = new Report.Histogram(EVIL, 0.5, 3, 1,
                List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L));
        Report report = new Report(D, 14, 30,
                Section.ok(new Report.WarmUp(true, 3, 8, false, D.plusDays(6), "warm-up: " + EVIL)),
                Section.failed("ops/deliveries: " + EVIL),
                Section.ok(new Report.Models(List.of(), List.of(EVIL))),
                Section.ok(volumes),
                Section.ok(new Report.ScoreDistributions(20, List.of(), List.of(histogram))),
                Section.ok(decisions), Section.notRunYet("published/victim_warnings"),
                Section.ok(new Report.Funnel(List.of(new Report.FunnelStep(EVIL, 5, 0, 2, 1, 1, 0)),
                        new Report.FunnelStep("ALL", 5, 0, 2, 1, 1, 0))),
                Section.ok(new Report.Leads(1, List.of(new Report.TypologyCount(EVIL, 1, new BigDecimal("1.00"))),
                        List.of(new Report.Lead(EVIL, EVIL, 2, new BigDecimal("1.00"), 1, 0.5)))),
                Section.ok(new Report.IncidentSeries(1, 1, List.of(new Report.Series(EVIL, EVIL, 2, List.of(EVIL),
                        List.of(EVIL), "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", true)))),
                Section.notRunYet("published/feedback_impact"),
                Section.ok(new Report.Precision(D.minusDays(29), D,
                        List.of(new Report.PrecisionDay(D, 1, 1, 0.5, 2)), 1, 1, 0.5, 2)),
                Section.ok(new Report.Outcomes(D.minusDays(29), D,
                        List.of(new Report.OutcomeDay(D, 2, 1, 0, 1.0, 1, 0, 0, null)),
                        new Report.OutcomeDay(null, 2, 1, 0, 1.0, 1, 0, 0, null))));

        String html = ReportHtml.render(report);

        Document page = ReportJobTest.parseXml(html);
        assertEquals(0, page.getElementsByTagName("script").getLength());
        assertEquals(0, page.getElementsByTagName("img").getLength());
        assertFalse(html.contains("<script") || html.contains("<img"), "no markup from values");
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img"));
        assertEquals(4, page.getElementsByTagName("svg").getLength(), "alerts, one model, one histogram, precision");
        assertTrue(html.contains("Could not be read: ops/deliveries"));
        assertTrue(html.contains("published/victim_warnings not run yet"));
        assertTrue(html.contains("<p class=\"warmup\" id=\"warm-up\">warm-up: &lt;script&gt;"),
                "the warm-up line heads the page, escaped");
        assertTrue(html.contains("From scores to warnings") && html.contains("Precision on the not-yet-named"));
        String json = ReportJson.render(report);
        assertTrue(json.startsWith("{\n  \"business_date\" : \"2026-03-14\""), json.substring(0, 60));
        assertFalse(json.contains("\r"), "same bytes on every platform");
    }

    @Test
    void linearAxesTopOutOnRoundNumbersInFourIntegerSteps() {
        assertEquals(4, Svg.niceTop(0));
        assertEquals(8, Svg.niceTop(5));
        assertEquals(20, Svg.niceTop(17));
        assertEquals(40, Svg.niceTop(37));
        assertEquals(100, Svg.niceTop(100));
        assertEquals(2_000, Svg.niceTop(1_234));
        assertEquals(1_000_000, Svg.niceTop(999_999));
    }
}

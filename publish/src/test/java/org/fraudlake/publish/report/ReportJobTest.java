package org.fraudlake.publish.report;

import static org.fraudlake.publish.report.ReportFixtures.D;
import static org.fraudlake.publish.report.ReportFixtures.SCRIPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The nightly report on small hand-built lakes: figures, page structure, escaping, missing tables. */
@ExtendWith(SparkTestExtension.class)
class ReportJobTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    /** Days of features the first training needs in these lakes. */
    private static final int FIRST_TRAIN_DAYS = 8;
    private final SparkSession spark;

    ReportJobTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void reportHoldsHandComputedFiguresForEverySection(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        new ReportFixtures(spark, lake).ingest().modelsAndScores().decisions().leadsAndSeries().feedback();
        List<String> progress = new ArrayList<>();

        ReportJob.Output out = new ReportJob(lake, FIRST_TRAIN_DAYS, progress::add).run(spark, D);

        Path folder = dir.resolve("reports").resolve(D.toString());
        assertEquals(folder.resolve("report.html").toString(), out.html());
        assertEquals(folder.resolve("report.json").toString(), out.json());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("report.html", "report.json"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary or checksum files are left beside the report");
        }
        JsonNode json = JSON.readTree(folder.resolve("report.json").toFile());
        assertEquals(D.toString(), json.get("business_date").asText());
        assertEquals(List.of("business_date", "window_days", "feedback_days", "warm_up", "inputs", "models", "alerts",
                "scores", "intercept_list", "victim_warnings", "funnel", "leads", "incident_series", "feedback",
                "precision", "outcomes"), keys(json), "stable key order");
        assertEquals("not run yet", json.at("/warm_up/status").asText(), "no features in this lake");
        for (String section : List.of("inputs", "models", "alerts", "scores", "intercept_list", "victim_warnings",
                "funnel", "leads", "incident_series", "feedback", "precision", "outcomes")) {
            assertEquals("ok", json.get(section).get("status").asText(), section + ": " + json.get(section));
        }

        JsonNode inputs = json.at("/inputs/data");
        assertFeed(inputs.get("feeds").get(0), "bank_transactions", 2, 2, 1, 147, 3);
        assertFeed(inputs.get("feeds").get(1), "call_records", 1, 1, 0, 210, 2);
        assertFeed(inputs.get("feeds").get(2), "incidents", 1, 0, 1, 0, 0);
        assertFeed(inputs.get("total"), "ALL", 4, 3, 2, 357, 5);
        JsonNode carrier = inputs.get("deliveries").get(2);
        assertEquals("CARRIER_X", carrier.get("source").asText());
        assertEquals(2, carrier.get("loaded_version").asInt(), "the restatement is what bronze holds");
        JsonNode police = inputs.get("deliveries").get(3);
        assertEquals("REJECTED", police.get("status").asText());
        assertTrue(police.get("loaded_version").isNull());
        assertEquals("ROW_COUNT_MISMATCH", police.get("reason_code").asText());
        assertEquals(List.of("bank_transactions/BAD_DATE/2", "bank_transactions/BAD_AMOUNT/1",
                "call_records/BAD_PHONE/2"), rows(inputs.get("quarantine_reasons"), "feed", "reason_code", "rows"));
        assertEquals(2, inputs.get("rejections").size());
        assertTrue(inputs.get("feeds_without").toString().contains("bank_accounts"));

        JsonNode champions = json.at("/models/data/champions");
        assertEquals(List.of("fraud_phone/1/0.8", "money_mule/1/0.5"), rows(champions, "model", "version", "threshold"));
        JsonNode mm = champions.get(1);
        assertEquals(0.15, mm.get("precision_at_k").asDouble());
        assertEquals(100, mm.get("k").asInt());
        assertEquals(0.02, mm.get("base_rate").asDouble());
        assertTrue(mm.get("auc_pr_unknown").isNull(), "NaN in the registry becomes null");
        assertEquals(1, mm.get("challengers").asInt());
        assertEquals(0, json.at("/models/data/without_champion").size());

        JsonNode alerts = json.at("/alerts/data");
        assertEquals(ReportJob.WINDOW_DAYS, alerts.get("days").size());
        assertEquals(D.minusDays(13).toString(), alerts.get("from").asText());
        JsonNode mmAlerts = alerts.get("models").get(1);
        assertEquals("money_mule", mmAlerts.get("model").asText());
        assertEquals("registry v1", mmAlerts.get("threshold_source").asText());
        assertEquals(longs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3), longList(mmAlerts.get("alerts")),
                "scores >= the registry threshold 0.5, not the stored 0.3; D-14 is outside the window");
        assertEquals(5, mmAlerts.get("total_alerts").asLong());
        assertEquals(longs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5), longList(mmAlerts.get("scored")));
        JsonNode fp = alerts.get("models").get(0);
        assertEquals(2, fp.get("alerts").get(13).asLong(), "0.85 and 1.0 at threshold 0.8");
        JsonNode orphan = alerts.get("models").get(2);
        assertEquals("scores", orphan.get("threshold_source").asText());
        assertEquals(1, orphan.get("alerts").get(13).asLong(), "no champion: the rows' own threshold 0.5");
        assertEquals(6, alerts.get("per_day").get(13).asLong());

        JsonNode hist = json.at("/scores/data");
        assertEquals(ReportJob.BINS + 1, hist.get("edges").size());
        JsonNode mmHist = hist.get("models").get(1);
        assertEquals(5, mmHist.get("scored").asLong());
        assertEquals(3, mmHist.get("alerts").asLong());
        long[] expected = new long[ReportJob.BINS];
        expected[2] = 1;
        expected[8] = 1;
        expected[10] = 1;
        expected[14] = 1;
        expected[19] = 1;
        assertEquals(longs(expected), longList(mmHist.get("counts")));
        assertEquals(1, json.at("/scores/data/models/0/counts/19").asLong(), "a score of 1.0 is in the last bin");

        JsonNode intercept = json.at("/intercept_list/data");
        assertEquals(7, intercept.get("warnings").asLong());
        assertEquals(5, intercept.get("sent").asLong());
        assertEquals(List.of("BLOCK/2/2", "FREEZE/4/3", "MONITOR/1/0"),
                rows(intercept.get("by_action"), "action", "warnings", "sent"));
        assertEquals(List.of("(none)/BLOCK/1/1/1/0/0/0", "BANK_A/FREEZE/3/2/2/0/0/1", "BANK_A/MONITOR/1/0/0/0/1/0",
                        "BANK_B/FREEZE/1/1/0/1/0/0", "CARRIER_X/BLOCK/1/1/1/0/0/0"),
                rows(intercept.get("by_partner_action"), "partner", "action", "warnings", "sent", "new_warnings",
                        "escalated", "active", "withdrawn"));
        assertEquals("w_1", intercept.at("/top/0/warning_id").asText(), "sent first, highest score first");
        assertEquals(SCRIPT, intercept.at("/top/0/reasons/0").asText());
        JsonNode victims = json.at("/victim_warnings/data");
        assertEquals(List.of("BANK_A/CONTACT_VICTIM/2/2"),
                rows(victims.get("by_partner_action"), "partner", "action", "warnings", "sent"));

        JsonNode funnel = json.at("/funnel/data");
        assertEquals(List.of("(none)/0/0/1/1/1/0", "BANK_A/10/0/4/4/4/0", "BANK_B/0/0/1/1/1/0",
                        "CARRIER_X/0/0/1/1/1/0"), rows(funnel.get("partners"), "partner", "scored", "at_risk", "fired",
                        "within_budget", "sent_detected", "sent_echo"),
                "both tables; no gold/entity_risk: none at risk; tables without known_by are detections");
        assertEquals("ALL/10/0/7/7/7/0", rows(List.of(funnel.get("total")), "partner", "scored", "at_risk", "fired",
                "within_budget", "sent_detected", "sent_echo").get(0));

        JsonNode leads = json.at("/leads/data");
        assertEquals(3, leads.get("total").asLong());
        assertEquals(List.of("round_tripping/2/120.25", "shell_company/1/50.50"),
                rows(leads.get("by_typology"), "typology", "leads", "total_amount"));
        assertEquals(List.of("ld_a/3", "ld_b/2", "ld_c/4"), rows(leads.get("top"), "lead_id", "members"));
        JsonNode series = json.at("/incident_series/data");
        assertEquals(2, series.get("total").asLong());
        assertEquals(1, series.get("open").asLong());
        assertEquals("is_1", series.at("/top/0/series_id").asText());

        JsonNode feedback = json.at("/feedback/data");
        assertEquals("12800.75", feedback.at("/total/amount_protected").decimalValue().toPlainString());
        assertEquals(4, feedback.at("/total/warnings_sent").asLong());
        assertEquals(List.of("BANK_A/12500.50", "BANK_B/300.25"), rows(feedback.get("by_bank"), "bank",
                "amount_protected"));
        assertEquals(List.of("money_mule/10300.25/3"), rows(feedback.get("by_model"), "model", "amount_protected",
                "warnings_sent"));

        JsonNode precision = json.at("/precision/data");
        assertEquals(List.of(D.minusDays(2) + "/1/1/0.5/1", D + "/1/1/0.5/3"),
                rows(precision.get("days"), "date", "confirmed", "cleared", "precision", "acted_on"),
                "FROZEN is acted on, not confirmed: w4 and w5 were only frozen");
        assertEquals(2, precision.get("confirmed").asLong());
        assertEquals(2, precision.get("cleared").asLong());
        assertEquals(4, precision.get("acted_on").asLong());
        JsonNode outcomes = json.at("/outcomes/data");
        assertEquals(List.of(D.minusDays(1) + "/2/2/0", D + "/7/7/0"),
                rows(outcomes.get("days"), "date", "sent", "sent_detected", "confirmed"),
                "the feedback fixture answers other warning ids");

        String html = Files.readString(folder.resolve("report.html"));
        Document page = parseXml(html);
        assertEquals("html", page.getDocumentElement().getTagName());
        NodeList svgs = page.getElementsByTagName("svg");
        assertEquals(1 + 3 + 3 + 1, svgs.getLength(), "alerts (all and per model), 3 histograms, precision");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            assertFalse(svg.getAttribute("viewBox").isEmpty());
            assertTrue(svg.getElementsByTagName("title").getLength() > 0, "every chart has a title");
        }
        assertEquals(0, page.getElementsByTagName("script").getLength(), "no script on the page");
        assertFalse(html.contains("<script"), "lake values are escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the reason shows, escaped");
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http") || html.contains("src=") || html.contains("<link")
                || html.contains("url("), "nothing is fetched: no link, source or URL");
        assertTrue(html.contains("12,800.75"), "amount protected on the page");
        assertEquals(13, progress.size(), "one line per section: " + progress);
        assertTrue(progress.stream().anyMatch(l -> l.matches("leads\\s+ok")), progress.toString());

        Path sample = Path.of("target", "report-sample");
        Files.createDirectories(sample);
        Files.writeString(sample.resolve("report.html"), html);
        Files.copy(folder.resolve("report.json"), sample.resolve("report.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void sameLakeGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        new ReportFixtures(spark, lake).ingest().modelsAndScores().decisions();
        Path folder = dir.resolve("reports").resolve(D.toString());
        new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D);
        byte[] json = Files.readAllBytes(folder.resolve("report.json"));
        byte[] html = Files.readAllBytes(folder.resolve("report.html"));
        new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D);
        assertEquals(new String(json, StandardCharsets.UTF_8),
                Files.readString(folder.resolve("report.json")), "report.json is replaced by identical bytes");
        assertEquals(new String(html, StandardCharsets.UTF_8), Files.readString(folder.resolve("report.html")));
    }

    @Test
    void lakeWithOnlyIngestTablesStillGivesAReport(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        new ReportFixtures(spark, lake).ingest();

        ReportJob.Output out = new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D);

        assertTrue(out.report().inputs().isOk());
        JsonNode json = JSON.readTree(dir.resolve("reports").resolve(D.toString()).resolve("report.json").toFile());
        assertEquals(357, json.at("/inputs/data/total/rows_loaded").asLong());
        for (String section : List.of("warm_up", "models", "alerts", "scores", "intercept_list", "victim_warnings",
                "funnel", "leads", "incident_series", "feedback", "precision", "outcomes")) {
            assertEquals("not run yet", json.get(section).get("status").asText(), section);
            assertTrue(json.get(section).get("data").isNull(), section);
        }
        assertEquals("published/intercept_list not run yet", json.at("/intercept_list/note").asText());
        String html = Files.readString(dir.resolve("reports").resolve(D.toString()).resolve("report.html"));
        Document page = parseXml(html);
        assertEquals(0, page.getElementsByTagName("svg").getLength());
        assertTrue(html.contains("gold/scores not run yet"));
        assertTrue(html.contains("published/feedback_impact not run yet"));
    }

    @Test
    void warmUpNightSaysSoAtTheTopOfThePage(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        new ReportFixtures(spark, lake).ingest();
        org.fraudlake.core.spark.DeltaIO.overwrite(spark.sql("SELECT explode(array(DATE'" + D.minusDays(2)
                        + "', DATE'" + D.minusDays(1) + "', DATE'" + D + "', DATE'" + D.plusDays(1)
                        + "')) AS business_date, 'acc_1' AS account_id"),
                lake.gold(org.fraudlake.schemas.tables.Gold.FEATURES_ACCOUNT_DAILY));

        Report report = new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D).report();

        Report.WarmUp w = report.warmUp().data();
        assertTrue(w.warmUp(), "no registry: no champion");
        assertEquals(3, w.historyDays(), "feature days up to D; D+1 is left out");
        assertEquals("warm-up: 3 days of history, models train from " + D.plusDays(6)
                + "; warnings from traced victim money only", w.line());
        String html = ReportHtml.render(report);
        assertTrue(html.indexOf("class=\"warmup\"") < html.indexOf("class=\"kpis\""), "the line comes first");
        assertTrue(html.contains(w.line()));
    }

    @Test
    void emptyLakeGivesAReportThatSaysNothingRanYet(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        Report report = new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D).report();
        assertEquals(Report.NOT_RUN_YET, report.inputs().status());
        assertNull(report.inputs().data());
        parseXml(ReportHtml.render(report));
    }

    @Test
    void aTableWithUnexpectedColumnsFailsItsSectionNotTheReport(@TempDir Path dir) throws Exception {
        Lake lake = new Lake(dir.toString());
        new ReportFixtures(spark, lake).ingest();
        org.fraudlake.core.spark.DeltaIO.overwrite(spark.sql("SELECT DATE'" + D + "' AS business_date, 1 AS x"),
                lake.published(org.fraudlake.schemas.tables.Published.LEADS));

        ReportJob.Output output = new ReportJob(lake, FIRST_TRAIN_DAYS, line -> { }).run(spark, D);
        Report report = output.report();

        assertEquals(List.of("section leads"), output.failures().stream()
                .map(org.fraudlake.core.failure.PartFailure::part).toList(), "the failed section is reported");
        assertEquals(Report.FAILED, report.leads().status());
        assertTrue(report.leads().note().startsWith("published/leads: "), report.leads().note());
        assertTrue(report.inputs().isOk());
        assertTrue(ReportHtml.render(report).contains("Could not be read: published/leads"));
    }

    static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertFeed(JsonNode feed, String name, long sources, long loaded, long rejected,
                                   long rowsLoaded, long rowsQuarantined) {
        assertEquals(name + "/" + sources + "/" + loaded + "/" + rejected + "/" + rowsLoaded + "/" + rowsQuarantined,
                String.join("/", feed.get("feed").asText(), feed.get("sources").asText(), feed.get("loaded").asText(),
                        feed.get("rejected").asText(), feed.get("rows_loaded").asText(),
                        feed.get("rows_quarantined").asText()));
    }

    private static List<String> rows(Iterable<JsonNode> array, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> values = new ArrayList<>();
            for (String f : fields) {
                values.add(n.get(f).isBigDecimal() ? n.get(f).decimalValue().toPlainString() : n.get(f).asText());
            }
            out.add(String.join("/", values));
        }
        return out;
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<Long> longs(long... values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static List<Long> longList(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }
}

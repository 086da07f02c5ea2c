package org.fraudlake.console.web;

import static org.fraudlake.console.web.Html.esc;
import static org.fraudlake.console.web.Html.url;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.fraudlake.console.data.FlowEdge;
import org.fraudlake.console.data.LakeReader;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.publish.report.ReportQueries;
import org.fraudlake.schemas.tables.Published.Evidence;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.schemas.tables.Silver.Incidents;

/** The bodies of the lead, incident-series and model pages; every value escaped, drawings as inline SVG. */
public final class AnalysisPages {
    private static final int HIST_BINS = 20;

    private AnalysisPages() {
    }

    private static void datePicker(StringBuilder b, String action, LocalDate date, List<LocalDate> dates) {
        b.append("<form class=\"filters\" method=\"get\" action=\"").append(action).append("\"><label>Date<select ")
                .append("name=\"date\">");
        for (LocalDate d : dates) {
            b.append("<option").append(d.equals(date) ? " selected" : "").append(">").append(d).append("</option>");
        }
        b.append("</select></label><button type=\"submit\">Show</button></form>");
    }

    /** The leads of a date. */
    public static String leads(LocalDate date, List<LocalDate> dates, List<Row> leads) {
        StringBuilder b = new StringBuilder();
        datePicker(b, "/leads", date, dates);
        b.append("<table id=\"leads\"><tr><th>Lead</th><th>Typology</th><th class=\"num\">Score</th>"
                + "<th class=\"num\">Members</th><th class=\"num\">Amount</th><th class=\"num\">Transactions</th>"
                + "<th>First</th><th>Last</th></tr>");
        for (Row r : leads) {
            String id = r.getAs(Leads.LEAD_ID);
            b.append("<tr><td><a href=\"/leads/").append(esc(url(id))).append("?date=").append(date).append("\">")
                    .append(esc(id)).append("</a></td><td>").append(esc(r.getAs(Leads.TYPOLOGY)))
                    .append("</td><td class=\"num\">").append(Html.decimal(dbl(r, Leads.SCORE)))
                    .append("</td><td class=\"num\">").append(r.getList(r.fieldIndex(Leads.MEMBERS)).size())
                    .append("</td><td class=\"num\">").append(Html.money(dbl(r, Leads.TOTAL_AMOUNT)))
                    .append("</td><td class=\"num\">").append(esc(r.getAs(Leads.TXN_COUNT))).append("</td><td>")
                    .append(esc(r.getAs(Leads.FIRST_TIME))).append("</td><td>").append(esc(r.getAs(Leads.LAST_TIME)))
                    .append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** One lead: members, amounts, timeline, the network drawn, the evidence rows. */
    public static String lead(LakeReader reader, LocalDate date, String leadId) {
        Optional<Row> found = reader.lead(date, leadId);
        if (found.isEmpty()) {
            return "<p class=\"error\">No lead " + esc(leadId) + " on " + date + ".</p>";
        }
        Row r = found.get();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"box\"><strong>").append(esc(r.getAs(Leads.TYPOLOGY))).append("</strong>, score ")
                .append(Html.decimal(dbl(r, Leads.SCORE))).append(", ").append(Html.money(dbl(r, Leads.TOTAL_AMOUNT)))
                .append(" in ").append(esc(r.getAs(Leads.TXN_COUNT))).append(" transactions, ")
                .append(esc(r.getAs(Leads.FIRST_TIME))).append(" to ").append(esc(r.getAs(Leads.LAST_TIME)))
                .append("</div>");
        List<Row> members = r.getList(r.fieldIndex(Leads.MEMBERS));
        List<Row> evidence = r.getList(r.fieldIndex(Leads.EVIDENCE));
        List<Svg.Node> nodes = new ArrayList<>();
        b.append("<h2>Members</h2><table id=\"members\"><tr><th>Entity</th><th>Kind</th><th>Role</th></tr>");
        for (Row m : members) {
            String id = m.getAs(Member.ID);
            String kind = m.getAs(Member.KIND);
            b.append("<tr><td>").append(Pages.entityLink(kind, id, date, "")).append("</td><td>").append(esc(kind))
                    .append("</td><td>").append(esc(m.getAs(Member.ROLE))).append("</td></tr>");
            nodes.add(new Svg.Node(id, Html.shortToken(id) + " " + m.getAs(Member.ROLE), "node-member",
                    Pages.entityHref(kind, id, date)));
        }
        b.append("</table>");
        List<String> txnKeys = new ArrayList<>();
        List<double[]> timeline = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        for (Row e : evidence) {
            if ("TRANSACTION".equals(e.getAs(Evidence.KIND))) {
                txnKeys.add(e.getAs(Evidence.REF));
            }
            Object t = e.getAs(Evidence.TIME);
            Double amount = dbl(e, Evidence.AMOUNT);
            if (t instanceof Timestamp ts && amount != null) {
                timeline.add(new double[]{ts.getTime() / 3_600_000.0, amount});
                tips.add(ts + ": " + Html.money(amount) + " (" + e.getAs(Evidence.REF) + ")");
            }
        }
        LocalDate from = localDate(r.getAs(Leads.FIRST_TIME), date.minusDays(30));
        LocalDate to = localDate(r.getAs(Leads.LAST_TIME), date);
        List<FlowEdge> edges = reader.leadTransfers(txnKeys, from, to);
        b.append("<h2>Network</h2>").append(Svg.ring("lead " + leadId, nodes, edges, "", 760, 520));
        if (!timeline.isEmpty()) {
            timeline.sort((x, y) -> Double.compare(x[0], y[0]));
            double t0 = timeline.get(0)[0];
            List<double[]> rel = timeline.stream().map(p -> new double[]{p[0] - t0, p[1]}).toList();
            b.append("<h2>Timeline</h2>").append(Svg.line("evidence amounts over time", rel, tips,
                    "hours since the first evidence", "amount", false, 760, 240));
        }
        b.append("<h2>Evidence</h2><table id=\"evidence\"><tr><th>Kind</th><th>Reference</th>"
                + "<th class=\"num\">Amount</th><th>Time</th></tr>");
        for (Row e : evidence) {
            Double amount = dbl(e, Evidence.AMOUNT);
            b.append("<tr><td>").append(esc(e.getAs(Evidence.KIND))).append("</td><td>").append(esc(e.getAs(Evidence.REF)))
                    .append("</td><td class=\"num\">").append(amount == null ? "" : Html.money(amount))
                    .append("</td><td>").append(esc(e.getAs(Evidence.TIME))).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** The incident series of a date. */
    public static String seriesList(LocalDate date, List<LocalDate> dates, List<Row> series) {
        StringBuilder b = new StringBuilder();
        datePicker(b, "/series", date, dates);
        b.append("<table id=\"series\"><tr><th>Series</th><th>Category</th><th>Modus operandi</th>"
                + "<th class=\"num\">Incidents</th><th>First</th><th>Last</th><th>Open</th></tr>");
        for (Row r : series) {
            String id = r.getAs(IncidentSeries.SERIES_ID);
            b.append("<tr><td><a href=\"/series/").append(esc(url(id))).append("?date=").append(date).append("\">")
                    .append(esc(id)).append("</a></td><td>").append(esc(r.getAs(IncidentSeries.CATEGORY)))
                    .append("</td><td>").append(esc(join(r, IncidentSeries.MODUS_OPERANDI))).append("</td><td class=\"num\">")
                    .append(esc(r.getAs(IncidentSeries.MEMBER_COUNT))).append("</td><td>")
                    .append(esc(r.getAs(IncidentSeries.FIRST_OCCURRED))).append("</td><td>")
                    .append(esc(r.getAs(IncidentSeries.LAST_OCCURRED))).append("</td><td>")
                    .append(esc(r.getAs(IncidentSeries.OPEN))).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** One series: its incidents, timeline, and the places drawn as a linked chain. */
    public static String series(LakeReader reader, LocalDate date, String seriesId) {
        Optional<Row> found = reader.seriesOne(date, seriesId);
        if (found.isEmpty()) {
            return "<p class=\"error\">No incident series " + esc(seriesId) + " on " + date + ".</p>";
        }
        Row s = found.get();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"box\"><strong>").append(esc(s.getAs(IncidentSeries.CATEGORY))).append("</strong>, ")
                .append(esc(s.getAs(IncidentSeries.MEMBER_COUNT))).append(" incidents, modus operandi ")
                .append(esc(join(s, IncidentSeries.MODUS_OPERANDI))).append("; linked by ")
                .append(esc(join(s, IncidentSeries.REASONS))).append("</div>");
        List<String> ids = s.getList(s.fieldIndex(IncidentSeries.MEMBERS));
        List<Row> incidents = reader.incidents(ids);
        List<Svg.Node> nodes = new ArrayList<>();
        List<FlowEdge> chain = new ArrayList<>();
        List<double[]> timeline = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        String prev = null;
        for (Row i : incidents) {
            String id = i.getAs(Incidents.INCIDENT_ID);
            nodes.add(new Svg.Node(id, Html.shortToken(id), "node-member", null));
            if (prev != null) {
                chain.add(new FlowEdge(prev, id, 1, 1, false));
            }
            prev = id;
            Timestamp t = i.getAs(Incidents.OCCURRED_AT);
            Double loss = dbl(i, Incidents.LOSS_AMOUNT);
            if (t != null) {
                timeline.add(new double[]{t.getTime() / 86_400_000.0, loss == null ? 0 : loss});
                tips.add(t + " " + id + ": loss " + (loss == null ? "\u2014" : Html.money(loss)));
            }
        }
        b.append("<h2>Network (incidents in the order they occurred)</h2>")
                .append(Svg.ring("series " + seriesId, nodes, chain, "-", 700, 460));
        if (!timeline.isEmpty()) {
            double t0 = timeline.get(0)[0];
            b.append("<h2>Timeline</h2>").append(Svg.line("losses over time",
                    timeline.stream().map(p -> new double[]{p[0] - t0, p[1]}).toList(), tips,
                    "days since the first incident", "loss", false, 760, 240));
        }
        b.append("<h2>Incidents</h2><table id=\"incidents\"><tr><th>Incident</th><th>Occurred</th><th>Category</th>"
                + "<th>Fraud type</th><th>District</th><th>Community</th><th class=\"num\">Lat</th>"
                + "<th class=\"num\">Lon</th><th class=\"num\">Loss</th></tr>");
        for (Row i : incidents) {
            b.append("<tr>");
            for (int c = 0; c < i.length(); c++) {
                b.append(c >= 6 ? "<td class=\"num\">" : "<td>").append(esc(i.get(c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    /** Every model's current version. */
    public static String models(Map<String, RegistryEntry> current, List<RegistryEntry> all, LocalDate date) {
        StringBuilder b = new StringBuilder("<table id=\"models\"><tr><th>Model</th><th>Entity</th><th>Status</th>"
                + "<th class=\"num\">Version</th><th class=\"num\">AUC-PR</th><th class=\"num\">Threshold</th>"
                + "<th>Trained</th><th class=\"num\">Versions</th></tr>");
        for (RegistryEntry e : current.values()) {
            long versions = all.stream().filter(x -> x.model().equals(e.model())).count();
            b.append("<tr><td><a href=\"/models/").append(esc(url(e.model()))).append("?date=").append(date)
                    .append("\">").append(esc(e.model())).append("</a></td><td>").append(esc(e.entity()))
                    .append("</td><td>").append(esc(e.status())).append("</td><td class=\"num\">").append(e.version())
                    .append("</td><td class=\"num\">").append(Html.decimal(e.aucPr())).append("</td><td class=\"num\">")
                    .append(Html.decimal(e.threshold())).append("</td><td>").append(esc(e.createdAt()))
                    .append("</td><td class=\"num\">").append(versions).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /**
     * The funnel of a date per partner ({@link LakeReader#funnel}): entities scored, at risk, warnings fired at an
     * operating point, within the partner's budget, and sent as detections or as echoes of what was known.
     */
    public static String funnel(LocalDate date, List<Row> rows) {
        StringBuilder b = new StringBuilder("<h2>From scores to warnings on ").append(date).append("</h2>");
        if (rows.isEmpty()) {
            return b.append("<p class=\"muted\">No decisions on this date.</p>").toString();
        }
        b.append("<table id=\"funnel\"><tr><th>Partner</th><th class=\"num\">Scored</th><th class=\"num\">At risk"
                + "</th><th class=\"num\">Fired</th><th class=\"num\">Within budget</th><th class=\"num\">Sent: "
                + "detected</th><th class=\"num\">Sent: echo</th></tr>");
        for (Row r : rows) {
            b.append("<tr><td>").append(esc(r.getAs(InterceptList.PARTNER))).append("</td>");
            for (String c : List.of(ReportQueries.SCORED, ReportQueries.AT_RISK, ReportQueries.CANDIDATES,
                    ReportQueries.WITHIN_BUDGET, ReportQueries.SENT_DETECTED, ReportQueries.SENT_ECHO)) {
                b.append("<td class=\"num\">").append(Html.count(r.<Long>getAs(c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table><p class=\"muted\">Fired: new, escalated or queued warnings; queued ones are over "
                + "the partner's budget and wait in the queue. Echoes repeat what a label, police report or trace "
                + "had named.</p>").toString();
    }

    /** One model: metrics over its versions, precision-recall, score distribution, alerts per day, input drift. */
    public static String model(LakeReader reader, String name, LocalDate date) {
        List<RegistryEntry> versions = reader.registry().stream().filter(e -> e.model().equals(name)).toList();
        if (versions.isEmpty()) {
            return "<p class=\"error\">No model " + esc(name) + " in the registry.</p>";
        }
        RegistryEntry current = reader.currentModels().get(name);
        StringBuilder b = new StringBuilder();
        b.append("<h2>Versions</h2><table id=\"versions\"><tr><th class=\"num\">Version</th><th>Status</th>"
                + "<th>Trained</th><th>Train window</th><th>Validation window</th><th class=\"num\">AUC-PR</th>"
                + "<th class=\"num\">Threshold</th><th class=\"num\">Rows</th><th class=\"num\">Positives</th>"
                + "<th>Note</th></tr>");
        List<double[]> auc = new ArrayList<>();
        List<String> aucTips = new ArrayList<>();
        for (RegistryEntry e : versions) {
            b.append("<tr><td class=\"num\">").append(e.version()).append("</td><td>").append(esc(e.status()))
                    .append("</td><td>").append(esc(e.createdAt())).append("</td><td>").append(esc(e.trainFrom()))
                    .append(" \u2013 ").append(esc(e.trainTo())).append("</td><td>").append(esc(e.validFrom()))
                    .append(" \u2013 ").append(esc(e.validTo())).append("</td><td class=\"num\">")
                    .append(Html.decimal(e.aucPr())).append("</td><td class=\"num\">").append(Html.decimal(e.threshold()))
                    .append("</td><td class=\"num\">").append(Html.count(e.trainRows())).append("</td><td class=\"num\">")
                    .append(Html.count(e.trainPositives())).append("</td><td>").append(esc(e.note())).append("</td></tr>");
            if (!Double.isNaN(e.aucPr())) {
                auc.add(new double[]{e.version(), e.aucPr()});
                aucTips.add("v" + e.version() + " (" + e.createdAt() + "): AUC-PR " + Html.decimal(e.aucPr()));
            }
        }
        b.append("</table><div class=\"grid2\"><div><h2>AUC-PR by version</h2>")
                .append(auc.isEmpty() ? "<p class=\"muted\">No version has an AUC-PR (no positives in its validation "
                        + "window).</p>" : Svg.line("AUC-PR by version", auc, aucTips, "version", "AUC-PR", false, 600, 240));
        List<double[]> pr = reader.precisionRecall(name, date, 40);
        List<double[]> prPoints = pr.stream().map(p -> new double[]{p[2], p[1]}).toList();
        List<String> prTips = pr.stream().map(p -> String.format(Locale.ROOT,
                "score \u2265 %.3f: precision %.3f, recall %.3f", p[0], p[1], p[2])).toList();
        b.append("</div><div><h2>Precision-recall (all scored days, labels known on ").append(date).append(")</h2>");
        b.append(prPoints.isEmpty() ? "<p class=\"muted\">No labels known yet for this model's typology.</p>"
                : Svg.line("precision-recall", prPoints, prTips, "recall", "precision", true, 600, 240));
        b.append("</div><div><h2>Score distribution on ").append(date).append("</h2>")
                .append(Svg.histogram("scores on " + date, reader.scoreHistogram(name, date, HIST_BINS),
                        current == null ? null : current.threshold(), 600, 240));
        List<Row> perDay = reader.alertsPerDay(name);
        b.append("</div><div><h2>Alerts per day</h2>").append(Svg.bars("alerts per day",
                perDay.stream().map(r -> r.get(0).toString().substring(5)).toList(),
                perDay.stream().map(r -> (double) r.getLong(2)).toList(), 600, 240));
        b.append("</div></div><h2>Input drift since training (v").append(current.version())
                .append(", training ").append(esc(current.trainFrom())).append(" \u2013 ")
                .append(esc(current.trainTo())).append(", recent: 7 days to ").append(date).append(")</h2>")
                .append("<table id=\"drift\"><tr><th>Feature</th><th class=\"num\">Training mean</th>"
                        + "<th class=\"num\">Training sd</th><th class=\"num\">Recent mean</th>"
                        + "<th class=\"num\">Shift (training sd)</th></tr>");
        for (Object[] d : reader.drift(current, date)) {
            Double shift = (Double) d[4];
            b.append("<tr><td>").append(esc(d[0])).append("</td><td class=\"num\">").append(Html.decimal((Double) d[1]))
                    .append("</td><td class=\"num\">").append(Html.decimal((Double) d[2])).append("</td><td class=\"num\">")
                    .append(Html.decimal((Double) d[3])).append("</td><td class=\"num\">")
                    .append(shift != null && Math.abs(shift) >= 0.5 ? "<strong>" + Html.decimal(shift) + "</strong>"
                            : Html.decimal(shift)).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static Double dbl(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? null : v instanceof Number n ? n.doubleValue() : Double.valueOf(v.toString());
    }

    private static String join(Row r, String field) {
        List<Object> l = r.isNullAt(r.fieldIndex(field)) ? List.of() : r.getList(r.fieldIndex(field));
        return String.join(", ", l.stream().map(String::valueOf).toList());
    }

    private static LocalDate localDate(Object t, LocalDate otherwise) {
        return t instanceof Timestamp ts ? org.fraudlake.core.time.AsOf.cityDate(ts.toInstant())
                : otherwise;
    }
}

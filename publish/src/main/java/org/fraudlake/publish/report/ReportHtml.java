package org.fraudlake.publish.report;

import static org.fraudlake.publish.report.Html.count;
import static org.fraudlake.publish.report.Html.decimal;
import static org.fraudlake.publish.report.Html.esc;
import static org.fraudlake.publish.report.Html.money;
import static org.fraudlake.publish.report.Html.percent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fraudlake.publish.report.Report.Section;

/**
 * {@code report.html}: the {@link Report} as one self-contained page that opens from disk in any browser: inline
 * CSS, charts as inline SVG ({@link Svg}), no script, no font or image fetched. Every value from the lake is
 * escaped. The markup is also well-formed XML (void elements closed, only XML entities), so tools can parse it.
 */
public final class ReportHtml {
    private static final String CSS = String.join("",
            ":root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--accent:#1d4ed8}",
            "*{box-sizing:border-box}",
            "body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;",
            "color:var(--ink);background:var(--bg)}",
            "header{background:#0f172a;color:#f8fafc;padding:20px 32px}",
            "header h1{margin:0;font-size:22px;font-weight:600}",
            "header p{margin:4px 0 0;color:#cbd5e1}",
            "nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:12px}",
            "nav a{color:#93c5fd;text-decoration:none}nav a:hover{text-decoration:underline}",
            "main{max-width:1180px;margin:0 auto;padding:8px 32px 32px}",
            "section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;",
            "margin:16px 0}",
            "h2{font-size:17px;margin:0 0 4px}",
            "h3{font-size:12px;margin:18px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}",
            "p.lead{margin:0 0 10px;color:var(--muted)}",
            ".kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:12px;background:none;",
            "border:0;padding:0}",
            ".kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}",
            ".kpi .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}",
            ".kpi .l{color:var(--muted);font-size:12px}",
            ".scroll{overflow-x:auto}",
            "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}",
            "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}",
            "th{background:#f1f5f9;font-weight:600}",
            "td.n,th.n{text-align:right}td.n{white-space:nowrap}",
            "tbody tr:nth-child(even){background:#fafbfc}",
            "tr.total td{font-weight:600;border-top:2px solid #cbd5e1}",
            "code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
            ".missing{color:var(--muted);font-style:italic;background:#f8fafc;border:1px dashed #cbd5e1;",
            "border-radius:6px;padding:10px 12px;margin:6px 0}",
            ".failed{color:#991b1b;background:#fef2f2;border:1px solid #fecaca;border-radius:6px;padding:10px 12px;",
            "margin:6px 0}",
            ".badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;background:#e2e8f0}",
            ".badge.LOADED{background:#dcfce7;color:#166534}.badge.REJECTED{background:#fee2e2;color:#991b1b}",
            ".muted{color:var(--muted)}.nw{white-space:nowrap}",
            ".chart{width:100%;height:auto;display:block}",
            ".chart .grid{stroke:#eceff3;stroke-width:1}.chart .axis{stroke:#9ca3af;stroke-width:1}",
            ".chart .tick{font-size:11px;fill:#6b7280}",
            ".chart .bar{fill:#3b82f6}.chart .bar-hot{fill:#ea580c}",
            ".alerts .chart .bar{fill:#ea580c}",
            ".chart rect:hover{opacity:.75}",
            ".chart .mark{stroke:#b91c1c;stroke-width:1.5;stroke-dasharray:4 3}",
            ".chart .line{fill:none;stroke:#15803d;stroke-width:2}.chart .dot{fill:#15803d}",
            ".multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}",
            ".multiple{border:1px solid var(--line);border-radius:6px;padding:8px 10px}",
            ".multiple .t{font-weight:600;font-size:13px}.multiple .s{color:var(--muted);font-size:12px}",
            "details summary{cursor:pointer;color:var(--accent);margin:10px 0 6px}",
            ".warmup{background:#fffbeb;border:1px solid #fde68a;color:#92400e;border-radius:6px;padding:10px 12px;",
            "margin:16px 0 0}",
            "footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 28px}");

    private static final String ALL = "ALL";

    private ReportHtml() {
    }

    /** Markup that is already safe, put into a table cell as is. */
    private record Raw(String html) {
    }

    public static String render(Report r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>fraudlake nightly report ").append(esc(r.businessDate())).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        header(b, r);
        b.append("<main>\n");
        warmUp(b, r.warmUp());
        kpis(b, r);
        inputs(b, r.inputs());
        models(b, r.models());
        alerts(b, r.alerts(), r.windowDays());
        scores(b, r.scores(), r.businessDate());
        decisions(b, r.interceptList(), r.victimWarnings());
        funnel(b, r.funnel());
        leads(b, r.leads(), r.incidentSeries());
        feedback(b, r.feedback());
        precision(b, r.precision());
        outcomes(b, r.outcomes());
        b.append("</main>\n<footer>fraudlake nightly report for business date ").append(esc(r.businessDate()))
                .append(". The same figures are in <code>report.json</code> next to this page.</footer>\n")
                .append("</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, Report r) {
        b.append("<header>\n<h1>Nightly report \u2014 ").append(esc(r.businessDate())).append("</h1>\n")
                .append("<p>Fraud early warning: what came in, what the models said, what was published and what it ")
                .append("achieved, for business date ").append(esc(r.businessDate())).append(".</p>\n<nav>");
        String[][] links = {{"inputs", "Inputs"}, {"models", "Models"}, {"alerts", "Alert volume"},
                {"scores", "Score distributions"}, {"decisions", "Decisions"}, {"funnel", "Funnel"},
                {"leads", "Leads and series"}, {"feedback", "Feedback"}, {"precision", "Precision"},
                {"outcomes", "Not-yet-named"}};
        for (String[] l : links) {
            b.append("<a href=\"#").append(l[0]).append("\">").append(esc(l[1])).append("</a>");
        }
        b.append("</nav>\n</header>\n");
    }

    private static void kpis(StringBuilder b, Report r) {
        b.append("<section class=\"kpis\" aria-label=\"key figures\">\n");
        Report.FeedTotals in = r.inputs().isOk() ? r.inputs().data().total() : null;
        kpi(b, "rows loaded", in == null ? null : count(in.rowsLoaded()));
        kpi(b, "rows quarantined", in == null ? null : count(in.rowsQuarantined()));
        kpi(b, "deliveries rejected", in == null ? null : count(in.rejected()));
        Report.AlertVolumes a = r.alerts().isOk() ? r.alerts().data() : null;
        kpi(b, "alerts on " + r.businessDate(), a == null ? null : count(a.perDay().get(a.perDay().size() - 1)));
        Long sent = null;
        if (r.interceptList().isOk() || r.victimWarnings().isOk()) {
            sent = (r.interceptList().isOk() ? r.interceptList().data().sent() : 0)
                    + (r.victimWarnings().isOk() ? r.victimWarnings().data().sent() : 0);
        }
        kpi(b, "warnings sent", sent == null ? null : count(sent));
        kpi(b, "leads", r.leads().isOk() ? count(r.leads().data().total()) : null);
        kpi(b, "amount protected", r.feedback().isOk() ? money(r.feedback().data().total().amountProtected()) : null);
        kpi(b, "feedback precision (" + r.feedbackDays() + " days)",
                r.precision().isOk() ? percent(r.precision().data().precision()) : null);
        b.append("</section>\n");
    }

    /** On a warm-up night, the line that says so, above everything else; nothing after warm-up. */
    private static void warmUp(StringBuilder b, Section<Report.WarmUp> s) {
        if (s.isOk() && s.data().warmUp()) {
            b.append("<p class=\"warmup\" id=\"warm-up\">").append(esc(s.data().line())).append(" (first training "
                    + "after ").append(s.data().firstTrainDays()).append(" days of features, train.first-after-days)"
                    + ".</p>\n");
        }
    }

    private static void kpi(StringBuilder b, String label, String value) {
        b.append("<div class=\"kpi\"><div class=\"v\">").append(value == null ? "\u2014" : esc(value))
                .append("</div><div class=\"l\">").append(esc(label)).append(value == null ? " (not run yet)" : "")
                .append("</div></div>\n");
    }

    private static void open(StringBuilder b, String id, String title, String lead) {
        b.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
        if (lead != null) {
            b.append("<p class=\"lead\">").append(esc(lead)).append("</p>\n");
        }
    }

    /** Writes the section's body when it is ok; else says why it is missing. Returns whether it was ok. */
    private static <T> boolean body(StringBuilder b, Section<T> s, java.util.function.BiConsumer<StringBuilder, T> ok) {
        if (s.isOk()) {
            ok.accept(b, s.data());
            return true;
        }
        String css = Report.FAILED.equals(s.status()) ? "failed" : "missing";
        String text = Report.FAILED.equals(s.status()) ? "Could not be read: " + s.note() : s.note();
        b.append("<p class=\"").append(css).append("\">").append(esc(text)).append("</p>\n");
        return false;
    }

    private static void inputs(StringBuilder b, Section<Report.Inputs> s) {
        open(b, "inputs", "Inputs", "Deliveries decided for the date (ops/deliveries), rows loaded into bronze and "
                + "quarantined, and rejected deliveries.");
        body(b, s, (out, in) -> {
            List<Object[]> rows = new ArrayList<>();
            for (Report.FeedTotals f : in.feeds()) {
                rows.add(new Object[]{f.feed(), count(f.sources()), count(f.loaded()), count(f.rejected()),
                        count(f.rowsLoaded()), count(f.rowsQuarantined())});
            }
            Report.FeedTotals t = in.total();
            table(out, new String[]{"feed", "#sources", "#loaded", "#rejected", "#rows loaded", "#rows quarantined"},
                    rows, new Object[]{"all feeds", count(t.sources()), count(t.loaded()), count(t.rejected()),
                            count(t.rowsLoaded()), count(t.rowsQuarantined())});
            if (!in.feedsWithout().isEmpty()) {
                out.append("<p class=\"muted\">No delivery decided for: ").append(esc(String.join(", ",
                        in.feedsWithout()))).append(".</p>\n");
            }
            out.append("<details><summary>Per feed and source (").append(in.deliveries().size())
                    .append(")</summary>\n");
            List<Object[]> ds = new ArrayList<>();
            for (Report.Delivery d : in.deliveries()) {
                ds.add(new Object[]{d.feed(), d.source(), new Raw("<span class=\"badge " + esc(d.status()) + "\">"
                        + esc(d.status()) + "</span>"), d.loadedVersion() == null ? "\u2014" : "v" + d.loadedVersion(),
                        count(d.files()), count(d.rowsInFiles()), count(d.rowsLoaded()), count(d.rowsQuarantined()),
                        count(d.rejected()), d.reasonCode() == null ? "" : d.reasonCode() + ": " + d.reason()});
            }
            table(out, new String[]{"feed", "source", "status", "loaded version", "#files", "#rows in files",
                    "#rows loaded", "#rows quarantined", "#rejected", "last rejection"}, ds, null);
            out.append("</details>\n");
            out.append("<h3>Quarantined rows by reason</h3>\n");
            if (in.quarantineReasons().isEmpty()) {
                out.append("<p class=\"muted\">No quarantined rows for the date.</p>\n");
            } else {
                table(out, new String[]{"feed", "reason", "#rows"}, in.quarantineReasons().stream()
                        .map(q -> new Object[]{q.feed(), q.reasonCode(), count(q.rows())}).toList(), null);
            }
            out.append("<h3>Rejected deliveries</h3>\n");
            if (in.rejections().isEmpty()) {
                out.append("<p class=\"muted\">No delivery rejected for the date.</p>\n");
            } else {
                table(out, new String[]{"feed", "source", "delivery", "reason code", "reason"}, in.rejections()
                        .stream().map(x -> new Object[]{x.feed(), x.source(), new Raw("<code>" + esc(x.deliveryId())
                                + "</code>"), x.reasonCode(), x.reason()}).toList(), null);
            }
        });
        b.append("</section>\n");
    }

    private static void models(StringBuilder b, Section<Report.Models> s) {
        open(b, "models", "Models", "Champions in the registry and their metrics on their own validation window. "
                + "\u201cUnknown\u201d counts only entities no label or police report had named when scored.");
        body(b, s, (out, m) -> {
            List<Object[]> rows = new ArrayList<>();
            for (Report.Champion c : m.champions()) {
                rows.add(new Object[]{new Raw(esc(c.model()) + " <span class=\"muted\">v" + c.version() + "</span>"),
                        new Raw(esc(c.entity()) + "<br/><span class=\"muted\">" + esc(c.algorithm()) + "</span>"),
                        new Raw("<span class=\"nw\">" + esc(c.validFrom()) + " \u2013</span><br/><span class=\"nw\">"
                                + esc(c.validTo()) + "</span>"), decimal(c.threshold()), decimal(c.aucPr()),
                        decimal(c.aucPrUnknown()), c.k() == null ? "\u2014" : count(c.k()), percent(c.precisionAtK()),
                        percent(c.precisionAtKUnknown()), percent(c.baseRate()),
                        c.positives() == null ? "\u2014" : count(c.positives()), count(c.challengers())});
            }
            table(out, new String[]{"model", "entity, algorithm", "validated on", "#threshold",
                    "#AUC-PR", "#AUC-PR unknown", "#k", "#precision@k", "#precision@k unknown", "#base rate",
                    "#positives", "#challengers"}, rows, null);
            if (!m.withoutChampion().isEmpty()) {
                out.append("<p class=\"muted\">Without a champion: ").append(esc(String.join(", ",
                        m.withoutChampion()))).append(".</p>\n");
            }
        });
        b.append("</section>\n");
    }

    private static void alerts(StringBuilder b, Section<Report.AlertVolumes> s, int days) {
        open(b, "alerts", "Alert volume", "Scores at or above each model's champion threshold from the registry, per "
                + "day over the " + days + " days ending on the business date.");
        body(b, s, (out, a) -> {
            List<String> labels = a.days().stream().map(ReportHtml::shortDate).toList();
            List<String> tips = new ArrayList<>();
            for (int i = 0; i < a.days().size(); i++) {
                tips.add(a.days().get(i) + ": " + count(a.perDay().get(i)) + " alerts");
            }
            out.append("<div class=\"alerts\">\n")
                    .append(Svg.bars("alerts per day, all models", labels, a.perDay(), tips, 1100, 230))
                    .append("\n<h3>Per model</h3>\n<div class=\"multiples\">\n");
            for (Report.AlertSeries m : a.models()) {
                List<String> t = new ArrayList<>();
                for (int i = 0; i < a.days().size(); i++) {
                    t.add(a.days().get(i) + ": " + count(m.alerts().get(i)) + " alerts of " + count(m.scored().get(i))
                            + " scored");
                }
                out.append("<div class=\"multiple\"><div class=\"t\">").append(esc(m.model()))
                        .append("</div><div class=\"s\">").append(count(m.totalAlerts())).append(" alerts, threshold ")
                        .append(esc(m.threshold() == null ? "per row" : decimal(m.threshold()))).append(" (")
                        .append(esc(m.thresholdSource())).append(")</div>")
                        .append(Svg.bars("alerts per day, " + m.model(), labels, m.alerts(), t, 300, 120))
                        .append("</div>\n");
            }
            out.append("</div>\n</div>\n<details><summary>Alert counts as a table</summary>\n");
            List<String> heads = new ArrayList<>(List.of("model"));
            labels.forEach(l -> heads.add("#" + l));
            heads.add("#total");
            List<Object[]> rows = new ArrayList<>();
            for (Report.AlertSeries m : a.models()) {
                List<Object> row = new ArrayList<>(List.of(m.model()));
                m.alerts().forEach(v -> row.add(count(v)));
                row.add(count(m.totalAlerts()));
                rows.add(row.toArray());
            }
            List<Object> total = new ArrayList<>(List.of("all models"));
            a.perDay().forEach(v -> total.add(count(v)));
            total.add(count(a.perDay().stream().mapToLong(Long::longValue).sum()));
            table(out, heads.toArray(String[]::new), rows, total.toArray());
            out.append("</details>\n");
        });
        b.append("</section>\n");
    }

    private static void scores(StringBuilder b, Section<Report.ScoreDistributions> s, LocalDate date) {
        open(b, "scores", "Score distributions", "Scores of " + date + " per model, in " + ReportJob.BINS + " equal bins over [0, "
                + "1]; counts on a log scale (hover a bar for its count). Bins at or above the threshold (dashed line) are orange.");
        body(b, s, (out, d) -> {
            out.append("<div class=\"multiples\">\n");
            for (Report.Histogram h : d.models()) {
                out.append("<div class=\"multiple\"><div class=\"t\">").append(esc(h.model()))
                        .append("</div><div class=\"s\">").append(count(h.scored())).append(" scored, ")
                        .append(count(h.alerts())).append(" alerts, threshold ").append(esc(decimal(h.threshold())))
                        .append("</div>").append(Svg.histogram("score histogram, " + h.model(), h.counts(),
                                h.threshold(), 300, 140)).append("</div>\n");
            }
            out.append("</div>\n");
            if (d.models().isEmpty()) {
                out.append("<p class=\"muted\">No scores for the date.</p>\n");
            }
        });
        b.append("</section>\n");
    }

    private static void decisions(StringBuilder b, Section<Report.Decisions> intercept,
                                  Section<Report.Decisions> victims) {
        open(b, "decisions", "Decisions", "Warnings valid on the date by action and partner; \u201csent\u201d are "
                + "those in the night's outbox (new and escalated).");
        b.append("<h3>Intercept list (accounts and numbers)</h3>\n");
        body(b, intercept, ReportHtml::decisionTables);
        b.append("<h3>Victim warnings</h3>\n");
        body(b, victims, ReportHtml::decisionTables);
        b.append("</section>\n");
    }

    private static void decisionTables(StringBuilder out, Report.Decisions d) {
        out.append("<p>").append(count(d.warnings())).append(" warnings, ").append(count(d.sent()))
                .append(" sent. By status: ");
        List<String> statuses = d.byStatus().stream().map(x -> x.status() + " " + count(x.warnings())).toList();
        out.append(esc(statuses.isEmpty() ? "none" : String.join(", ", statuses))).append(".</p>\n");
        if (d.byPartnerAction().isEmpty()) {
            return;
        }
        List<Object[]> rows = d.byPartnerAction().stream().map(p -> new Object[]{p.partner(), p.action(),
                count(p.warnings()), count(p.sent()), count(p.newWarnings()), count(p.escalated()), count(p.active()),
                count(p.withdrawn())}).toList();
        List<String> byAction = d.byAction().stream().map(x -> x.action() + " " + count(x.warnings())).toList();
        table(out, new String[]{"partner", "action", "#warnings", "#sent", "#new", "#escalated", "#active",
                "#withdrawn"}, rows, new Object[]{"all partners", String.join(", ", byAction), count(d.warnings()),
                count(d.sent()), "", "", "", ""});
        out.append("<details><summary>Top ").append(d.top().size()).append(" warnings by score</summary>\n");
        table(out, new String[]{"warning", "partner", "entity", "type", "action", "status", "#score", "models",
                "reasons"}, d.top().stream().map(w -> new Object[]{new Raw("<code>" + esc(w.warningId()) + "</code>"),
                        w.partner() == null ? ReportQueries.NO_PARTNER : w.partner(),
                        new Raw(esc(w.entityType()) + " <code>" + esc(w.entityId()) + "</code>"), w.warningType(),
                        w.action(), w.status() + (w.sent() ? ", sent" : ""), decimal(w.score()),
                        String.join(", ", w.models()), String.join("; ", w.reasons())}).toList(), null);
        out.append("</details>\n");
    }

    private static void funnel(StringBuilder b, Section<Report.Funnel> s) {
        open(b, "funnel", "From scores to warnings", "Per partner on the date: entities scored by any model "
                + "(gold/scores), at risk (gold/entity_risk fires), warnings fired at an operating point (new, "
                + "escalated or queued), within the partner's budget (new and escalated; queued ones wait in the "
                + "console) and sent, as detections (nothing had named the entity) or as echoes of what was known.");
        body(b, s, (out, f) -> {
            Function<Report.FunnelStep, Object[]> row = p -> new Object[]{ALL.equals(p.partner()) ? "all partners"
                    : p.partner(), count(p.scored()), count(p.atRisk()), count(p.fired()), count(p.withinBudget()),
                    count(p.sentDetected() + p.sentEcho()), count(p.sentDetected()), count(p.sentEcho())};
            table(out, new String[]{"partner", "#scored", "#at risk", "#fired", "#within budget", "#sent",
                    "#sent: detected", "#sent: echo"}, f.partners().stream().map(row).toList(),
                    f.partners().isEmpty() ? null : row.apply(f.total()));
        });
        b.append("</section>\n");
    }

    private static void leads(StringBuilder b, Section<Report.Leads> leads, Section<Report.IncidentSeries> series) {
        open(b, "leads", "Leads and incident series", "Economic-crime leads found over the window ending on the date, "
                + "and police incidents linked into series.");
        b.append("<h3>Leads by typology</h3>\n");
        body(b, leads, (out, l) -> {
            table(out, new String[]{"typology", "#leads", "#amount"}, l.byTypology().stream()
                    .map(t -> new Object[]{t.typology(), count(t.leads()), money(t.totalAmount())}).toList(),
                    new Object[]{"all", count(l.total()), money(l.byTypology().stream()
                            .map(Report.TypologyCount::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add))});
            out.append("<h3>Top leads</h3>\n");
            table(out, new String[]{"lead", "typology", "#members", "#amount", "#transactions", "#score"},
                    l.top().stream().map(x -> new Object[]{new Raw("<code>" + esc(x.leadId()) + "</code>"),
                            x.typology(), count(x.members()), money(x.totalAmount()), count(x.txnCount()),
                            decimal(x.score())}).toList(), null);
        });
        b.append("<h3>Incident series</h3>\n");
        body(b, series, (out, s) -> {
            out.append("<p>").append(count(s.total())).append(" series, ").append(count(s.open()))
                    .append(" still open.</p>\n");
            table(out, new String[]{"series", "category", "#incidents", "communities", "modus operandi",
                    "first", "last", "open"}, s.top().stream().map(x -> new Object[]{
                            new Raw("<code>" + esc(x.seriesId()) + "</code>"), x.category(), count(x.memberCount()),
                            String.join(", ", x.communities()), String.join(", ", x.modusOperandi()),
                            x.firstOccurred(), x.lastOccurred(), x.open() ? "yes" : "no"}).toList(), null);
        });
        b.append("</section>\n");
    }

    private static void feedback(StringBuilder b, Section<Report.Feedback> s) {
        open(b, "feedback", "Feedback and amount protected", "What the banks report they did with the warnings "
                + "(published/feedback_impact for the date).");
        body(b, s, (out, f) -> {
            Function<Report.Impact, Object[]> row = i -> new Object[]{label(i),
                    count(i.warningsSent()), count(i.actedOn()), count(i.frozen()), count(i.victimsContacted()),
                    count(i.victimsInTime()), count(i.cleared()), money(i.amountProtected())};
            String[] tail = {"#warnings sent", "#acted on", "#frozen", "#victims contacted", "#in time", "#cleared",
                    "#amount protected"};
            table(out, concat("bank", tail), f.byBank().stream().map(row).toList(), row.apply(f.total()));
            if (!f.byModel().isEmpty()) {
                out.append("<h3>By model (summed over banks; a warning several models fired counts for each)</h3>\n");
                table(out, concat("model", tail), f.byModel().stream().map(row).toList(), null);
            }
        });
        b.append("</section>\n");
    }

    private static void precision(StringBuilder b, Section<Report.Precision> s) {
        open(b, "precision", "Precision over days", "Share of warnings the banks confirmed (LOSS_PREVENTED) among "
                + "those confirmed or cleared, by the day the feedback arrived (silver/bank_feedback). FROZEN is the "
                + "action the warning asked for, not a verdict: it is shown apart as \u201cacted on\u201d.");
        body(b, s, (out, p) -> {
            if (p.days().isEmpty()) {
                out.append("<p class=\"muted\">No confirming or clearing feedback from ").append(esc(p.from()))
                        .append(" to ").append(esc(p.to())).append(".</p>\n");
                return;
            }
            List<LocalDate> window = p.from().datesUntil(p.to().plusDays(1)).toList();
            List<Double> values = new ArrayList<>();
            List<String> tips = new ArrayList<>();
            for (LocalDate d : window) {
                Report.PrecisionDay day = p.days().stream().filter(x -> x.date().equals(d)).findFirst().orElse(null);
                values.add(day == null ? null : day.precision());
                tips.add(day == null ? d + ": no feedback" : d + ": " + percent(day.precision()) + " ("
                        + count(day.confirmed()) + " confirmed, " + count(day.cleared()) + " cleared, "
                        + count(day.actedOn()) + " acted on)");
            }
            out.append(Svg.shareLine("feedback precision per day", window.stream().map(ReportHtml::shortDate).toList(),
                    values, tips, 1100, 220));
            table(out, new String[]{"day", "#confirmed", "#cleared", "#precision", "#acted on (FROZEN)"},
                    p.days().stream().map(d -> new Object[]{d.date(), count(d.confirmed()), count(d.cleared()),
                            percent(d.precision()), count(d.actedOn())}).toList(),
                    new Object[]{"all days", count(p.confirmed()), count(p.cleared()), percent(p.precision()),
                            count(p.actedOn())});
        });
        b.append("</section>\n");
    }

    private static void outcomes(StringBuilder b, Section<Report.Outcomes> s) {
        open(b, "outcomes", "Precision on the not-yet-named", "Warnings sent each day and what became of them by "
                + "the date: confirmed (LOSS_PREVENTED from the partner, or a later positive case label or analyst "
                + "confirmation on the entity) or cleared. Detections are the warnings sent on entities no label, "
                + "police report or trace had named: what the models add; all warnings include the echoes.");
        body(b, s, (out, o) -> {
            if (o.days().isEmpty()) {
                out.append("<p class=\"muted\">No warning sent from ").append(esc(o.from())).append(" to ")
                        .append(esc(o.to())).append(".</p>\n");
                return;
            }
            Function<Report.OutcomeDay, Object[]> row = d -> new Object[]{d.date() == null ? "all days" : d.date(),
                    count(d.sentDetected()), count(d.confirmedDetected()), count(d.clearedDetected()),
                    percent(d.precisionDetected()), count(d.sent()), count(d.confirmed()), count(d.cleared()),
                    percent(d.precision())};
            table(out, new String[]{"sent on", "#detections sent", "#confirmed", "#cleared", "#precision",
                    "#all sent", "#confirmed", "#cleared", "#precision"}, o.days().stream().map(row).toList(),
                    row.apply(o.total()));
        });
        b.append("</section>\n");
    }

    /** The bank, or the model for a per-model sum, or "all banks" for the total. */
    private static String label(Report.Impact i) {
        if (!ALL.equals(i.bank())) {
            return i.bank();
        }
        return ALL.equals(i.model()) ? "all banks" : i.model();
    }

    private static String[] concat(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String shortDate(LocalDate d) {
        return d.toString().substring(5);
    }

    /**
     * A table; a heading starting with {@code #} is a numeric column (right-aligned, the {@code #} not shown).
     * Cells are escaped unless {@link Raw}; {@code total} (may be null) is a bold last row.
     */
    private static void table(StringBuilder b, String[] heads, List<Object[]> rows, Object[] total) {
        boolean[] numeric = new boolean[heads.length];
        b.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (int i = 0; i < heads.length; i++) {
            numeric[i] = heads[i].startsWith("#");
            b.append(numeric[i] ? "<th class=\"n\">" : "<th>").append(esc(numeric[i] ? heads[i].substring(1)
                    : heads[i])).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Object[] row : rows) {
            b.append("<tr>");
            cells(b, row, numeric);
            b.append("</tr>\n");
        }
        if (total != null) {
            b.append("<tr class=\"total\">");
            cells(b, total, numeric);
            b.append("</tr>\n");
        }
        if (rows.isEmpty() && total == null) {
            b.append("<tr><td class=\"muted\" colspan=\"").append(heads.length).append("\">none</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    private static void cells(StringBuilder b, Object[] row, boolean[] numeric) {
        for (int i = 0; i < row.length; i++) {
            b.append(numeric[i] ? "<td class=\"n\">" : "<td>")
                    .append(row[i] instanceof Raw raw ? raw.html() : esc(row[i])).append("</td>");
        }
    }
}

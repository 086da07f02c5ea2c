package org.fraudlake.console.web;

import static org.fraudlake.console.web.Html.esc;
import static org.fraudlake.console.web.Html.url;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.fraudlake.console.auth.LoginSessions.Session;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.data.Disposition;
import org.fraudlake.console.data.Grid;
import org.fraudlake.console.data.LakeReader.EntityView;
import org.fraudlake.console.data.LakeReader.FeatureValue;
import org.fraudlake.console.data.LakeReader.ScoreRow;
import org.fraudlake.console.data.OutboxFolder;
import org.fraudlake.console.data.QueueFilter;
import org.fraudlake.console.data.QueueRow;
import org.fraudlake.schemas.tables.Ops.Verdict;

/** The bodies of the console's review pages, rendered from what {@code data} read; every value escaped. */
public final class Pages {
    /** Rows per queue page. */
    public static final int PAGE_SIZE = 50;
    /** The labels a confirmation may give (the case-label vocabulary the models train on). */
    public static final List<String> LABELS = List.of("FRAUD_ACCOUNT", "MONEY_MULE", "LAUNDERING", "FRAUD_PHONE",
            "ECONOMIC_CRIME", "VICTIM");

    private Pages() {
    }

    /** The login form, carrying the pre-session CSRF token (also set in the login cookie). */
    public static String login(String error, String csrf) {
        return (error == null ? "" : "<p class=\"error\" id=\"login-error\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\" class=\"box\" style=\"max-width:320px\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(csrf) + "\">"
                + "<p><label>User<br><input name=\"user\" id=\"user\" autocomplete=\"username\" required></label></p>"
                + "<p><label>Password<br><input type=\"password\" name=\"password\" id=\"password\" "
                + "autocomplete=\"current-password\" required></label></p>"
                + "<p><button type=\"submit\" id=\"login\">Log in</button></p></form>";
    }

    /** The day's queue: filters, one page of rows, pager. */
    public static String queue(LocalDate date, List<LocalDate> dates, List<QueueRow> all, QueueFilter f,
                               Map<String, Disposition> decided, int page) {
        List<QueueRow> rows = all.stream().filter(r -> f.test(r, decided.get(r.warningId()))).toList();
        int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.max(1, Math.min(page, pages));
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<form class=\"filters\" method=\"get\" action=\"/queue\">");
        select(b, "date", "Date", dates.stream().map(LocalDate::toString).toList(), date.toString(), false);
        select(b, "action", "Action", distinct(all, QueueRow::action), f.action(), true);
        TreeSet<String> models = new TreeSet<>();
        all.forEach(r -> models.addAll(r.models()));
        select(b, "model", "Model", new ArrayList<>(models), f.model(), true);
        select(b, "typology", "Typology", distinct(all, QueueRow::warningType), f.typology(), true);
        select(b, "partner", "Bank / carrier", distinct(all, QueueRow::partner), f.partner(), true);
        List<String> statuses = new ArrayList<>(distinct(all, QueueRow::status));
        statuses.add(QueueFilter.UNDECIDED);
        for (Verdict v : Verdict.values()) {
            statuses.add(v.name());
        }
        select(b, "status", "Status", statuses, f.status(), true);
        b.append("<button type=\"submit\" id=\"apply\">Apply</button></form>");
        b.append("<p class=\"muted\" id=\"queue-count\">").append(Html.count(rows.size())).append(" of ")
                .append(Html.count(all.size())).append(" decisions on ").append(date).append(", page ").append(p)
                .append(" of ").append(pages).append("</p>");
        b.append("<table id=\"queue\"><tr><th class=\"num\">#</th><th class=\"num\">Score</th><th>Typology</th>"
                + "<th>Action</th><th>Bank / carrier</th><th>Entity</th><th>Models</th><th>Strongest reason</th>"
                + "<th>Status</th><th>Decided</th></tr>");
        int from = (p - 1) * PAGE_SIZE;
        for (int i = from; i < Math.min(rows.size(), from + PAGE_SIZE); i++) {
            QueueRow r = rows.get(i);
            Disposition d = decided.get(r.warningId());
            b.append("<tr><td class=\"num\">").append(i + 1).append("</td><td class=\"num\">")
                    .append(Html.decimal(r.score())).append("</td><td>").append(esc(r.warningType())).append("</td><td>")
                    .append(esc(r.action())).append("</td><td>").append(esc(r.partner())).append("</td><td>")
                    .append(entityLink(r.subjectType(), r.subjectId(), date, "entity-link")).append("</td><td>");
            for (String m : r.models()) {
                b.append("<span class=\"tag\">").append(esc(m)).append("</span>");
            }
            b.append("</td><td>").append(esc(r.reasons().isEmpty() ? "" : r.reasons().get(0))).append("</td><td>")
                    .append(esc(r.status())).append("</td><td>");
            if (d != null) {
                b.append("<span class=\"tag hot\">").append(esc(d.verdict().name())).append("</span> ")
                        .append(esc(d.decidedBy())).append("<br><span class=\"muted\">").append(esc(d.decidedAt()))
                        .append("</span>");
            }
            b.append("</td></tr>");
        }
        b.append("</table><p class=\"pager\">");
        String base = "/queue?date=" + date + "&action=" + url(f.action()) + "&model=" + url(f.model())
                + "&typology=" + url(f.typology()) + "&partner=" + url(f.partner()) + "&status=" + url(f.status());
        for (int i = 1; i <= pages; i++) {
            if (pages > 12 && i > 3 && i < pages - 2 && Math.abs(i - p) > 2) {
                if (i == 4 || i == pages - 3) {
                    b.append("<span>\u2026</span>");
                }
                continue;
            }
            if (i == p) {
                b.append("<span><strong>").append(i).append("</strong></span>");
            } else {
                b.append("<a href=\"").append(esc(base + "&page=" + i)).append("\">").append(i).append("</a>");
            }
        }
        return b.append("</p>").toString();
    }

    private static List<String> distinct(List<QueueRow> rows, Function<QueueRow, String> f) {
        TreeSet<String> s = new TreeSet<>();
        for (QueueRow r : rows) {
            if (f.apply(r) != null) {
                s.add(f.apply(r));
            }
        }
        return new ArrayList<>(s);
    }

    private static void select(StringBuilder b, String name, String label, List<String> values, String chosen,
                               boolean any) {
        b.append("<label>").append(esc(label)).append("<select name=\"").append(name).append("\" id=\"f-")
                .append(name).append("\">");
        if (any) {
            b.append("<option value=\"\">any</option>");
        }
        for (String v : values) {
            b.append("<option").append(v.equals(chosen) ? " selected" : "").append(">").append(esc(v))
                    .append("</option>");
        }
        b.append("</select></label>");
    }

    /** A link to an entity's page on a date. */
    public static String entityLink(String type, String id, LocalDate date, String cls) {
        return "<a class=\"" + cls + "\" href=\"" + esc(entityHref(type, id, date)) + "\">" + esc(id) + "</a>";
    }

    public static String entityHref(String type, String id, LocalDate date) {
        return "/entity/" + url(type) + "/" + url(id) + (date == null ? "" : "?date=" + date);
    }

    /** The entity page; warnings named as {@code refs} shows them to the session's user. */
    public static String entity(EntityView v, Session session, List<Disposition> history, String revealed,
                                WarningRefs refs) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<p class=\"muted\">").append(esc(v.type())).append(" on ").append(v.date())
                .append(v.accounts().size() > 1 || (v.accounts().size() == 1 && !v.accounts().get(0).equals(v.id()))
                        ? " \u00b7 accounts: " + esc(String.join(", ", v.accounts())) : "").append("</p>");
        b.append("<div class=\"box\" id=\"identity\">Pseudonymized identifier <code>").append(esc(v.id()))
                .append("</code>");
        if (revealed != null) {
            b.append(" \u00b7 raw identifier: <strong id=\"revealed\">").append(esc(revealed))
                    .append("</strong> <span class=\"muted\">(this reveal is audited)</span>");
        } else if (session.user().role().reveals()) {
            b.append("<form method=\"post\" action=\"").append(esc(entityHref(v.type(), v.id(), null)))
                    .append("/reveal?date=").append(v.date()).append("\" style=\"display:inline\"> ")
                    .append(Layout.csrf(session))
                    .append("<input name=\"reason\" id=\"reveal-reason\" placeholder=\"reason (case no.)\" required> ")
                    .append("<button type=\"submit\" id=\"reveal\">Reveal raw identifier</button></form>");
        } else {
            b.append(" <span class=\"muted\">(only supervisors may reveal raw identifiers)</span>");
        }
        b.append("</div>");
        b.append("<h2>Decisions</h2>");
        if (v.decisions().isEmpty()) {
            b.append("<p class=\"muted\">No published decision on this date.</p>");
        }
        for (QueueRow r : v.decisions()) {
            b.append("<div class=\"box decision\"><strong>").append(esc(r.warningType())).append("</strong> \u2192 ")
                    .append(esc(r.action())).append(" at ").append(esc(r.partner())).append(", score ")
                    .append(Html.decimal(r.score())).append(", ").append(esc(r.status()))
                    .append(" <span class=\"muted warning-ref\">").append(esc(refs.shown(r.warningId(), session)))
                    .append("</span><ul class=\"reasons\">");
            for (String reason : r.reasons()) {
                b.append("<li>").append(esc(reason)).append("</li>");
            }
            b.append("</ul>");
            dispositionForm(b, r, session, refs);
            b.append("</div>");
        }
        if (!history.isEmpty()) {
            b.append("<h2>Dispositions</h2><table id=\"history\"><tr><th>When</th><th>Who</th><th>Verdict</th>"
                    + "<th>Label</th><th>Note</th><th>Warning</th></tr>");
            for (Disposition d : history) {
                b.append("<tr><td>").append(esc(d.decidedAt())).append("</td><td>").append(esc(d.decidedBy()))
                        .append("</td><td>").append(esc(d.verdict())).append("</td><td>").append(esc(d.label()))
                        .append("</td><td>").append(esc(d.note())).append("</td><td>").append(esc(refs.shown(d.warningId(), session)))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<h2>Money flow</h2>");
        b.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#8fa3b8\"></i>")
                .append(v.type().equals("PHONE") ? "calls and SMS (count; width by seconds)" : "transfers, last 7 days")
                .append("</span><span><i class=\"sw\" style=\"background:#d62d20\"></i>traced victim money</span></p>");
        if (v.flows().isEmpty()) {
            b.append("<p class=\"muted\">No flows in the window.</p>");
        } else {
            String kind = v.type().equals("PHONE") ? "PHONE" : "ACCOUNT";
            b.append(Svg.flowAround("flow around " + v.id(), v.id(), v.flows(),
                    v.type().equals("PHONE") ? "s" : "", id -> id.startsWith("(") ? null
                            : entityHref(kind, id, v.date()), 900));
        }
        b.append("<h2>Model scores</h2><table id=\"scores\"><tr><th>Model</th><th class=\"num\">Score</th>"
                + "<th class=\"num\">Threshold</th><th>Alert</th><th>Reasons</th></tr>");
        for (ScoreRow s : v.scores()) {
            b.append("<tr><td><a href=\"/models/").append(esc(url(s.model()))).append("?date=").append(v.date())
                    .append("\">").append(esc(s.model())).append("</a> v").append(s.version())
                    .append("</td><td class=\"num\">").append(Html.decimal(s.score())).append("</td><td class=\"num\">")
                    .append(Html.decimal(s.threshold())).append("</td><td>").append(s.alert() ? "<strong>yes</strong>" : "")
                    .append("</td><td>").append(esc(String.join("; ", s.reasons()))).append("</td></tr>");
        }
        b.append("</table>");
        b.append("<h2>Feature values</h2><table id=\"features\"><tr><th>Feature</th><th class=\"num\">Value</th>"
                + "<th>Read by</th></tr>");
        for (FeatureValue fv : v.features()) {
            b.append("<tr><td>").append(esc(fv.name())).append("</td><td class=\"num\">").append(esc(fv.value()))
                    .append("</td><td>").append(esc(String.join(", ", fv.models()))).append("</td></tr>");
        }
        b.append("</table>");
        if (!v.transactions().rows().isEmpty()) {
            b.append("<h2>Recent transactions</h2>");
            grid(b, v.transactions(), "transactions");
        }
        if (!v.calls().rows().isEmpty()) {
            b.append("<h2>Recent calls</h2>");
            grid(b, v.calls(), "calls");
        }
        return b.toString();
    }

    private static void dispositionForm(StringBuilder b, QueueRow r, Session session, WarningRefs refs) {
        b.append("<form method=\"post\" action=\"/disposition\" class=\"disposition\">").append(Layout.csrf(session))
                .append("<input type=\"hidden\" name=\"warning\" value=\"").append(esc(refs.ref(r.warningId())))
                .append("\"><input type=\"hidden\" name=\"date\" value=\"").append(r.businessDate()).append("\">")
                .append("<select name=\"verdict\" class=\"verdict\">");
        for (Verdict v : Verdict.values()) {
            b.append("<option>").append(v.name()).append("</option>");
        }
        b.append("</select> label <select name=\"label\" class=\"label\"><option value=\"\">(from the typology)</option>");
        for (String l : LABELS) {
            b.append("<option>").append(l).append("</option>");
        }
        b.append("</select> <input name=\"note\" class=\"note\" placeholder=\"note\" size=\"40\"> ")
                .append("<button type=\"submit\" class=\"decide\">Record</button></form>");
    }

    /** A grid as a table. */
    public static void grid(StringBuilder b, Grid g, String id) {
        b.append("<table id=\"").append(esc(id)).append("\"><tr>");
        for (String c : g.columns()) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr>");
        for (List<String> row : g.rows()) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(esc(cell)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>");
    }

    /** The latest dispositions. */
    public static String dispositions(List<Disposition> latest) {
        StringBuilder b = new StringBuilder("<p class=\"muted\">Stored in the Delta table ops/dispositions; the next "
                + "training reads CONFIRMED as a positive label and FALSE_POSITIVE as a cleared one.</p>");
        b.append("<table id=\"dispositions\"><tr><th>When</th><th>Who</th><th>Verdict</th><th>Label</th>"
                + "<th>Entity</th><th>Model</th><th>Typology</th><th>Note</th></tr>");
        for (Disposition d : latest) {
            b.append("<tr><td>").append(esc(d.decidedAt())).append("</td><td>").append(esc(d.decidedBy()))
                    .append("</td><td>").append(esc(d.verdict())).append("</td><td>").append(esc(d.label()))
                    .append("</td><td>").append(entityLink(d.entityType(), d.entityId(), d.businessDate(), ""))
                    .append("</td><td>").append(esc(d.model())).append("</td><td>").append(esc(d.warningType()))
                    .append("</td><td>").append(esc(d.note())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /**
     * A partner's outbox: its dates, or one date's files. The partner's own user downloads with a link; a supervisor
     * through a form that asks for a reason (the download is audited like a reveal); an analyst sees the names only,
     * since the files hold the partner's raw identifiers.
     */
    public static String outbox(String partner, String date, List<String> dates, List<OutboxFolder.Entry> files,
                                Session session) {
        StringBuilder b = new StringBuilder();
        if (date == null) {
            b.append("<ul id=\"outbox-dates\">");
            for (String d : dates) {
                b.append("<li><a href=\"/outbox/").append(esc(url(partner))).append('/').append(esc(d)).append("/\">")
                        .append(esc(d)).append("</a></li>");
            }
            return b.append("</ul>").toString();
        }
        Role role = session.user().role();
        if (role == Role.ANALYST) {
            b.append("<p class=\"muted\" id=\"outbox-raw\">These files hold the partner's raw identifiers: only the "
                    + "partner and, audited, a supervisor download them.</p>");
        } else if (role.reveals()) {
            b.append("<p class=\"muted\">Each download is audited in ops/reveals with the reason you give.</p>");
        }
        b.append("<table id=\"outbox-files\"><tr><th>File</th><th class=\"num\">Bytes</th></tr>");
        for (OutboxFolder.Entry e : files) {
            String href = "/outbox/" + url(partner) + "/" + date + "/" + url(e.name());
            b.append("<tr><td>");
            if (role == Role.PARTNER) {
                b.append("<a href=\"").append(esc(href)).append("\">").append(esc(e.name())).append("</a>");
            } else if (role.reveals()) {
                b.append("<form method=\"post\" action=\"").append(esc(href)).append("\" class=\"download\">")
                        .append(Layout.csrf(session)).append(esc(e.name()))
                        .append(" <input name=\"reason\" placeholder=\"reason (case no.)\" required> ")
                        .append("<button type=\"submit\">Download (audited)</button></form>");
            } else {
                b.append(esc(e.name()));
            }
            b.append("</td><td class=\"num\">").append(Html.count(e.bytes())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }
}

package org.fraudlake.console.web;

import static org.fraudlake.console.web.Html.esc;

import org.fraudlake.console.auth.LoginSessions.Session;

/**
 * The frame of every console page: head, style, navigation for the user's role, and the logout form (which, like
 * every form that changes something, carries the session's CSRF token). No script anywhere.
 */
public final class Layout {
    static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
            header{background:#1f3349;color:#fff;padding:8px 18px;display:flex;gap:18px;align-items:center}
            header a{color:#dfe9f5;text-decoration:none}header a:hover{text-decoration:underline}
            header .who{margin-left:auto;font-size:13px}header form{display:inline}
            header button{background:none;border:1px solid #9fb4cc;color:#fff;border-radius:3px;cursor:pointer}
            main{padding:14px 20px;max-width:1320px}
            h1{font-size:20px;margin:6px 0 12px}h2{font-size:16px;margin:20px 0 8px}
            table{border-collapse:collapse;background:#fff;font-size:13px;width:100%}
            th,td{border-bottom:1px solid #e1e5ea;padding:4px 7px;text-align:left;vertical-align:top}
            th{background:#eef1f5;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            .box{background:#fff;border:1px solid #dde2e8;border-radius:4px;padding:10px 12px;margin:8px 0}
            .flash{background:#e7f6ea;border:1px solid #9fd3aa;padding:6px 10px;border-radius:3px}
            .error{background:#fdecea;border:1px solid #f0a8a0;padding:6px 10px;border-radius:3px}
            .muted{color:#68737f;font-size:12px}.tag{display:inline-block;background:#e6ecf3;border-radius:3px;
            padding:0 5px;margin:1px;font-size:12px}.tag.hot{background:#fbe3e0}
            form.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin-bottom:10px}
            form.filters label{font-size:12px;display:flex;flex-direction:column}
            .pager a,.pager span{margin-right:6px}.grid2{display:grid;grid-template-columns:1fr 1fr;gap:14px}
            svg .grid{stroke:#e3e7ec}svg .axis{stroke:#8a96a3}svg .tick{font-size:10px;fill:#5b6672}
            svg .bar{fill:#5b8fc7}svg .bar-hot{fill:#d9534f}svg .mark{stroke:#d9534f;stroke-dasharray:4 3}
            svg .line{fill:none;stroke:#2f6db3;stroke-width:2}svg .dot{fill:#2f6db3}
            svg .edge{stroke:#8fa3b8}svg .edge-traced{stroke:#d62d20}svg .arrowhead{fill:#6d8197}
            svg .node circle{fill:#dce8f5;stroke:#4b77a8}svg .node-center circle{fill:#ffd9a8;stroke:#c77700}
            svg .node-member circle{fill:#e8dcf5;stroke:#7a4ba8}svg text{font-size:10px;fill:#33404d}svg .edge-label{font-size:9px;fill:#6d1a12}
            svg.network,svg.chart{background:#fff;border:1px solid #dde2e8;border-radius:4px;max-width:100%;height:auto}
            .legend span{margin-right:12px;font-size:12px}.sw{display:inline-block;width:18px;height:3px;
            vertical-align:middle;margin-right:4px}
            """;

    private Layout() {
    }

    /**
     * A whole page: title, navigation for the session's user (none when logged out), the flash message of a fixed
     * code (none when null), body.
     */
    public static String page(String title, Session session, Flash flash, String body) {
        StringBuilder b = new StringBuilder(body.length() + 4096);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append(" \u2014 fraudlake console</title><style>").append(CSS).append("</style></head><body><header>")
                .append("<strong>fraudlake</strong>");
        if (session != null) {
            if (session.user().role().reviews()) {
                b.append("<a href=\"/queue\">Queue</a><a href=\"/leads\">Leads</a><a href=\"/series\">Incident series</a>"
                        + "<a href=\"/models\">Models</a><a href=\"/dispositions\">Dispositions</a>"
                        + "<a href=\"/outbox/\">Outbox</a>");
            } else {
                b.append("<a href=\"/outbox/").append(esc(session.user().partner())).append("/\">Outbox of ")
                        .append(esc(session.user().partner())).append("</a>");
            }
            b.append("<span class=\"who\">").append(esc(session.user().name())).append(" (")
                    .append(esc(session.user().role().code())).append(") ")
                    .append("<form method=\"post\" action=\"/logout\">").append(csrf(session))
                    .append("<button type=\"submit\" id=\"logout\">Log out</button></form></span>");
        }
        b.append("</header><main><h1>").append(esc(title)).append("</h1>");
        if (flash != null) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash.message())).append("</p>");
        }
        return b.append(body).append("</main></body></html>").toString();
    }

    /** The hidden CSRF field every changing form carries. */
    public static String csrf(Session session) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(session.csrf()) + "\">";
    }
}

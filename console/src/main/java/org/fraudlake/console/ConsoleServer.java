package org.fraudlake.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.console.auth.ConsoleUser;
import org.fraudlake.console.auth.LoginSessions;
import org.fraudlake.console.auth.LoginSessions.Session;
import org.fraudlake.console.auth.LoginThrottle;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.console.data.Disposition;
import org.fraudlake.console.data.DispositionStore;
import org.fraudlake.console.data.LakeReader;
import org.fraudlake.console.data.OutboxFolder;
import org.fraudlake.console.data.QueueFilter;
import org.fraudlake.console.data.QueueRow;
import org.fraudlake.console.data.RevealAudit;
import org.fraudlake.console.web.AnalysisPages;
import org.fraudlake.console.web.Html;
import org.fraudlake.console.web.Layout;
import org.fraudlake.console.web.Pages;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Ops.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console: a Javalin server on one lake. Every request but the login page needs a live session (an
 * HttpOnly, SameSite=Strict cookie with idle and absolute expiry); every POST must carry the session's CSRF token;
 * partner users reach only their own {@code /outbox/<partner>/} and get 403 anywhere else. Pages are rendered on
 * the server with every value escaped and no script, under a Content-Security-Policy that allows none.
 *
 * <p>Cost: the first request for a date collects that day's queue (a few thousand rows); entity, lead, series and
 * model pages each run a handful of partition- and key-filtered Spark queries on the shared session.
 */
public final class ConsoleServer implements AutoCloseable {
    /** The session cookie's name. */
    public static final String COOKIE = "fraudlake_session";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String SESSION = "session";
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Settings settings;
    private final UserStore users;
    private final LakeReader reader;
    private final DispositionStore dispositions;
    private final RevealAudit reveals;
    private final OutboxFolder outbox;
    private final LoginSessions sessions;
    private final LoginThrottle throttle;
    private Javalin app;

    /**
     * Where and how the console listens.
     *
     * @param host           address to bind (127.0.0.1 keeps it on this machine)
     * @param port           port, 0 for any free one
     * @param idle           a session ends after this long without a request
     * @param absolute       and after this long in any case
     * @param loginFailures  failed logins allowed per user name and per address within 15 minutes
     */
    public record Settings(String host, int port, Duration idle, Duration absolute, int loginFailures) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("console port " + port + " out of range; use 0..65535");
            }
        }

        /** 127.0.0.1, the given port, 30 minutes idle, 12 hours absolute, 5 failed logins. */
        public static Settings local(int port) {
            return new Settings("127.0.0.1", port, Duration.ofMinutes(30), Duration.ofHours(12), 5);
        }
    }

    public ConsoleServer(SparkSession spark, Lake lake, UserStore users, Settings settings, Clock clock) {
        this.settings = settings;
        this.users = users;
        this.reader = new LakeReader(spark, lake);
        this.dispositions = new DispositionStore(spark, lake, clock);
        this.reveals = new RevealAudit(spark, lake, clock);
        this.outbox = new OutboxFolder(lake);
        this.sessions = new LoginSessions(settings.idle(), settings.absolute(), clock);
        this.throttle = new LoginThrottle(settings.loginFailures(), Duration.ofMinutes(15), clock);
    }

    /** Starts listening; returns this. */
    public ConsoleServer start() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.requestLogger.http((ctx, ms) -> LOG.info("{} {} {} {} ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", ms)));
        });
        app.before(this::guard);
        app.get("/login", ctx -> ctx.html(Layout.page("Log in", null, null, Pages.login(null))));
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/", this::home);
        app.get("/queue", this::queue);
        app.get("/entity/{type}/{id}", this::entity);
        app.post("/entity/{type}/{id}/reveal", this::reveal);
        app.post("/disposition", this::disposition);
        app.get("/dispositions", ctx -> ctx.html(page(ctx, "Dispositions",
                Pages.dispositions(dispositions.latest(500)))));
        app.get("/leads", ctx -> ctx.html(page(ctx, "Leads " + date(ctx),
                AnalysisPages.leads(date(ctx), reader.dates(), reader.leads(date(ctx), 500)))));
        app.get("/leads/{id}", ctx -> ctx.html(page(ctx, "Lead " + ctx.pathParam("id"),
                AnalysisPages.lead(reader, date(ctx), ctx.pathParam("id")))));
        app.get("/series", ctx -> ctx.html(page(ctx, "Incident series " + date(ctx),
                AnalysisPages.seriesList(date(ctx), reader.dates(), reader.series(date(ctx), 500)))));
        app.get("/series/{id}", ctx -> ctx.html(page(ctx, "Incident series " + ctx.pathParam("id"),
                AnalysisPages.series(reader, date(ctx), ctx.pathParam("id")))));
        app.get("/models", ctx -> ctx.html(page(ctx, "Models", AnalysisPages.models(reader.currentModels(),
                reader.registry(), date(ctx)))));
        app.get("/models/{name}", ctx -> ctx.html(page(ctx, "Model " + ctx.pathParam("name"),
                AnalysisPages.model(reader, ctx.pathParam("name"), date(ctx)))));
        app.get("/outbox/", this::outboxIndex);
        app.get("/outbox/{partner}/", this::outboxDates);
        app.get("/outbox/{partner}/{date}/", this::outboxFiles);
        app.get("/outbox/{partner}/{date}/{file}", this::outboxFile);
        app.error(403, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.html(Layout.page("Forbidden", null, null, "<p id=\"forbidden\">403: not for this user.</p>"));
            }
        });
        app.error(404, ctx -> ctx.html(Layout.page("Not found", null, null,
                "<p id=\"not-found\">404: nothing here.</p>")));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                .html(Layout.page("Bad request", ctx.attribute(SESSION), null,
                        "<p class=\"error\">" + Html.esc(e.getMessage()) + "</p>")));
        app.start(settings.host(), settings.port());
        LOG.info("console listening on {}", url());
        return this;
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port/}. */
    public String url() {
        return "http://" + settings.host() + ":" + port() + "/";
    }

    /** The lake queries, for callers that want to warm the cache. */
    public LakeReader reader() {
        return reader;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }

    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        if (path.equals("/login")) {
            return;
        }
        Optional<Session> s = sessions.find(ctx.cookie(COOKIE));
        if (s.isEmpty()) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/login");
            } else {
                ctx.status(HttpStatus.FORBIDDEN).html(Layout.page("Forbidden", null, null,
                        "<p id=\"forbidden\">403: log in first.</p>"));
            }
            ctx.skipRemainingHandlers();
            return;
        }
        Session session = s.get();
        ctx.attribute(SESSION, session);
        if (!ctx.method().name().equals("GET") && !LoginSessions.csrfMatches(session, csrfOf(ctx))) {
            LOG.warn("CSRF token missing or wrong: {} {} by {}", ctx.method(), path, session.user().name());
            deny(ctx, "403: the form's security token is missing or stale; reload the page and try again.");
            return;
        }
        if (!session.user().role().reviews() && !partnerMayOpen(session.user(), path)) {
            LOG.warn("partner {} of {} denied {}", session.user().name(), session.user().partner(), path);
            deny(ctx, "403: not for this user.");
        }
    }

    private static String csrfOf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        return header != null ? header : ctx.formParam("_csrf");
    }

    /** A partner may open its own outbox folder (no dot segments, no encoded slashes), home and logout. */
    static boolean partnerMayOpen(ConsoleUser user, String path) {
        if (path.equals("/") || path.equals("/logout")) {
            return true;
        }
        String own = "/outbox/" + user.partner() + "/";
        if (!path.startsWith(own)) {
            return false;
        }
        String rest = path.substring(own.length());
        return !rest.contains("..") && !rest.contains("%") && !rest.contains("\\") && !rest.contains("//");
    }

    private static void deny(Context ctx, String message) {
        ctx.status(HttpStatus.FORBIDDEN).html(Layout.page("Forbidden", ctx.attribute(SESSION), null,
                "<p id=\"forbidden\">" + Html.esc(message) + "</p>"));
        ctx.skipRemainingHandlers();
    }

    private static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private static String page(Context ctx, String title, String body) {
        return Layout.page(title, session(ctx), ctx.queryParam("flash"), body);
    }

    private void login(Context ctx) throws IOException {
        String name = ctx.formParam("user");
        String password = ctx.formParam("password");
        String who = "user:" + name;
        String from = "ip:" + ctx.ip();
        if (!throttle.allowed(who) || !throttle.allowed(from)) {
            LOG.warn("login throttled for {} from {}", name, ctx.ip());
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(Layout.page("Log in", null, null,
                    Pages.login("Too many failed logins; wait 15 minutes.")));
            return;
        }
        Optional<ConsoleUser> user = users.authenticate(name, password == null ? new char[0] : password.toCharArray());
        if (user.isEmpty()) {
            throttle.failed(who);
            throttle.failed(from);
            LOG.warn("failed login for {} from {}", name, ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED).html(Layout.page("Log in", null, null,
                    Pages.login("Wrong user name or password.")));
            return;
        }
        throttle.succeeded(who);
        Session s = sessions.start(user.get());
        ctx.header("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + sessions.idle().toSeconds());
        LOG.info("login {} ({})", user.get().name(), user.get().role().code());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(session(ctx).id());
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void home(Context ctx) {
        ConsoleUser u = session(ctx).user();
        ctx.redirect(u.role() == Role.PARTNER ? "/outbox/" + u.partner() + "/" : "/queue");
    }

    private LocalDate date(Context ctx) {
        String d = ctx.queryParam("date");
        if (d == null || d.isBlank()) {
            return reader.latestDate().orElseThrow(() -> new IllegalArgumentException(
                    "the lake " + reader.lake() + " has no published decisions yet; run `fraudlake publish` "
                            + "(or `fraudlake demo`) first"));
        }
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + d + "' is not YYYY-MM-DD", e);
        }
    }

    private void queue(Context ctx) {
        LocalDate date = date(ctx);
        QueueFilter f = new QueueFilter(ctx.queryParam("action"), ctx.queryParam("model"),
                ctx.queryParam("typology"), ctx.queryParam("partner"), ctx.queryParam("status"));
        int page = parsePage(ctx.queryParam("page"));
        ctx.html(page(ctx, "Queue " + date, Pages.queue(date, reader.dates(), reader.queue(date), f,
                dispositions.latestByWarning(), page)));
    }

    private static int parsePage(String p) {
        try {
            return p == null ? 1 : Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page '" + p + "' is not a number", e);
        }
    }

    private void entity(Context ctx) {
        renderEntity(ctx, null);
    }

    private void renderEntity(Context ctx, String revealed) {
        LocalDate date = date(ctx);
        String type = ctx.pathParam("type");
        String id = ctx.pathParam("id");
        LakeReader.EntityView view = reader.entity(type, id, date);
        ctx.html(page(ctx, "Entity " + id, Pages.entity(view, session(ctx), dispositions.ofEntity(id), revealed)));
    }

    private void reveal(Context ctx) {
        ConsoleUser user = session(ctx).user();
        if (!user.role().reveals()) {
            deny(ctx, "403: only supervisors may reveal raw identifiers.");
            return;
        }
        String id = ctx.pathParam("id");
        Optional<RevealAudit.Revealed> r = reveals.reveal(user, id, ctx.formParam("reason"));
        renderEntity(ctx, r.map(v -> v.value() + " (" + v.kind() + ")").orElse("not in the vault"));
    }

    private void disposition(Context ctx) {
        String warningId = ctx.formParam("warning_id");
        LocalDate date = date(ctx);
        QueueRow w = reader.queue(date).stream().filter(r -> r.warningId().equals(warningId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("warning '" + warningId + "' is not in the queue of "
                        + date + "; open it from the queue"));
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(String.valueOf(ctx.formParam("verdict")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verdict '" + ctx.formParam("verdict") + "' unknown; use "
                    + List.of(Verdict.values()), e);
        }
        String label = ctx.formParam("label");
        if (label != null && !label.isBlank() && !Pages.LABELS.contains(label)) {
            throw new IllegalArgumentException("label '" + label + "' unknown; use one of " + Pages.LABELS);
        }
        Disposition d = dispositions.record(w, verdict, label, ctx.formParam("note"), session(ctx).user().name());
        ctx.redirect(Pages.entityHref(w.subjectType(), w.subjectId(), date) + "&flash="
                + Html.url("Recorded " + d.verdict() + " (" + d.dispositionId() + ")"), HttpStatus.SEE_OTHER);
    }

    private void outboxIndex(Context ctx) throws IOException {
        ConsoleUser u = session(ctx).user();
        if (u.role() == Role.PARTNER) {
            deny(ctx, "403: not for this user.");
            return;
        }
        StringBuilder b = new StringBuilder("<ul id=\"partners\">");
        for (String p : outbox.partners()) {
            b.append("<li><a href=\"/outbox/").append(p).append("/\">").append(p).append("</a></li>");
        }
        ctx.html(page(ctx, "Outbox", b.append("</ul>").toString()));
    }

    private boolean mayOpenPartner(Context ctx, String partner) {
        ConsoleUser u = session(ctx).user();
        if (!OutboxFolder.validPartner(partner) || (u.role() == Role.PARTNER && !partner.equals(u.partner()))) {
            deny(ctx, "403: not for this user.");
            return false;
        }
        return true;
    }

    private void outboxDates(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        if (mayOpenPartner(ctx, partner)) {
            ctx.html(page(ctx, "Outbox of " + partner, Pages.outbox(partner, null, outbox.dates(partner), List.of())));
        }
    }

    private void outboxFiles(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        String date = ctx.pathParam("date");
        if (mayOpenPartner(ctx, partner)) {
            ctx.html(page(ctx, "Outbox of " + partner + ", " + date,
                    Pages.outbox(partner, date, List.of(), outbox.files(partner, date))));
        }
    }

    private void outboxFile(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        if (!mayOpenPartner(ctx, partner)) {
            return;
        }
        Optional<InputStream> in = outbox.open(partner, ctx.pathParam("date"), ctx.pathParam("file"));
        if (in.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        String file = ctx.pathParam("file");
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType(file.endsWith(".json") ? "application/json" : file.endsWith(".csv") ? "text/csv"
                : "application/octet-stream");
        ctx.result(in.get());
        LOG.info("outbox download {}/{}/{} by {}", partner, ctx.pathParam("date"), file, session(ctx).user().name());
    }
}

package org.fraudlake.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.fraudlake.console.auth.ConsoleUser;
import org.fraudlake.console.auth.LoginCsrf;
import org.fraudlake.console.auth.LoginSessions;
import org.fraudlake.console.auth.LoginSessions.Session;
import org.fraudlake.console.auth.LoginThrottle;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.ServerSecret;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.console.data.Disposition;
import org.fraudlake.console.data.DispositionStore;
import org.fraudlake.console.data.LakeReader;
import org.fraudlake.console.data.OutboxFolder;
import org.fraudlake.console.data.QueueFilter;
import org.fraudlake.console.data.QueueRow;
import org.fraudlake.console.data.RevealAudit;
import org.fraudlake.console.web.AnalysisPages;
import org.fraudlake.console.web.Flash;
import org.fraudlake.console.web.Html;
import org.fraudlake.console.web.Layout;
import org.fraudlake.console.web.Pages;
import org.fraudlake.console.web.WarningRefs;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.schemas.tables.Ops.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console: a Javalin server on one lake, over HTTPS when a keystore is configured. Every request but the
 * login page needs a live session (an HttpOnly, SameSite=Strict cookie, Secure over HTTPS, refreshed on every
 * request so the idle expiry slides, with an absolute limit); every POST must carry the session's CSRF token, and
 * the login form a signed pre-session one; login attempts reserve their place in a per-user and a per-address budget
 * before the password is checked. Partner users reach only their own {@code /outbox/<partner>/} and get 403
 * anywhere else; analysts never download a partner file (they hold raw identifiers) nor see a published
 * {@code warning_id}; a supervisor's download is audited in {@code ops/reveals} before the first byte. Pages are
 * rendered on the server with every value escaped and no script, under a Content-Security-Policy that allows none;
 * a page shows only fixed {@link Flash} messages.
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
    private final LoginCsrf loginCsrf;
    private final WarningRefs refs;
    private Javalin app;

    /**
     * Where and how the console listens.
     *
     * @param host                    address to bind (127.0.0.1 keeps it on this machine)
     * @param port                    port, 0 for any free one
     * @param idle                    a session ends after this long without a request
     * @param absolute                and after this long in any case
     * @param loginFailuresPerUser    failed logins allowed per user name within {@code loginWindow}
     * @param loginFailuresPerAddress failed logins allowed per client address within {@code loginWindow}
     * @param loginWindow             how long a failed login counts
     * @param tls                     the keystore to serve HTTPS with; null serves plain HTTP (behind a TLS proxy,
     *                                or on loopback)
     * @param trustedProxies          addresses of reverse proxies whose {@code X-Forwarded-Proto} and
     *                                {@code X-Forwarded-For} are believed; from any other address they are ignored
     */
    public record Settings(String host, int port, Duration idle, Duration absolute, int loginFailuresPerUser,
                           int loginFailuresPerAddress, Duration loginWindow, Tls tls, Set<String> trustedProxies) {
        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("console port " + port + " out of range; use 0..65535");
            }
            trustedProxies = Set.copyOf(trustedProxies);
        }

        /**
         * 127.0.0.1, the given port, plain HTTP, no trusted proxy, 30 minutes idle, 12 hours absolute, 5 failed
         * logins per user and 30 per address within 15 minutes (the documented defaults of {@code fraudlake serve}).
         */
        public static Settings local(int port) {
            return new Settings("127.0.0.1", port, Duration.ofMinutes(30), Duration.ofHours(12), 5, 30,
                    Duration.ofMinutes(15), null, Set.of());
        }

        /** These settings, serving HTTPS with a keystore. */
        public Settings withTls(Tls keystore) {
            return new Settings(host, port, idle, absolute, loginFailuresPerUser, loginFailuresPerAddress,
                    loginWindow, keystore, trustedProxies);
        }

        /** These settings, believing forwarded headers from these proxy addresses. */
        public Settings withTrustedProxies(Set<String> proxies) {
            return new Settings(host, port, idle, absolute, loginFailuresPerUser, loginFailuresPerAddress,
                    loginWindow, tls, proxies);
        }
    }

    /**
     * A keystore (PKCS#12 or JKS, by its content) holding the console's certificate chain and private key.
     *
     * @param path     the keystore file
     * @param password its password (also the key's)
     */
    public record Tls(String path, String password) {
        public Tls {
            if (path == null || path.isBlank() || !Files.isReadable(Path.of(path))) {
                throw new IllegalArgumentException("console TLS keystore '" + path + "' is not a readable file; set "
                        + "console.tls.keystore to a PKCS#12 keystore (e.g. made with `keytool -genkeypair "
                        + "-storetype PKCS12`) or leave it empty to serve plain HTTP");
            }
        }

        @Override
        public String toString() {
            return "Tls[" + path + "]";
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
        this.throttle = new LoginThrottle(settings.loginFailuresPerUser(), settings.loginFailuresPerAddress(),
                settings.loginWindow(), clock);
        ServerSecret secret = new ServerSecret();
        this.loginCsrf = new LoginCsrf(secret, settings.idle(), clock);
        this.refs = new WarningRefs(secret);
    }

    /** Starts listening; returns this. */
    public ConsoleServer start() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.requestLogger.http((ctx, ms) -> LOG.info("{} {} {} {} ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", ms)));
            cfg.jetty.defaultHost = settings.host();
            cfg.jetty.defaultPort = settings.port();
            if (settings.tls() != null) {
                cfg.jetty.addConnector((server, http) -> httpsConnector(server, http, settings));
            }
        });
        app.before(this::guard);
        app.get("/login", ctx -> loginPage(ctx, HttpStatus.OK, null));
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
                reader.registry(), date(ctx)) + AnalysisPages.funnel(date(ctx), reader.funnel(date(ctx))))));
        app.get("/models/{name}", ctx -> ctx.html(page(ctx, "Model " + ctx.pathParam("name"),
                AnalysisPages.model(reader, ctx.pathParam("name"), date(ctx)))));
        app.get("/outbox/", this::outboxIndex);
        app.get("/outbox/{partner}/", this::outboxDates);
        app.get("/outbox/{partner}/{date}/", this::outboxFiles);
        app.get("/outbox/{partner}/{date}/{file}", this::outboxFile);
        app.post("/outbox/{partner}/{date}/{file}", this::outboxFileAudited);
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
        app.start();
        LOG.info("console listening on {}", url());
        return this;
    }

    /** An HTTPS connector on the settings' host and port, with the keystore's certificate. */
    private static Connector httpsConnector(Server server, HttpConfiguration http, Settings settings) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(settings.tls().path());
        ssl.setKeyStorePassword(settings.tls().password());
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        return connector;
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port/}, or {@code https://} when serving TLS. */
    public String url() {
        return (settings.tls() != null ? "https" : "http") + "://" + settings.host() + ":" + port() + "/";
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
        if (secure(ctx)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
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
        if (!path.equals("/logout")) {
            sessionCookie(ctx, session.id(), sessions.cookieLifetime(session));
        }
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
        return Layout.page(title, session(ctx), Flash.of(ctx.queryParam("flash")).orElse(null), body);
    }

    /** Whether the browser reached the console over TLS: directly, or through a trusted proxy that says so. */
    private boolean secure(Context ctx) {
        return ctx.req().isSecure() || (fromTrustedProxy(ctx)
                && "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).trim()));
    }

    private boolean fromTrustedProxy(Context ctx) {
        return settings.trustedProxies().contains(ctx.req().getRemoteAddr());
    }

    /** The client's address: the peer's, or the one a trusted proxy appended last to X-Forwarded-For. */
    private String clientAddress(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !fromTrustedProxy(ctx)) {
            return ctx.req().getRemoteAddr();
        }
        return forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
    }

    private void sessionCookie(Context ctx, String value, Duration maxAge) {
        cookie(ctx, COOKIE, value, "/", maxAge);
    }

    /** Adds a Set-Cookie: HttpOnly, SameSite=Strict, and Secure whenever the request came over TLS. */
    private void cookie(Context ctx, String name, String value, String path, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict; "
                + "Max-Age=" + maxAge.toSeconds() + (secure(ctx) ? "; Secure" : ""));
    }

    /**
     * The login page with the pre-session CSRF token in its form and in the login cookie: the browser's token when
     * it still holds a valid one (a second load, such as the browser's favicon request redirected here, must not
     * replace the token of a form already shown), else a fresh one.
     */
    private void loginPage(Context ctx, HttpStatus status, String error) {
        String held = ctx.cookie(LoginCsrf.COOKIE);
        String token = loginCsrf.valid(held, held) ? held : loginCsrf.issue();
        cookie(ctx, LoginCsrf.COOKIE, token, "/login", settings.idle());
        ctx.status(status).html(Layout.page("Log in", null, null, Pages.login(error, token)));
    }

    private void login(Context ctx) throws IOException {
        if (!loginCsrf.valid(ctx.cookie(LoginCsrf.COOKIE), ctx.formParam("_csrf"))) {
            LOG.warn("login without a valid login form token from {}", clientAddress(ctx));
            loginPage(ctx, HttpStatus.FORBIDDEN, "403: this login form is stale or did not come from this console; "
                    + "log in again with this one.");
            return;
        }
        String name = ctx.formParam("user");
        String password = ctx.formParam("password");
        String from = clientAddress(ctx);
        Optional<LoginThrottle.Attempt> attempt = throttle.reserve(name, from);
        if (attempt.isEmpty()) {
            LOG.warn("login throttled for {} from {}", name, from);
            loginPage(ctx, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins for this user or from this "
                    + "address; wait " + settings.loginWindow().toMinutes() + " minutes.");
            return;
        }
        Optional<ConsoleUser> user = users.authenticate(name, password == null ? new char[0] : password.toCharArray());
        if (user.isEmpty()) {
            LOG.warn("failed login for {} from {}", name, from);
            loginPage(ctx, HttpStatus.UNAUTHORIZED, "Wrong user name or password.");
            return;
        }
        attempt.get().succeeded();
        Session s = sessions.start(user.get());
        sessionCookie(ctx, s.id(), sessions.cookieLifetime(s));
        cookie(ctx, LoginCsrf.COOKIE, "", "/login", Duration.ZERO);
        LOG.info("login {} ({}) from {}", user.get().name(), user.get().role().code(), from);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(session(ctx).id());
        sessionCookie(ctx, "", Duration.ZERO);
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
        ctx.html(page(ctx, "Entity " + id, Pages.entity(view, session(ctx), dispositions.ofEntity(id), revealed,
                refs)));
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
        String ref = ctx.formParam("warning");
        LocalDate date = date(ctx);
        QueueRow w = refs.resolve(reader.queue(date), ref)
                .orElseThrow(() -> new IllegalArgumentException("warning '" + ref + "' is not in the queue of "
                        + date + " (or the console restarted since the page was opened); open it from the queue"));
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
        LOG.info("disposition {} {} of {} by {}", d.dispositionId(), d.verdict(), w.warningId(), d.decidedBy());
        ctx.redirect(Pages.entityHref(w.subjectType(), w.subjectId(), date) + "&flash="
                + Flash.recorded(d.verdict()).code(), HttpStatus.SEE_OTHER);
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
            ctx.html(page(ctx, "Outbox of " + partner, Pages.outbox(partner, null, outbox.dates(partner), List.of(),
                    session(ctx))));
        }
    }

    private void outboxFiles(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        String date = ctx.pathParam("date");
        if (mayOpenPartner(ctx, partner)) {
            ctx.html(page(ctx, "Outbox of " + partner + ", " + date,
                    Pages.outbox(partner, date, List.of(), outbox.files(partner, date), session(ctx))));
        }
    }

    /**
     * GET of a partner file: the partner's own user downloads it. Nobody else does with a GET: an analyst never
     * (403), a supervisor through the audited POST of the folder page's form.
     */
    private void outboxFile(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        if (!mayOpenPartner(ctx, partner)) {
            return;
        }
        ConsoleUser u = session(ctx).user();
        if (u.role() != Role.PARTNER) {
            LOG.warn("{} ({}) denied GET of partner file {}", u.name(), u.role().code(), ctx.path());
            deny(ctx, u.role().reveals()
                    ? "403: a partner file holds raw identifiers; download it from the folder page, giving a "
                    + "reason (the download is audited)."
                    : "403: partner files hold raw identifiers; only the partner and, audited, a supervisor "
                    + "download them.");
            return;
        }
        serve(ctx, partner);
    }

    /** POST of a partner file: a supervisor's download, audited in ops/reveals before the first byte is sent. */
    private void outboxFileAudited(Context ctx) throws IOException {
        String partner = ctx.pathParam("partner");
        ConsoleUser u = session(ctx).user();
        if (!mayOpenPartner(ctx, partner)) {
            return;
        }
        if (!u.role().reveals()) {
            deny(ctx, "403: only supervisors download partner files through the console, and each is audited.");
            return;
        }
        String date = ctx.pathParam("date");
        String file = ctx.pathParam("file");
        if (!outbox.exists(partner, date, file)) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        String reason = ctx.formParam("reason");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a download of a partner file needs a reason (the case or why the raw "
                    + "identifiers are needed)");
        }
        try {
            reveals.auditDownload(u, OutboxFolder.lakePath(partner, date, file), reason);
        } catch (Exception e) { // Delta's commit errors include checked IOExceptions thrown from Scala
            LOG.error("audit of the download of outbox/{}/{}/{} by {} failed; nothing served", partner, date, file,
                    u.name(), e);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(Layout.page("Not served", session(ctx), null,
                    "<p class=\"error\" id=\"audit-failed\">The download could not be audited in "
                            + Html.esc(Ops.REVEALS) + " (" + Html.esc(String.valueOf(e.getMessage()))
                            + "), so nothing was served. Check that the lake's ops folder is writable, then try "
                            + "again.</p>"));
            return;
        }
        serve(ctx, partner);
    }

    private void serve(Context ctx, String partner) throws IOException {
        String date = ctx.pathParam("date");
        String file = ctx.pathParam("file");
        Optional<InputStream> in = outbox.open(partner, date, file);
        if (in.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType(file.endsWith(".json") ? "application/json" : file.endsWith(".csv") ? "text/csv"
                : "application/octet-stream");
        ctx.result(in.get());
        LOG.info("outbox download {}/{}/{} by {}", partner, date, file, session(ctx).user().name());
    }
}

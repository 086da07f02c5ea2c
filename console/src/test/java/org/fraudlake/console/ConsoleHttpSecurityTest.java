package org.fraudlake.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.console.auth.LoginCsrf;
import org.fraudlake.console.auth.PasswordHasher;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.console.data.RevealAudit;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security over real HTTP (Java's HttpClient, no browser) against servers on loopback and the tiny
 * lake of {@link TestLake}: raw partner files and joinable warning ids kept from analysts, a supervisor's download
 * audited before its bytes, the login throttle under a parallel burst, the login form's CSRF token, the sliding
 * session cookie, Secure cookies over TLS and behind a trusted proxy only, and fixed flash messages.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpSecurityTest {
    private static final String FILE = "/outbox/BANK_B/" + TestLake.DATE + "/warnings.csv";
    private static final String RAW_ROW = "w_x,BANK_B";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(_csrf|warning)\" value=\"([^\"]+)\"");
    private final SparkSession spark;
    private final List<ConsoleServer> servers = new ArrayList<>();
    private Path dir;
    private Lake lake;
    private UserStore users;
    private ConsoleServer server;

    ConsoleHttpSecurityTest(SparkSession spark) {
        this.spark = spark;
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-10T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        dir = tmp;
        lake = TestLake.build(spark, dir.resolve("lake"));
        // the product's iteration count: the throttle race needs the real ~0.1 s hash
        users = new UserStore(dir.resolve("users.json").toString(), new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS));
        users.add("ana", Role.ANALYST, null, "analyst-pw".toCharArray());
        users.add("ben", Role.ANALYST, null, "analyst-pw2".toCharArray());
        users.add("sup", Role.SUPERVISOR, null, "supervisor-pw".toCharArray());
        users.add("bank_a", Role.PARTNER, "BANK_A", "partner-pw".toCharArray());
        server = serve(ConsoleServer.Settings.local(0), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        servers.forEach(ConsoleServer::close);
    }

    private ConsoleServer serve(ConsoleServer.Settings settings, Clock clock) {
        ConsoleServer s = new ConsoleServer(spark, lake, users, settings, clock).start();
        servers.add(s);
        return s;
    }

    @Test
    void anAnalystGetsNoRawPartnerFileAndNoWarningIdThatJoinsToOne() throws Exception {
        Client ana = new Client(server).login("ana", "analyst-pw");
        HttpResponse<String> file = ana.get(FILE);
        assertEquals(403, file.statusCode(), "an analyst downloads no partner file");
        assertFalse(file.body().contains(RAW_ROW));
        HttpResponse<String> folder = ana.get("/outbox/BANK_B/" + TestLake.DATE + "/");
        assertEquals(200, folder.statusCode());
        assertFalse(folder.body().contains("href=\"" + FILE + "\""), "and gets no link to one");
        HttpResponse<String> entity = ana.get("/entity/ACCOUNT/" + TestLake.MULE + "?date=" + TestLake.DATE);
        assertEquals(200, entity.statusCode());
        assertFalse(Pattern.compile("[^A-Za-z0-9_-]w_1[^A-Za-z0-9_-]").matcher(entity.body()).find(),
                "the published warning_id (a column of the partner's file) is not on the analyst's page");
        String ref = hidden(entity.body(), "warning");
        assertTrue(ref.startsWith("wr_") && !ref.contains("w_1"), ref);
        HttpResponse<String> decided = ana.post("/disposition", "warning=" + ref + "&date=" + TestLake.DATE
                + "&verdict=ESCALATED&note=" + enc("seen"), hidden(entity.body(), "_csrf"));
        assertEquals(303, decided.statusCode(), "the opaque reference still records a disposition");
        List<Row> rows = DeltaIO.read(spark, lake.ops(Ops.DISPOSITIONS)).filter("decided_by = 'ana'").collectAsList();
        assertEquals(List.of("w_1"), rows.stream().map(r -> r.<String>getAs("warning_id")).toList());
        HttpResponse<String> asSupervisor = new Client(server).login("sup", "supervisor-pw")
                .get("/entity/ACCOUNT/" + TestLake.MULE + "?date=" + TestLake.DATE);
        assertTrue(asSupervisor.body().contains(">w_1<"), "a supervisor (audited downloads) sees the id");
    }

    @Test
    void aSupervisorsDownloadIsAuditedBeforeItsBytesAndNothingIsServedWhenTheAuditFails() throws Exception {
        Client sup = new Client(server).login("sup", "supervisor-pw");
        assertEquals(403, sup.get(FILE).statusCode(), "no unaudited GET, even for a supervisor");
        HttpResponse<String> folder = sup.get("/outbox/BANK_B/" + TestLake.DATE + "/");
        String csrf = hidden(folder.body(), "_csrf");
        assertTrue(folder.body().contains("action=\"" + FILE + "\""), "the folder page offers the audited form");
        Path reveals = Path.of(lake.ops(Ops.REVEALS).replaceFirst("^file:", ""));
        Path aside = dir.resolve("reveals-aside");
        if (Files.exists(reveals)) {
            Files.move(reveals, aside);
        }
        Files.createDirectories(reveals.getParent());
        Files.writeString(reveals, "a file where the audit table should be: every audit write fails");
        HttpResponse<String> failed = sup.post(FILE, "reason=" + enc("case 2026-118"), csrf);
        assertEquals(503, failed.statusCode(), "the audit could not be written");
        assertFalse(failed.body().contains(RAW_ROW), "so nothing of the file was served");
        Files.delete(reveals);
        if (Files.exists(aside)) {
            Files.move(aside, reveals);
        }
        assertEquals(400, sup.post(FILE, "reason=", csrf).statusCode(), "a download needs a reason");
        HttpResponse<String> served = sup.post(FILE, "reason=" + enc("case 2026-118"), csrf);
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains(RAW_ROW));
        List<Row> audit = DeltaIO.read(spark, lake.ops(Ops.REVEALS))
                .filter("kind = '" + RevealAudit.OUTBOX_FILE + "'").collectAsList();
        assertEquals(1, audit.size(), "one audited download, none for the one that failed");
        assertEquals(List.of("sup", "supervisor", "outbox/BANK_B/" + TestLake.DATE + "/warnings.csv",
                "case 2026-118"), List.of(audit.get(0).getAs("user"), audit.get(0).getAs("role"),
                audit.get(0).getAs("token"), audit.get(0).getAs("reason")));
        Client ana = new Client(server).login("ana", "analyst-pw");
        String anaCsrf = hidden(ana.get("/outbox/").body(), "_csrf");
        assertEquals(403, ana.post(FILE, "reason=" + enc("curious"), anaCsrf).statusCode(),
                "an analyst cannot use the supervisor's audited download either");
        Client bank = new Client(server).login("bank_a", "partner-pw");
        assertEquals(200, bank.get("/outbox/BANK_A/" + TestLake.DATE + "/warnings.csv").statusCode(),
                "a partner downloads its own file");
        assertEquals(403, bank.get(FILE).statusCode(), "and no other partner's");
    }

    @Test
    void twentyParallelWrongPasswordsGetAtMostTheLimitOfPasswordChecksAndOtherUsersStillLogIn() throws Exception {
        Client attacker = new Client(server);
        String token = attacker.loginToken();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(attacker.postAsync("/login", "user=ben&password=guess-" + i, token));
        }
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            statuses.merge(f.get().statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of(401, 5, 429, 15), statuses, "5 password checks (the per-user limit), 15 refused before");
        HttpResponse<String> right = new Client(server).tryLogin("ben", "analyst-pw2");
        assertEquals(429, right.statusCode(), "the guessed user stays locked, even with the right password");
        HttpResponse<String> other = new Client(server).tryLogin("ana", "analyst-pw");
        assertEquals(303, other.statusCode(), "another user behind the same address still logs in");
    }

    @Test
    void theLoginFormMustCarryItsPreSessionCsrfToken() throws Exception {
        Client c = new Client(server);
        HttpResponse<String> none = c.send(c.request("/login").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "user=ana&password=analyst-pw")).build());
        assertEquals(403, none.statusCode(), "no token: no login");
        assertFalse(c.cookies.containsKey(ConsoleServer.COOKIE), "and no session");
        String token = c.loginToken();
        c.cookies.remove(LoginCsrf.COOKIE);
        assertEquals(403, c.post("/login", "user=ana&password=analyst-pw", token).statusCode(),
                "the form's token without the cookie's (a forged cross-site form)");
        c.loginToken();
        assertEquals(403, c.post("/login", "user=ana&password=analyst-pw", token).statusCode(),
                "a token that is not the cookie's");
        assertEquals(303, c.post("/login", "user=ana&password=analyst-pw", c.loginToken()).statusCode(),
                "the form's token and the cookie's, as the login page gave them");
        assertTrue(c.cookies.containsKey(ConsoleServer.COOKIE));
    }

    @Test
    void theSessionCookieIsRefreshedOnEveryRequestSoTheIdleTimeoutSlides() throws Exception {
        MovingClock clock = new MovingClock();
        ConsoleServer moving = serve(ConsoleServer.Settings.local(0), clock);
        Client ana = new Client(moving).login("ana", "analyst-pw");
        for (int i = 0; i < 3; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(25));
            HttpResponse<String> r = ana.get("/outbox/");
            assertEquals(200, r.statusCode(), "used every 25 minutes, 75 in all: still logged in");
            String cookie = setCookie(r, ConsoleServer.COOKIE);
            assertTrue(cookie != null && cookie.contains("Max-Age=1800"), "the browser's expiry slides: " + cookie);
            assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        HttpResponse<String> idle = ana.get("/outbox/");
        assertEquals(302, idle.statusCode(), "31 minutes idle: logged out");
        assertTrue(idle.headers().firstValue("Location").orElse("").endsWith("/login"));
    }

    @Test
    void theModelsPageShowsTheFunnelPerPartner() throws Exception {
        Client ana = new Client(server).login("ana", "analyst-pw");
        String body = ana.get("/models?date=" + TestLake.DATE).body();
        assertTrue(body.contains("<table id=\"funnel\">"), body);
        String n = "</td><td class=\"num\">";
        assertTrue(body.contains("<tr><td>BANK_A" + n + "1" + n + "0" + n + "2" + n + "2" + n + "2" + n + "0</td></tr>"),
                "acc_mule scored by two models counts once; no gold/entity_risk: none at risk; w_1 and v_1 sent as "
                        + "detections: " + body);
        assertTrue(body.contains("<tr><td>CARRIER_X" + n + "0" + n + "0" + n + "0" + n + "0" + n + "0" + n + "0</td>"),
                "an ACTIVE warning fired nothing on the date");
    }

    @Test
    void aPageShowsOnlyFixedFlashMessages() throws Exception {
        Client ana = new Client(server).login("ana", "analyst-pw");
        String body = ana.get("/outbox/?flash=" + enc("Your session expired. Call 0800 123 456 now")).body();
        assertFalse(body.contains("0800 123 456"), "free text in the link is not shown");
        assertFalse(body.contains("id=\"flash\""));
        assertTrue(ana.get("/outbox/?flash=recorded-confirmed").body().contains("Recorded CONFIRMED"),
                "a known code shows its fixed message");
    }

    @Test
    void overTlsEveryCookieIsSecure() throws Exception {
        Path keystore = dir.resolve("console.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "test-store-pw", "-keypass", "test-store-pw")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), out);
        ConsoleServer tls = serve(ConsoleServer.Settings.local(0)
                .withTls(new ConsoleServer.Tls(keystore.toString(), "test-store-pw")), Clock.systemUTC());
        assertTrue(tls.url().startsWith("https://127.0.0.1:"), tls.url());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, "test-store-pw".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        Client c = new Client(tls, HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .build());
        HttpResponse<String> form = c.get("/login");
        assertTrue(setCookie(form, LoginCsrf.COOKIE).contains("; Secure"), setCookie(form, LoginCsrf.COOKIE));
        assertTrue(form.headers().firstValue("Strict-Transport-Security").isPresent());
        HttpResponse<String> in = c.tryLogin("ana", "analyst-pw");
        assertEquals(303, in.statusCode());
        String session = setCookie(in, ConsoleServer.COOKIE);
        assertTrue(session.contains("; Secure") && session.contains("HttpOnly") && session.contains("SameSite=Strict"),
                session);
        assertTrue(setCookie(c.get("/outbox/"), ConsoleServer.COOKIE).contains("; Secure"), "refreshed ones too");
    }

    @Test
    void forwardedProtoMakesCookiesSecureOnlyFromATrustedProxy() throws Exception {
        Client direct = new Client(server);
        direct.forwardedProto = "https";
        HttpResponse<String> untrusted = direct.tryLogin("ana", "analyst-pw");
        assertFalse(setCookie(untrusted, ConsoleServer.COOKIE).contains("Secure"),
                "X-Forwarded-Proto from anyone but a trusted proxy is ignored");
        ConsoleServer proxied = serve(ConsoleServer.Settings.local(0).withTrustedProxies(Set.of("127.0.0.1")),
                Clock.systemUTC());
        Client viaProxy = new Client(proxied);
        viaProxy.forwardedProto = "https";
        HttpResponse<String> trusted = viaProxy.tryLogin("ana", "analyst-pw");
        assertTrue(setCookie(trusted, ConsoleServer.COOKIE).contains("; Secure"), "behind the TLS proxy");
        viaProxy.forwardedProto = null;
        assertFalse(setCookie(viaProxy.get("/outbox/"), ConsoleServer.COOKIE).contains("Secure"),
                "the proxy said plain HTTP");
    }

    private static String hidden(String html, String name) {
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no hidden field " + name + " in " + html);
    }

    private static String setCookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).reduce((a, b) -> b)
                .orElse(null);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One browser's worth of HTTP: a cookie jar, no redirects followed. */
    private static final class Client {
        private final ConsoleServer server;
        private final HttpClient http;
        private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();
        private String forwardedProto;

        Client(ConsoleServer server) {
            this(server, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        Client(ConsoleServer server, HttpClient http) {
            this.server = server;
            this.http = http;
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                    .timeout(Duration.ofMinutes(3));
            if (!cookies.isEmpty()) {
                b.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            if (forwardedProto != null) {
                b.header("X-Forwarded-Proto", forwardedProto);
            }
            return b;
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return keep(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }

        private HttpResponse<String> keep(HttpResponse<String> r) {
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                if (c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, pair.substring(pair.indexOf('=') + 1));
                }
            }
            return r;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).GET().build());
        }

        HttpResponse<String> post(String path, String form, String csrf) throws IOException, InterruptedException {
            return send(postRequest(path, form, csrf));
        }

        CompletableFuture<HttpResponse<String>> postAsync(String path, String form, String csrf) {
            return http.sendAsync(postRequest(path, form, csrf), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest postRequest(String path, String form, String csrf) {
            return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(csrf))).build();
        }

        /** Opens the login page: its form's token (the login cookie is kept). */
        String loginToken() throws IOException, InterruptedException {
            HttpResponse<String> page = get("/login");
            assertEquals(200, page.statusCode());
            String token = hidden(page.body(), "_csrf");
            assertEquals(token, cookies.get(LoginCsrf.COOKIE), "the form's token is the login cookie's");
            return token;
        }

        HttpResponse<String> tryLogin(String user, String password) throws IOException, InterruptedException {
            return post("/login", "user=" + enc(user) + "&password=" + enc(password), loginToken());
        }

        Client login(String user, String password) throws IOException, InterruptedException {
            HttpResponse<String> r = tryLogin(user, password);
            assertEquals(303, r.statusCode(), user + " logs in: " + r.body());
            assertNotEquals(null, cookies.get(ConsoleServer.COOKIE));
            assertNull(cookies.get(LoginCsrf.COOKIE), "the login cookie is cleared once logged in");
            return this;
        }
    }
}

package org.fraudlake.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.console.auth.PasswordHasher;
import org.fraudlake.console.auth.Role;
import org.fraudlake.console.auth.UserStore;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.Labels;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through chromedriver and Selenium) on a tiny lake
 * ({@link TestLake}): log in, the queue, an entity with its reasons, features and flow drawing, a disposition
 * recorded and found in the Delta table (and read back as a training label), CSRF rejection, a supervisor's
 * audited reveal, the partner's isolation, the lead page. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final SparkSession spark;
    private Lake lake;
    private ConsoleServer server;
    private WebDriver browser;
    private String base;

    ConsoleBrowserTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        lake = TestLake.build(spark, dir.resolve("lake"));
        UserStore users = new UserStore(dir.resolve("users.json").toString(), new PasswordHasher(1000));
        users.add("ana", Role.ANALYST, null, "analyst-pw".toCharArray());
        users.add("sup", Role.SUPERVISOR, null, "supervisor-pw".toCharArray());
        users.add("bank_a", Role.PARTNER, "BANK_A", "partner-pw".toCharArray());
        server = new ConsoleServer(spark, lake, users, ConsoleServer.Settings.local(0), Clock.systemUTC()).start();
        base = "http://127.0.0.1:" + server.port();
        server.reader().warm(LocalDate.parse(TestLake.DATE));
        if (!Files.isExecutable(Path.of("/usr/bin/chromedriver")) || !Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver); run scripts/ensure-tools.sh as root");
        }
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(180));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private void login(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "logged out, / sends to the login page");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(180)).until(d -> !d.getCurrentUrl().endsWith("/login")
                || !d.findElements(By.id("login-error")).isEmpty());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /**
     * The text of element {@code #id} once it satisfies {@code done}, for what a click leads to: the browser may
     * still be loading the next page (or showing the last one) when click() returns. Waits up to 60 s, then
     * returns whatever is there, for the assertion to show.
     */
    private String text(String id, Predicate<String> done) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.id(id)).stream().map(WebElement::getText).filter(done).findFirst()
                            .orElse(null));
        } catch (TimeoutException e) {
            List<WebElement> found = browser.findElements(By.id(id));
            return found.isEmpty() ? "(no #" + id + " on " + browser.getCurrentUrl() + ")" : found.get(0).getText();
        }
    }

    @Test
    @Order(1)
    void wrongPasswordIsRefusedThenTheAnalystSeesTheQueueRankedByScore() throws IOException {
        login("ana", "not-the-password");
        assertTrue(text("login-error").contains("Wrong user name or password"));
        login("ana", "analyst-pw");
        assertTrue(browser.getCurrentUrl().contains("/queue"), browser.getCurrentUrl());
        List<WebElement> links = browser.findElements(By.cssSelector("#queue a.entity-link"));
        assertEquals(List.of("acc_mule", "ph_farm", "id_victim", "acc_other"),
                links.stream().map(WebElement::getText).toList(), "by score; the victim warning is about the person");
        assertTrue(browser.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "reasons are escaped");
        shot("queue");
        new Select(browser.findElement(By.id("f-action"))).selectByVisibleText("FREEZE");
        browser.findElement(By.id("apply")).click();
        String count = text("queue-count", t -> t.startsWith("1 of 4"));
        assertTrue(count.startsWith("1 of 4"), count);
    }

    @Test
    @Order(2)
    void theEntityPageShowsReasonsFeaturesAndTheFlowWithTracedMoney() throws IOException {
        browser.get(base + "/queue?date=" + TestLake.DATE);
        browser.findElement(By.linkText(TestLake.MULE)).click();
        text("scores", t -> t.contains("money_mule"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("passes on 97% of inflow within 1 hour"), "the decision's reasons");
        assertTrue(text("scores").contains("money_mule") && text("scores").contains("pass_through_1h_share_7d = 0.97"),
                "each model's score and reasons");
        assertTrue(text("features").contains("pass_through_1h_share_7d"), "the feature values");
        assertTrue(text("transactions").contains("acc_cash"), "recent transactions");
        assertFalse(browser.findElements(By.cssSelector("svg.network line.edge-traced")).isEmpty(),
                "victim money traced into the account is drawn highlighted");
        assertFalse(page.contains(TestLake.RAW_MULE), "an analyst sees tokens only");
        assertTrue(browser.findElements(By.id("reveal")).isEmpty(), "and has no reveal button");
        shot("entity");
    }

    @Test
    @Order(3)
    void aDispositionIsStoredInDeltaShownInTheQueueAndReadAsALabel() throws IOException {
        browser.get(base + "/entity/ACCOUNT/" + TestLake.MULE + "?date=" + TestLake.DATE);
        WebElement form = browser.findElement(By.cssSelector("form.disposition"));
        new Select(form.findElement(By.name("verdict"))).selectByVisibleText("CONFIRMED");
        new Select(form.findElement(By.name("label"))).selectByVisibleText("MONEY_MULE");
        form.findElement(By.name("note")).sendKeys("ring seen in lead_1");
        form.findElement(By.cssSelector("button.decide")).click();
        String flash = text("flash", t -> t.startsWith("Recorded CONFIRMED"));
        assertTrue(flash.startsWith("Recorded CONFIRMED"), flash);
        assertTrue(text("history").contains("ring seen in lead_1"));
        shot("disposition");
        List<Row> rows = DeltaIO.read(spark, lake.ops(Ops.DISPOSITIONS)).collectAsList();
        assertEquals(1, rows.size());
        Row r = rows.get(0);
        assertEquals(List.of("ana", "CONFIRMED", "MONEY_MULE", "acc_mule", "w_1", "money_mule"),
                List.of(r.getAs("decided_by"), r.getAs("verdict"), r.getAs("label"), r.getAs("entity_id"),
                        r.getAs("warning_id"), r.getAs("model")));
        browser.get(base + "/queue?date=" + TestLake.DATE);
        assertTrue(text("queue").contains("CONFIRMED ana"), "the queue shows who decided what");
        List<String> positives = new Labels(spark, lake)
                .positives(LabelSpec.of(EntityKind.ACCOUNT, CaseLabel.MONEY_MULE), LocalDate.now().plusDays(1))
                .collectAsList().stream().map(x -> x.<String>getAs(FeatureStore.ENTITY_ID)).toList();
        assertEquals(List.of(TestLake.MULE), positives, "the next training reads it as a label");
    }

    @Test
    @Order(4)
    void aFormWithAForgedCsrfTokenIsRejected() throws IOException, InterruptedException {
        browser.get(base + "/entity/ACCOUNT/" + TestLake.MULE + "?date=" + TestLake.DATE);
        WebElement form = browser.findElement(By.cssSelector("form.disposition"));
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].querySelector('input[name=_csrf]').value='forged';", form);
        form.findElement(By.cssSelector("button.decide")).click();
        String forbidden = text("forbidden", t -> t.contains("security token"));
        assertTrue(forbidden.contains("security token"), forbidden);
        shot("csrf-rejected");
        Cookie session = browser.manage().getCookieNamed(ConsoleServer.COOKIE);
        assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Strict", session.getSameSite());
        HttpResponse<String> noToken = post("/disposition", session.getValue(),
                "warning_id=w_1&date=" + TestLake.DATE + "&verdict=FALSE_POSITIVE");
        assertEquals(403, noToken.statusCode(), "a POST without the token");
        assertEquals(1, DeltaIO.read(spark, lake.ops(Ops.DISPOSITIONS)).count(), "nothing was recorded");
    }

    @Test
    @Order(5)
    void onlyASupervisorRevealsARawIdentifierAndEveryRevealIsAudited() throws IOException, InterruptedException {
        Cookie analyst = browser.manage().getCookieNamed(ConsoleServer.COOKIE);
        String token = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> denied = post("/entity/ACCOUNT/" + TestLake.MULE + "/reveal?date=" + TestLake.DATE,
                analyst.getValue(), "_csrf=" + token + "&reason=curious");
        assertEquals(403, denied.statusCode());
        assertFalse(denied.body().contains(TestLake.RAW_MULE));
        login("sup", "supervisor-pw");
        browser.get(base + "/entity/ACCOUNT/" + TestLake.MULE + "?date=" + TestLake.DATE);
        browser.findElement(By.id("reveal-reason")).sendKeys("case 2026-118");
        browser.findElement(By.id("reveal")).click();
        String revealed = text("revealed", t -> t.contains(TestLake.RAW_MULE));
        assertTrue(revealed.contains(TestLake.RAW_MULE), revealed);
        shot("reveal");
        List<Row> audit = DeltaIO.read(spark, lake.ops(Ops.REVEALS)).collectAsList();
        assertEquals(1, audit.size());
        assertEquals(List.of("sup", "acc_mule", "case 2026-118"), List.of(audit.get(0).getAs("user"),
                audit.get(0).getAs("token"), audit.get(0).getAs("reason")));
    }

    @Test
    @Order(6)
    void aPartnerSeesOnlyItsOwnOutboxAndEveryOtherPathIs403() throws IOException, InterruptedException {
        login("bank_a", "partner-pw");
        assertTrue(browser.getCurrentUrl().endsWith("/outbox/BANK_A/"), browser.getCurrentUrl());
        browser.findElement(By.linkText(TestLake.DATE)).click();
        String files = text("outbox-files", t -> t.contains("warnings.csv"));
        assertTrue(files.contains("warnings.csv"), files);
        shot("partner-outbox");
        String session = browser.manage().getCookieNamed(ConsoleServer.COOKIE).getValue();
        HttpResponse<String> own = get("/outbox/BANK_A/" + TestLake.DATE + "/warnings.csv", session);
        assertEquals(200, own.statusCode());
        assertTrue(own.body().contains("w_x,BANK_A"));
        for (String path : List.of("/outbox/BANK_B/" + TestLake.DATE + "/warnings.csv", "/outbox/BANK_B/",
                "/outbox/BANK_A/%2e%2e/BANK_B/" + TestLake.DATE + "/warnings.csv",
                "/outbox/BANK_A/..%2fBANK_B/" + TestLake.DATE + "/warnings.csv", "/queue",
                "/entity/ACCOUNT/acc_mule", "/models", "/outbox/")) {
            assertEquals(403, get(path, session).statusCode(), path);
        }
        browser.get(base + "/outbox/BANK_B/" + TestLake.DATE + "/warnings.csv");
        String forbidden = text("forbidden", t -> t.contains("403"));
        assertTrue(forbidden.contains("403"), forbidden);
        shot("partner-forbidden");
    }

    @Test
    @Order(7)
    void theLeadPageDrawsItsNetworkAndListsTheEvidence() throws IOException {
        login("ana", "analyst-pw");
        browser.get(base + "/leads?date=" + TestLake.DATE);
        browser.findElement(By.linkText("lead_1")).click();
        String members = text("members", t -> t.contains("RING_ACCOUNT"));
        assertTrue(members.contains("RING_ACCOUNT"), members);
        assertTrue(text("evidence").contains("BANK_A:t2"));
        assertFalse(browser.findElements(By.cssSelector("svg.network line.edge")).isEmpty(),
                "the evidence transfer acc_mule -> acc_cash is drawn");
        shot("lead");
    }

    private HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String form) throws IOException,
            InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", ConsoleServer.COOKIE + "=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

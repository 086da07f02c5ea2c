package org.fraudlake.publish.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.pipelines.conform.Conformers;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.pipelines.conform.Tokens;
import org.fraudlake.pipelines.ingest.DeliveryOutcome;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.publish.outbox.PartnerFolder;
import org.fraudlake.publish.outbox.PartnerKind;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.SigningKeys;
import org.fraudlake.publish.outbox.WarningLine;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.schemas.tables.Bronze;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.TokenKind;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.partners.PartnerResponder;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The night's feedback loop on a small simulated city: signed outbox folders rendered by the publisher's own code
 * ({@link PartnerFolder}) for days 0..2, one warning per scheme account at a partner bank (a victim's account gets
 * CONTACT_VICTIM, an offender's FREEZE); the banks answer ({@link PartnerResponder}) with their deliveries for day
 * 3; the existing ingest loads them; bank_feedback is conformed and the feedback job counts them.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerFeedbackChainTest {
    private static final LocalDate START = SimulationConfig.DEFAULT_START;
    private static final LocalDate PUBLISHED = START.plusDays(2);
    private static final LocalDate DELIVERY = PUBLISHED.plusDays(1);
    private static final SimulationConfig CITY = new SimulationConfig(400, 4, 41L, START, false);
    private final SparkSession spark;
    private Lake lake;
    private PartnerResponder.Response response;
    private IngestReport ingest;
    private final Map<String, Integer> warningsByBank = new TreeMap<>();

    PartnerFeedbackChainTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void night(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("lake");
        lake = new Lake(root.toString());
        new CitySimulator(CITY).run(lake, new Configuration(), line -> { });
        SigningKey key = SigningKeys.init(dir.resolve("keys").resolve("signing.key"), lake);
        Pseudonymizer pseudonymizer = new Pseudonymizer("feedback-chain-test-key-32-bytes".getBytes(
                StandardCharsets.UTF_8));
        Map<String, Map<LocalDate, List<WarningLine>>> folders = new TreeMap<>();
        List<Row> published = new ArrayList<>();
        int n = 0;
        for (String[] account : schemeAccounts(root)) {
            String bank = account[0];
            LocalDate day = START.plusDays(n % 3);
            boolean victim = account[2].equals("VICTIM_ACCOUNT");
            String id = "w_" + n++;
            String type = victim ? "VICTIM_AT_RISK" : "MONEY_MULE";
            String action = victim ? "CONTACT_VICTIM" : "FREEZE";
            folders.computeIfAbsent(bank, b -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
                    .add(new WarningLine(id, day.toString(), account[1], type, action, "0.9000", "money_mule",
                            "fast pass-through", day.plusDays(7).toString()));
            published.add(RowFactory.create(id, bank, "ACCOUNT",
                    pseudonymizer.token(TokenKind.ACCOUNT, bank + ":" + account[1]), type, action, 0.9,
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("money_mule")).toList(),
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("fast pass-through")).toList(),
                    Date.valueOf(day), Date.valueOf(day.plusDays(7)), "NEW", true, Date.valueOf(day)));
            warningsByBank.merge(bank, 1, Integer::sum);
        }
        for (var bank : folders.entrySet()) {
            for (var day : bank.getValue().entrySet()) {
                Path folder = Path.of(lake.outbox(bank.getKey(), day.getKey()));
                Files.createDirectories(folder);
                for (var file : PartnerFolder.render(bank.getKey(), PartnerKind.BANK, day.getKey(), day.getValue(),
                        key).entrySet()) {
                    Files.write(folder.resolve(file.getKey()), file.getValue());
                }
            }
        }
        DeltaIO.overwrite(spark.createDataFrame(published, FeedbackLabels.INTERCEPT_LIST_SCHEMA),
                lake.published(Published.INTERCEPT_LIST), Published.BUSINESS_DATE);

        response = PartnerResponder.respond(lake, CITY, PUBLISHED);
        ingest = new IngestJob(lake, line -> { }).run(spark, DELIVERY);
        Dataset<Row> bronze = DeltaIO.read(spark, lake.bronze(Feeds.BankFeedback.NAME))
                .filter(functions.col(Bronze.BUSINESS_DATE).leq(functions.lit(Date.valueOf(DELIVERY))));
        DeltaIO.overwrite(new Conformers(new Tokens(pseudonymizer)).bankFeedback(bronze),
                lake.silver(Silver.BANK_FEEDBACK));
    }

    /** bank, account_no and role of each account at a partner bank that a scheme uses or harmed, once. */
    private static List<String[]> schemeAccounts(Path root) throws IOException {
        List<String[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Reader r = Files.newBufferedReader(root.resolve("truth").resolve("entities.csv"));
             CsvReader csv = new CsvReader(r)) {
            csv.next();
            CsvRecord rec;
            while ((rec = csv.next()) != null) {
                List<String> f = rec.fields();
                if (f.get(2).equals("ACCOUNT") && f.get(3).startsWith("BANK_") && seen.add(f.get(3))) {
                    int colon = f.get(3).indexOf(':');
                    out.add(new String[]{f.get(3).substring(0, colon), f.get(3).substring(colon + 1), f.get(1)});
                }
            }
        }
        return out;
    }

    @Test
    void ingestLoadsEveryBanksFeedbackWithNothingQuarantined() {
        assertTrue(response.total() > 10, "answers: " + response.answersByBank());
        for (DeliveryOutcome o : ingest.deliveries()) {
            if (o.feed().equals(Feeds.BankFeedback.NAME)) {
                assertEquals(DeliveryOutcome.Status.LOADED, o.status(), o.toString());
                assertEquals(0, o.quarantined(), o.toString());
                int answers = response.answersByBank().getOrDefault(o.source(), Map.of()).values().stream()
                        .mapToInt(Integer::intValue).sum();
                assertEquals(answers, o.loaded(), o.toString());
            }
        }
        assertEquals(5, ingest.deliveries().stream().filter(o -> o.feed().equals(Feeds.BankFeedback.NAME)).count());
        assertEquals(0, ingest.quarantined());
    }

    @Test
    void answeringAndIngestingAgainChangesNothing() throws IOException {
        PartnerResponder.Response again = PartnerResponder.respond(lake, CITY, PUBLISHED);
        assertEquals(response, again);
        IngestReport second = new IngestJob(lake, line -> { }).run(spark, DELIVERY);
        for (DeliveryOutcome o : second.deliveries()) {
            assertEquals(DeliveryOutcome.Status.UNCHANGED, o.status(), o.toString());
        }
    }

    @Test
    void theFeedbackJobCountsTheAnswers() {
        new FeedbackJob(lake, line -> { }).run(spark, DELIVERY);
        Map<String, Row> all = new TreeMap<>();
        DeltaIO.read(spark, lake.published(Published.FEEDBACK_IMPACT))
                .filter(functions.col(FeedbackImpact.MODEL).equalTo(ImpactFigures.ALL)).collectAsList()
                .forEach(r -> all.put(r.getAs(FeedbackImpact.BANK), r));
        assertEquals(warningsByBank.keySet(), all.keySet());
        for (var e : warningsByBank.entrySet()) {
            Row r = all.get(e.getKey());
            Map<String, Integer> actions = response.answersByBank().get(e.getKey());
            int answered = actions.values().stream().mapToInt(Integer::intValue).sum()
                    - actions.getOrDefault("LOSS_PREVENTED", 0);
            assertEquals((long) e.getValue(), r.<Long>getAs(FeedbackImpact.WARNINGS_SENT), e.getKey());
            assertEquals(answered - actions.getOrDefault("NOT_FOUND", 0), r.<Long>getAs(FeedbackImpact.ACTED_ON),
                    e.getKey());
            assertEquals((long) actions.getOrDefault("FROZEN", 0), r.<Long>getAs(FeedbackImpact.FROZEN));
            assertEquals((long) actions.getOrDefault("CLEARED", 0), r.<Long>getAs(FeedbackImpact.CLEARED));
            assertEquals(actions.getOrDefault("FROZEN", 0) > 0,
                    r.<BigDecimal>getAs(FeedbackImpact.AMOUNT_PROTECTED).signum() > 0, e.getKey());
        }
    }
}

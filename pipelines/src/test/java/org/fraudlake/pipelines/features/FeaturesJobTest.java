package org.fraudlake.pipelines.features;

import static org.apache.spark.sql.functions.col;
import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.company;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.label;
import static org.fraudlake.pipelines.features.Fixtures.link;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.subscriber;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.fraudlake.pipelines.features.Fixtures.voice;
import static org.fraudlake.testkit.DatasetAssertions.assertDatasetEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Gold.FeaturesAccount;
import org.fraudlake.schemas.tables.Gold.FeaturesPerson;
import org.fraudlake.schemas.tables.Gold.FeaturesPhone;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeaturesJobTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final List<String> ALL_TABLES = List.of(Gold.AGG_ACCOUNT_DAILY, Gold.AGG_ACCOUNT_COUNTERPARTY_DAILY,
            Gold.AGG_PHONE_DAILY, Gold.AGG_PHONE_CONTACT_DAILY, Gold.ACCOUNT_LAST_ACTIVE, Gold.AGG_CALL_PAYMENT_DAILY,
            Gold.FEATURES_ACCOUNT_DAILY, Gold.FEATURES_PHONE_DAILY, Gold.FEATURES_PERSON_DAILY,
            Gold.FEATURES_COMPANY_DAILY);

    private Lake lake;
    private final List<String> progress = new ArrayList<>();
    private Map<String, Long> firstCounts;
    private FeaturesJob.Result firstResult;
    private final Map<String, List<Row>> firstRun = new HashMap<>();

    @BeforeAll
    void writeSilverAndRunTheFirstDate(SparkSession spark, @TempDir Path dir) {
        lake = new Lake(dir.resolve("lake").toString());
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_a", "IN", "3000", "2026-11-25T10:00", "acc_b"),
                txn("acc_b", "OUT", "3000", "2026-11-25T10:00", "acc_a"),
                txn("acc_a", "OUT", "2900", "2026-11-25T10:30", "acc_m", "MOBILE", "dev1", "ip1", "100"),
                txn("acc_a", "IN", "500", "2026-11-26T09:00", "acc_c"),
                txn("acc_c", "OUT", "500", "2026-11-26T09:00", "acc_a"),
                txn("acc_a", "IN", "7000", "2026-11-27T01:00", "acc_b"),
                txn("acc_b", "OUT", "7000", "2026-11-27T01:00", "acc_a"),
                txn("acc_a", "OUT", "6900", "2026-11-27T01:20", "acc_m", "ATM", "dev1", "ip1", "700"),
                txn("acc_c", "OUT", "9500", "2026-11-27T14:00", "acc_ext"),
                txn("acc_a", "IN", "99999", "2026-11-28T10:00", "acc_b"),
                filedUnder(D, txn("acc_c", "IN", "123", "2026-11-28T09:00", "acc_b"))));
        Dataset<Row> calls = frame(spark, Fixtures.CALLS, rows(
                voice("ph_f", "ph_b", "2026-11-25T09:00", 0),
                voice("ph_f", "ph_b", "2026-11-26T21:00", 600),
                voice("ph_f", "ph_b", "2026-11-27T00:30", 300),
                voice("ph_b", "ph_c", "2026-11-27T12:00", 60),
                voice("ph_f", "ph_c", "2026-11-28T12:00", 60)));
        DeltaIO.overwrite(txns, lake.silver(Silver.TRANSACTIONS), Silver.BUSINESS_DATE);
        DeltaIO.overwrite(calls, lake.silver(Silver.CALLS), Silver.BUSINESS_DATE);
        DeltaIO.overwrite(frame(spark, Fixtures.ACCOUNTS, rows(
                account("acc_a", "BANK_A", "id_a", "PERSON", LocalDate.of(2001, 5, 5), LocalDate.of(2026, 11, 20)),
                account("acc_b", "BANK_B", "id_b", "PERSON", LocalDate.of(1948, 5, 5), LocalDate.of(2010, 1, 1)),
                account("acc_c", "BANK_A", "id_co", "COMPANY", null, LocalDate.of(2015, 1, 1)),
                account("acc_m", "BANK_B", "id_m", "PERSON", null, LocalDate.of(2026, 11, 1)))),
                lake.silver(Silver.ACCOUNTS));
        DeltaIO.overwrite(frame(spark, Fixtures.SUBSCRIBERS, rows(
                subscriber("ph_b", "id_b", LocalDate.of(2012, 1, 1), "POSTPAID"),
                subscriber("ph_f", "id_f", LocalDate.of(2026, 11, 20), "PREPAID"))), lake.silver(Silver.SUBSCRIBERS));
        DeltaIO.overwrite(frame(spark, Fixtures.COMPANIES, rows(
                company("id_co", "id_b", "1000000", LocalDate.of(2015, 1, 1), "ph_c"))), lake.silver(Silver.COMPANIES));
        DeltaIO.overwrite(frame(spark, Fixtures.CASE_LABELS, rows(
                label("acc_m", "MONEY_MULE", "2026-11-26T18:00"))), lake.silver(Silver.CASE_LABELS));
        DeltaIO.overwrite(frame(spark, Fixtures.ENTITY_LINKS, rows(
                link("PERSON", "id_b", "REGISTERED", "PHONE", "ph_b"),
                link("PERSON", "id_b", "HOLDS", "ACCOUNT", "acc_b"))), lake.silver(Silver.ENTITY_LINKS));

        firstResult = new FeaturesJob(lake, s -> { progress.add(s); System.out.println(s); }).run(spark, D);
        firstCounts = firstResult.counts();
        for (String table : ALL_TABLES) {
            firstRun.put(table, DeltaIO.read(spark, lake.gold(table)).collectAsList());
        }
    }

    /** The row delivered under business date {@code day} whatever its event time says. */
    private static Row filedUnder(LocalDate day, Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        values[values.length - 1] = java.sql.Date.valueOf(day);
        return org.apache.spark.sql.RowFactory.create(values);
    }

    @Test
    @Order(0)
    void eventsTimedAfterTheirBusinessDateAreCountedAndReportedNotSilentlyDropped() {
        assertEquals(1, firstResult.lateTransactions(), "the 123 transfer of Nov 28 filed under Nov 27");
        assertEquals(0, firstResult.lateCalls());
        assertTrue(firstResult.note().startsWith("1 transactions and 0 calls timed after the end of their business date"),
                firstResult.note());
        assertTrue(progress.stream().anyMatch(p -> p.contains("1 transactions of " + D + " are timed after")),
                String.join("\n", progress));
    }

    private Dataset<Row> gold(SparkSession spark, String table, LocalDate date) {
        return DeltaIO.read(spark, lake.gold(table)).filter(col(Gold.BUSINESS_DATE).equalTo(java.sql.Date.valueOf(date)));
    }

    private static Set<LocalDate> dates(List<Row> rows) {
        return rows.stream().map(r -> r.<java.sql.Date>getAs(Gold.BUSINESS_DATE).toLocalDate()).collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void theFirstRunAggregatesTheEarlierDaysOnceAndSeesNothingAfterTheDate() {
        assertEquals(ALL_TABLES, List.copyOf(firstCounts.keySet()));
        assertEquals(Set.of(D.minusDays(2), D.minusDays(1), D), dates(firstRun.get(Gold.AGG_ACCOUNT_DAILY)));
        assertEquals(Set.of(D.minusDays(2), D.minusDays(1), D), dates(firstRun.get(Gold.AGG_PHONE_DAILY)));
        assertEquals(Set.of(D), dates(firstRun.get(Gold.FEATURES_ACCOUNT_DAILY)));
        assertEquals((long) firstRun.get(Gold.AGG_ACCOUNT_DAILY).size(), firstCounts.get(Gold.AGG_ACCOUNT_DAILY));

        Map<String, Row> accounts = Fixtures.byKeyOf(firstRun.get(Gold.FEATURES_ACCOUNT_DAILY), FeaturesAccount.ACCOUNT_ID);
        assertEquals(Set.of("acc_a", "acc_b", "acc_c", "acc_m"), accounts.keySet(), "acc_m is new");
        Row a = accounts.get("acc_a");
        assertEquals(7000.0, a.<Double>getAs(FeaturesAccount.IN_AMT_1D), "the D+1 inflow is not seen");
        assertEquals(10500.0, a.<Double>getAs(FeaturesAccount.IN_AMT_30D));
        assertEquals(9800.0 / 10500.0, a.<Double>getAs(FeaturesAccount.PASS_THROUGH_1H_SHARE_30D), 1e-12);
        assertEquals(1.0, a.<Double>getAs(FeaturesAccount.OUT_TO_LABELED_SHARE_30D), "acc_m labeled on D-1");
        assertEquals(0.4, a.<Double>getAs(FeaturesAccount.NIGHT_TXN_SHARE_30D), 1e-12, "01:00 and 01:20 city time");

        Map<String, Row> phones = Fixtures.byKeyOf(firstRun.get(Gold.FEATURES_PHONE_DAILY), FeaturesPhone.PHONE);
        assertEquals(Set.of("ph_f", "ph_b", "ph_c"), phones.keySet());
        assertEquals(3L, phones.get("ph_f").<Long>getAs(FeaturesPhone.OUT_CNT_30D));
        Map<String, Row> persons = Fixtures.byKeyOf(firstRun.get(Gold.FEATURES_PERSON_DAILY), FeaturesPerson.PERSON_ID);
        assertEquals(Set.of("id_a", "id_b", "id_f", "id_m"), persons.keySet(), "not the company id_co");
        assertEquals(3L, persons.get("id_b").<Long>getAs(FeaturesPerson.UNKNOWN_CALLER_MAX_DAYS_30D));
        assertEquals(2L, persons.get("id_b").<Long>getAs(FeaturesPerson.CALLS_IN_24H_BEFORE_PAYMENT_MAX));
        assertEquals(0L, firstCounts.get(Gold.AGG_CALL_PAYMENT_DAILY),
                "ph_f's answered calls came before id_b paid acc_a, but id_b had paid acc_a two days before");
        assertEquals(0L, phones.get("ph_f").<Long>getAs(FeaturesPhone.CALLEES_PAID_NEW_PAYEE_30D));
        assertEquals(1L, firstCounts.get(Gold.FEATURES_COMPANY_DAILY));
        assertFalse(progress.stream().anyMatch(p -> p.contains("rebuilding")), String.join("\n", progress));
    }

    @Test
    @Order(2)
    void runningTheNextDateAggregatesOnlyThatDate(SparkSession spark) {
        progress.clear();
        Map<String, Long> counts = new FeaturesJob(lake, s -> { progress.add(s); System.out.println(s); }).run(spark, D.plusDays(1)).counts();
        assertEquals(1L, counts.get(Gold.AGG_ACCOUNT_DAILY), "acc_a only");
        assertTrue(progress.stream().filter(p -> p.contains("gold/agg_"))
                .allMatch(p -> p.matches(".* for " + D.plusDays(1) + " \\(.*")), String.join("\n", progress));
        assertFalse(progress.stream().anyMatch(p -> p.contains("rebuilding")), String.join("\n", progress));
        Row a = gold(spark, Gold.FEATURES_ACCOUNT_DAILY, D.plusDays(1))
                .filter(col(FeaturesAccount.ACCOUNT_ID).equalTo("acc_a")).first();
        assertEquals(99999.0, a.<Double>getAs(FeaturesAccount.IN_AMT_1D));
        assertEquals(0, a.<Integer>getAs(FeaturesAccount.DORMANCY_DAYS));
    }

    @Test
    @Order(3)
    void runningADateAgainGivesTheSameRows(SparkSession spark) {
        progress.clear();
        Map<String, Long> counts = new FeaturesJob(lake, s -> { progress.add(s); System.out.println(s); }).run(spark, D).counts();
        assertEquals(firstCounts.get(Gold.FEATURES_ACCOUNT_DAILY), counts.get(Gold.FEATURES_ACCOUNT_DAILY));
        assertTrue(progress.stream().anyMatch(p -> p.contains("rebuilding")),
                "no snapshot for D-1: last-active dates come from the aggregates\n" + String.join("\n", progress));
        for (String table : ALL_TABLES) {
            Dataset<Row> now = DeltaIO.read(spark, lake.gold(table))
                    .filter(col(Gold.BUSINESS_DATE).leq(java.sql.Date.valueOf(D)));
            assertDatasetEquals(spark.createDataFrame(firstRun.get(table), now.schema()), now);
        }
    }
}

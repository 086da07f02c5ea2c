package org.fraudlake.pipelines.features;

import static org.fraudlake.pipelines.features.Fixtures.account;
import static org.fraudlake.pipelines.features.Fixtures.byKey;
import static org.fraudlake.pipelines.features.Fixtures.company;
import static org.fraudlake.pipelines.features.Fixtures.frame;
import static org.fraudlake.pipelines.features.Fixtures.rows;
import static org.fraudlake.pipelines.features.Fixtures.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.schemas.tables.Gold.FeaturesCompany;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class CompanyFeaturesTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);

    @Test
    void flowsWithPersonsAndCompaniesPayoutRegularityAndSharedRegistryData(SparkSession spark) {
        Dataset<Row> companies = frame(spark, Fixtures.COMPANIES, rows(
                company("id_ca", "id_r1", "100000", LocalDate.of(2020, 1, 1), "ph_c1"),
                company("id_cb", "id_r1", null, LocalDate.of(2021, 1, 1), "ph_c2"),
                company("id_cc", "id_r2", "5000", LocalDate.of(2022, 1, 1), "ph_c1"),
                company("id_cd", null, null, D.plusDays(5), null)));
        Dataset<Row> accounts = frame(spark, Fixtures.ACCOUNTS, rows(
                account("acc_ca", "BANK_A", "id_ca", "COMPANY", null, LocalDate.of(2020, 2, 1)),
                account("acc_cb", "BANK_B", "id_cb", "COMPANY", null, LocalDate.of(2021, 2, 1)),
                account("acc_p1", "BANK_A", "id_1", "PERSON", null, LocalDate.of(2020, 2, 1)),
                account("acc_p2", "BANK_A", "id_2", "PERSON", null, LocalDate.of(2020, 2, 1)),
                account("acc_p3", "BANK_B", "id_1", "PERSON", null, LocalDate.of(2020, 2, 1))));
        Dataset<Row> txns = frame(spark, Fixtures.TRANSACTIONS, rows(
                txn("acc_ca", "IN", "100", "2026-11-22T10:00", "acc_p1"),
                txn("acc_ca", "IN", "200", "2026-11-23T10:00", "acc_p2"),
                txn("acc_ca", "IN", "300", "2026-11-24T10:00", "acc_p3"),
                txn("acc_ca", "IN", "1000", "2026-11-25T10:00", "acc_cb"),
                txn("acc_ca", "OUT", "500", "2026-11-17T10:00", "acc_p1"),
                txn("acc_ca", "OUT", "1500", "2026-11-17T11:00", "acc_ext"),
                txn("acc_ca", "OUT", "500", "2026-11-24T10:00", "acc_p1"),
                txn("acc_ca", "OUT", "1500", "2026-11-24T11:00", "acc_cb"),
                txn("acc_cb", "OUT", "1000", "2026-11-25T10:00", "acc_ca"),
                txn("acc_cb", "IN", "1500", "2026-11-24T11:00", "acc_ca")));
        LocalDate first = D.minusDays(40);

        Dataset<Row> daily = DailyAggregates.accountDaily(txns, Fixtures.empty(spark, Fixtures.LAST_ACTIVE), first, D);
        Dataset<Row> known = StateAsOf.accounts(accounts, AS_OF);
        Dataset<Row> features = CompanyFeatures.compute(AS_OF, AccountFeatures.totals(AS_OF, daily), daily,
                CounterpartyPairs.of(AS_OF, DailyAggregates.accountCounterpartyDaily(txns, first, D)), known,
                StateAsOf.companies(companies, AS_OF));
        Map<String, Row> rows = byKey(features, FeaturesCompany.COMPANY_ID);
        assertEquals(Set.of("id_ca", "id_cb", "id_cc"), rows.keySet(), "id_cd registers after D");

        Row a = rows.get("id_ca");
        assertEquals(1L, a.<Long>getAs(FeaturesCompany.ACCOUNTS_CNT));
        assertEquals(4L, a.<Long>getAs(FeaturesCompany.IN_CNT_30D));
        assertEquals(1600.0, a.<Double>getAs(FeaturesCompany.IN_AMT_30D));
        assertEquals(4000.0, a.<Double>getAs(FeaturesCompany.OUT_AMT_30D));
        assertEquals(3L, a.<Long>getAs(FeaturesCompany.IN_FROM_PERSONS_CNT_30D));
        assertEquals(2L, a.<Long>getAs(FeaturesCompany.IN_DISTINCT_PERSONS_30D), "acc_p1 and acc_p3 are one person");
        assertEquals(2L, a.<Long>getAs(FeaturesCompany.OUT_ACTIVE_DAYS_30D));
        assertEquals(0.0, a.<Double>getAs(FeaturesCompany.OUT_DAILY_AMT_CV_30D), 1e-12, "2,000 on each of two days");
        assertEquals(3L, a.<Long>getAs(FeaturesCompany.PAYEES_30D));
        assertEquals(1.0 / 3, a.<Double>getAs(FeaturesCompany.PAYEE_REPEAT_SHARE_30D), 1e-12);
        assertEquals(0.25, a.<Double>getAs(FeaturesCompany.OUT_TO_PERSONS_AMT_SHARE_30D), 1e-12);
        assertEquals(1000.0, a.<Double>getAs(FeaturesCompany.IN_FROM_COMPANIES_AMT_30D));
        assertEquals(1500.0, a.<Double>getAs(FeaturesCompany.OUT_TO_COMPANIES_AMT_30D));
        assertEquals(1L, a.<Long>getAs(FeaturesCompany.COUNTERPARTY_COMPANIES_30D));
        assertEquals(1L, a.<Long>getAs(FeaturesCompany.LEGAL_REP_SHARED_COMPANIES));
        assertEquals(1L, a.<Long>getAs(FeaturesCompany.PHONE_SHARED_COMPANIES));
        assertEquals(100000.0, a.<Double>getAs(FeaturesCompany.REGISTERED_CAPITAL));
        assertEquals(5600.0 / 100000, a.<Double>getAs(FeaturesCompany.FLOW_TO_CAPITAL_RATIO_30D), 1e-12);
        assertEquals((int) ChronoUnit.DAYS.between(LocalDate.of(2020, 1, 1), D),
                a.<Integer>getAs(FeaturesCompany.COMPANY_AGE_DAYS));

        Row b = rows.get("id_cb");
        assertEquals(1500.0, b.<Double>getAs(FeaturesCompany.IN_FROM_COMPANIES_AMT_30D));
        assertEquals(0.0, b.<Double>getAs(FeaturesCompany.FLOW_TO_CAPITAL_RATIO_30D), "unknown capital");
        assertEquals(0L, b.<Long>getAs(FeaturesCompany.PHONE_SHARED_COMPANIES));
        Row c = rows.get("id_cc");
        assertEquals(0L, c.<Long>getAs(FeaturesCompany.IN_CNT_30D));
        assertEquals(0L, c.<Long>getAs(FeaturesCompany.LEGAL_REP_SHARED_COMPANIES));
        assertEquals(1L, c.<Long>getAs(FeaturesCompany.PHONE_SHARED_COMPANIES));
    }
}

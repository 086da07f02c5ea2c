package org.fraudlake.pipelines.features;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall time of the features job on a synthetic silver lake shaped like a city of {@code fraudlake.bench.persons}
 * persons (default 3,000): 3 transactions and 4 calls per person per day, 1.5 accounts and one number per
 * person, 200 companies, 1% of accounts labeled. Accounts pay among 8 usual counterparties (80% of bookings;
 * the rest to name-only outsiders) and numbers call among 15 usual contacts, except 50 foreign numbers that
 * call anyone. Runs the first date (which aggregates the 31 days before it),
 * then the next date (a normal night: one day aggregated), then that date again (warm). Opt-in:
 * {@code mvn -o test -pl pipelines -Dtest=FeaturesBenchmark -Dfraudlake.bench=true}.
 */
@ExtendWith(SparkTestExtension.class)
@EnabledIfSystemProperty(named = "fraudlake.bench", matches = "true")
class FeaturesBenchmark {
    private static final LocalDate START = LocalDate.of(2026, 10, 1);
    private static final int DAYS = 33;

    @Test
    void timeOneNight(SparkSession spark, @TempDir Path dir) {
        int persons = Integer.getInteger("fraudlake.bench.persons", 3000);
        Lake lake = new Lake(dir.resolve("lake").toString());
        long t0 = System.nanoTime();
        writeSilver(spark, lake, persons);
        System.out.printf("bench: silver for %,d persons x %d days written in %.1f s%n", persons, DAYS,
                (System.nanoTime() - t0) / 1e9);
        FeaturesJob job = new FeaturesJob(lake, System.out::println);
        LocalDate first = START.plusDays(DAYS - 2);
        time(spark, job, first, "first date (aggregates 31 days, cold JVM)");
        time(spark, job, first.plusDays(1), "next date (one day aggregated)");
        time(spark, job, first.plusDays(1), "next date again (warm)");
    }

    private static void time(SparkSession spark, FeaturesJob job, LocalDate date, String what) {
        long t0 = System.nanoTime();
        Map<String, Long> counts = job.run(spark, date).counts();
        System.out.printf("bench: %s %s: %.1f s, rows %s%n", what, date, (System.nanoTime() - t0) / 1e9, counts);
    }

    static void writeSilver(SparkSession spark, Lake lake, int persons) {
        long accounts = persons * 3L / 2;
        long txnsPerDay = persons * 3L;
        long callsPerDay = persons * 4L;
        String start = "DATE'" + START + "'";
        String h = "pmod(xxhash64(id, %d), %d)";
        Dataset<Row> accountRows = spark.range(accounts).selectExpr(
                "concat('acc_', id) AS account_id",
                "concat('BANK_', " + String.format(h, 1, 3) + ") AS bank",
                "CASE WHEN id < " + persons * 7 / 5 + " THEN concat('id_', pmod(id, " + persons + "))"
                        + " ELSE concat('co_', pmod(id, 200)) END AS holder_id",
                "CAST(NULL AS STRING) AS holder_name",
                "CASE WHEN id < " + persons * 7 / 5 + " THEN 'PERSON' ELSE 'COMPANY' END AS holder_type",
                "date_sub(DATE'2000-01-01', CAST(" + String.format(h, 2, 20000) + " AS INT)) AS holder_birth_date",
                "CAST(NULL AS STRING) AS phone",
                "date_sub(" + start + " + " + DAYS + ", CAST(" + String.format(h, 3, 2000) + " AS INT)) AS open_date",
                "'ACTIVE' AS status", "'DEBIT' AS account_type", "CAST(NULL AS STRING) AS branch_code",
                "CAST(NULL AS TIMESTAMP) AS updated_at", "DATE'2026-01-01' AS first_seen");
        DeltaIO.overwrite(accountRows, lake.silver(Silver.ACCOUNTS));
        DeltaIO.overwrite(spark.range(persons).selectExpr("concat('ph_', id) AS phone", "'CARRIER_X' AS carrier",
                "concat('id_', id) AS holder_id", "date_sub(" + start + ", CAST(" + String.format(h, 4, 3000)
                        + " AS INT)) AS activated_at", "'ACTIVE' AS status",
                "CASE WHEN pmod(id, 4) = 0 THEN 'PREPAID' ELSE 'POSTPAID' END AS plan", "false AS ported_in",
                "CAST(NULL AS TIMESTAMP) AS updated_at", "DATE'2000-01-01' AS owner_since"),
                lake.silver(Silver.SUBSCRIBERS));
        DeltaIO.overwrite(spark.range(200).selectExpr("concat('co_', id) AS company_id", "concat('Co ', id) AS name",
                "concat('id_', pmod(id * 13, 150)) AS legal_rep_id", "CAST(100000 * (id + 1) AS DECIMAL(18,2)) "
                        + "AS registered_capital", "DATE'2015-01-01' AS reg_date", "CAST(NULL AS STRING) AS address",
                "concat('ph_', pmod(id, 120)) AS phone", "'ACTIVE' AS status"), lake.silver(Silver.COMPANIES));
        DeltaIO.overwrite(spark.range(accounts / 100).selectExpr("'ACCOUNT' AS entity_type",
                "concat('acc_', id * 100) AS entity_id", "'MONEY_MULE' AS label",
                "timestamp_seconds(unix_seconds(TIMESTAMP'2026-10-01 00:00:00') + pmod(id * 7919, "
                        + DAYS * 86400 + ")) AS confirmed_at", "'C' AS case_no",
                "to_date(timestamp_seconds(unix_seconds(TIMESTAMP'2026-10-01 00:00:00') + pmod(id * 7919, "
                        + DAYS * 86400 + ") + 28800)) AS business_date"), lake.silver(Silver.CASE_LABELS));
        DeltaIO.overwrite(DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS)).selectExpr("holder_type AS from_type",
                        "holder_id AS from_id", "'HOLDS' AS relation", "'ACCOUNT' AS to_type", "account_id AS to_id",
                        "bank AS source")
                .unionByName(DeltaIO.read(spark, lake.silver(Silver.SUBSCRIBERS)).selectExpr("'PERSON' AS from_type",
                        "holder_id AS from_id", "'REGISTERED' AS relation", "'PHONE' AS to_type", "phone AS to_id",
                        "carrier AS source")), lake.silver(Silver.ENTITY_LINKS));

        String day = "CAST(floor(id / %d) AS INT)";
        String second = "unix_date(date_add(" + start + ", " + day + ")) * 86400 - 28800 + " + String.format(h, 5, 86400);
        Dataset<Row> txns = spark.range(DAYS * txnsPerDay).selectExpr(
                "concat('BANK_A:T', id) AS txn_key", "'BANK_A' AS bank", "concat('T', id) AS txn_id",
                "concat('acc_', " + String.format(h, 6, accounts) + ") AS account_id",
                "CASE WHEN " + String.format(h, 7, 2) + " = 0 THEN 'IN' ELSE 'OUT' END AS direction",
                "CAST(1 + " + String.format(h, 8, 500000) + " / 100 AS DECIMAL(18,2)) AS amount", "'CNY' AS currency",
                "timestamp_seconds(" + String.format(second, txnsPerDay) + ") AS txn_time",
                "CASE WHEN " + String.format(h, 9, 10) + " < 8 THEN concat('acc_', pmod(" + String.format(h, 6, accounts)
                        + " * 31 + " + String.format(h, 10, 8) + " * 977, " + accounts + ")) END AS counterparty_account_id",
                "CASE WHEN " + String.format(h, 9, 10) + " < 8 THEN 'BANK_B' END AS counterparty_bank",
                "CASE WHEN " + String.format(h, 9, 10) + " >= 8 THEN concat('nm_', " + String.format(h, 11, 5000)
                        + ") END AS counterparty_name",
                "element_at(array('MOBILE','ONLINE','ATM','POS','COUNTER','THIRD_PARTY'), CAST("
                        + String.format(h, 12, 6) + " + 1 AS INT)) AS channel",
                "concat('dev_', " + String.format(h, 6, accounts) + " * 7 % " + accounts + ") AS device_id",
                "concat('ip_', " + String.format(h, 6, accounts) + " % 900) AS ip",
                "CAST(NULL AS STRING) AS city_code",
                "CAST(" + String.format(h, 13, 1000000) + " / 100 AS DECIMAL(18,2)) AS balance_after",
                "date_add(" + start + ", " + String.format(day, txnsPerDay) + ") AS business_date");
        DeltaIO.overwrite(txns, lake.silver(Silver.TRANSACTIONS), Silver.BUSINESS_DATE);
        Dataset<Row> calls = spark.range(DAYS * callsPerDay).selectExpr(
                "concat('CARRIER_X:R', id) AS record_key", "'CARRIER_X' AS carrier",
                "concat('ph_', " + String.format(h, 14, persons + 50) + ") AS caller",
                "concat('ph_', CASE WHEN " + String.format(h, 14, persons + 50) + " >= " + persons + " THEN "
                        + String.format(h, 15, persons) + " ELSE pmod(" + String.format(h, 14, persons + 50) + " * 17 + "
                        + String.format(h, 15, 15) + " * 101, " + persons + ") END) AS callee",
                "timestamp_seconds(" + String.format(second, callsPerDay) + ") AS start_time",
                "CAST(" + String.format(h, 16, 600) + " AS INT) AS duration_s",
                "CASE WHEN " + String.format(h, 17, 5) + " = 0 THEN 'SMS' ELSE 'VOICE' END AS kind",
                "concat('imei_', " + String.format(h, 14, persons + 50) + " % " + persons + ") AS caller_imei",
                "CAST(NULL AS STRING) AS cell_id", String.format(h, 18, 50) + " = 0 AS international",
                "date_add(" + start + ", " + String.format(day, callsPerDay) + ") AS business_date");
        DeltaIO.overwrite(calls, lake.silver(Silver.CALLS), Silver.BUSINESS_DATE);
    }
}

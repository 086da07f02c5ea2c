package org.fraudlake.publish.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.eval.PublishEvaluation.Figures;
import org.fraudlake.publish.eval.PublishEvaluation.Ranking;
import org.fraudlake.publish.eval.PublishEvaluation.Warning;
import org.fraudlake.publish.eval.PublishEvaluation.WarningList;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.TokenKind;
import org.fraudlake.simulator.truth.Roles;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures, hand-computed on a tiny simulated lake; window Nov 3..Nov 5, city time UTC+8.
 *
 * <p>Truth: mules M1, M2, M4, R1 (first layer), M3 (first layer), L2 (second layer); victims V1 (account VA1), V2
 * (VA2), V4, V5. Victim payments: V5 to R1 Nov 2 23:30; V2 to M2 Nov 3 09:00 (20,000); M4 Nov 3 01:00 city
 * (Nov 2 17:00 UTC); V1 to M1 Nov 4 10:00 (50,000); V4 to M3 Nov 5 08:00 (10,000).
 *
 * <p>Intercept list (accounts): M1 FREEZE 0.9 sent Nov 3 (ACTIVE, unsent, Nov 4); N1 (innocent) MONITOR 0.8 Nov 3;
 * R1 FREEZE 0.95 Nov 4, but a police report of Nov 3 20:00 names R1 as a suspect: excluded; M2 MONITOR 0.7 Nov 5,
 * labelled at Nov 4 17:00 UTC = Nov 5 01:00 city, so not named before: kept; L2 FREEZE 0.5 Nov 4; M3 FREEZE sent
 * Nov 2 (before the window: on the freeze list, not a candidate); a phone BLOCK (ignored). Victim warnings: VA1/V1
 * 0.85 Nov 3 (V1 pays Nov 4: hit); 9003/P3 0.4 Nov 4 (never pays: miss); VA2/V2 0.75 Nov 5, V2 reported on Nov 4:
 * excluded.
 *
 * <p>Precision: all = M1 .9 hit, VA1 .85 hit, N1 .8 miss, M2 .7 hit, L2 .5 hit, 9003 .4 miss: 4/6, 2 excluded;
 * intercept 3/4, 1 excluded; victim 1/2, 1 excluded. Mule recall: first inflows within Nov 3..Nov 4 are M2
 * (Nov 3, warned Nov 5: late), M4 (Nov 3 city, never warned), M1 (Nov 4, warned Nov 3): 1/3.
 *
 * <p>Money: paid 20,000 + 50,000 + 10,000 = 80,000. M2 passes 19,600 to L2 (M2 never frozen), L2 cashes 19,600
 * out Nov 3 (listed only from the end of Nov 4): not flagged. M1 (listed from the end of Nov 3) passes 49,000 to
 * L2 Nov 4: flagged; L2 cashes 30,000 out Nov 4 13:00: flagged 30,000. M3 (listed) passes 9,800 to L2 Nov 5:
 * flagged; L2 (listed now) cashes 5,000 out: 5,000. At the end L2 holds 23,800 (listed), M1 1,000 (listed), M3 200
 * (listed), M2 400 (not): 25,000. R1's cash-out of pre-window money and a cash-out after Nov 5 are ignored.
 * On the list: 30,000 + 5,000 + 25,000 = 60,000 of 80,000 = 75 %; cashed out 54,600; listed accounts M1, M3, R1, L2.
 */
@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishEvaluationTest {
    private static final LocalDate NOV2 = LocalDate.of(2026, 11, 2);
    private static final LocalDate NOV3 = NOV2.plusDays(1);
    private static final LocalDate NOV4 = NOV2.plusDays(2);
    private static final LocalDate NOV5 = NOV2.plusDays(3);
    private static final String M1 = "BANK_A:1001";
    private static final String M2 = "BANK_A:1002";
    private static final String M3 = "BANK_B:2001";
    private static final String L2 = "BANK_B:2002";
    private static final String R1 = "BANK_A:1004";
    private static final String M4 = "BANK_A:1005";
    private static final String N1 = "BANK_A:1003";
    private static final String VA1 = "BANK_A:9001";
    private static final String VA2 = "BANK_B:9002";
    private static final String A3 = "BANK_A:9003";
    private static final String V1 = "110101199001011234";
    private static final String V2 = "110101199202022345";
    private static final String P3 = "110101198503033456";
    private final SparkSession spark;
    private Lake lake;
    private Pseudonymizer key;

    PublishEvaluationTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void lake(@TempDir Path dir) throws IOException {
        lake = new Lake(dir.resolve("lake").toString());
        Path keyFile = dir.resolve("pseudonymization.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        key = Pseudonymizer.fromKeyFile(keyFile);
        writeTruth(Path.of(lake.truth()));

        List<Row> intercept = new ArrayList<>();
        intercept.add(warning("w1", acc(M1), "FREEZE", 0.9, NOV3, NOV3.plusDays(7), "NEW", true, NOV3, null));
        intercept.add(warning("w1", acc(M1), "FREEZE", 0.9, NOV3, NOV3.plusDays(7), "ACTIVE", false, NOV4, null));
        intercept.add(warning("w2", acc(N1), "MONITOR", 0.8, NOV3, NOV3.plusDays(3), "NEW", true, NOV3, null));
        intercept.add(warning("w3", acc(R1), "FREEZE", 0.95, NOV4, NOV4.plusDays(7), "NEW", true, NOV4, null));
        intercept.add(warning("w4", acc(M2), "MONITOR", 0.7, NOV5, NOV5.plusDays(3), "NEW", true, NOV5, null));
        intercept.add(warning("w5", acc(L2), "FREEZE", 0.5, NOV4, NOV4.plusDays(7), "NEW", true, NOV4, null));
        intercept.add(warning("w6", acc(M3), "FREEZE", 0.6, NOV2, NOV2.plusDays(7), "NEW", true, NOV2, null));
        intercept.add(RowFactory.create("p1", "CARRIER_X", "PHONE", "ph_1", "FRAUD_PHONE", "BLOCK", 0.99,
                List.of("fraud_phone"), List.of("r"), Date.valueOf(NOV3), Date.valueOf(NOV3.plusDays(7)), "NEW", true,
                Date.valueOf(NOV3)));
        write(intercept, FeedbackLabels.INTERCEPT_LIST_SCHEMA, lake.published(Published.INTERCEPT_LIST));
        write(List.of(
                        warning("v1", acc(VA1), "CONTACT_VICTIM", 0.85, NOV3, NOV5, "NEW", true, NOV3, id(V1)),
                        warning("v2", acc(A3), "CONTACT_VICTIM", 0.4, NOV4, NOV4.plusDays(3), "NEW", true, NOV4,
                                id(P3)),
                        warning("v3", acc(VA2), "CONTACT_VICTIM", 0.75, NOV5, NOV5.plusDays(3), "NEW", true, NOV5,
                                id(V2))),
                FeedbackLabels.VICTIM_WARNINGS_SCHEMA, lake.published(Published.VICTIM_WARNINGS));
        write(List.of(
                        RowFactory.create("I1", time("2026-11-03T20:00:00+08:00"), id("110101197001010000"),
                                List.of(acc("BANK_C:9005")), List.of(acc(R1))),
                        RowFactory.create("I2", time("2026-11-04T15:00:00+08:00"), id(V2), List.of(acc(VA2)),
                                List.of())),
                StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, victim_id STRING, "
                        + "victim_accounts ARRAY<STRING>, suspect_accounts ARRAY<STRING>"),
                lake.silver(Silver.INCIDENTS));
        write(List.<Row>of(RowFactory.create("ACCOUNT", acc(M2), "MONEY_MULE", time("2026-11-04T17:00:00Z"), "C1")),
                StructType.fromDDL("entity_type STRING, entity_id STRING, label STRING, confirmed_at TIMESTAMP, "
                        + "case_no STRING"), lake.silver(Silver.CASE_LABELS));
    }

    private static void writeTruth(Path truth) throws IOException {
        Files.createDirectories(truth);
        Files.writeString(truth.resolve("entities.csv"), String.join("\n",
                "scheme_id,role,entity_type,entity_id",
                "S1,MULE_L1,ACCOUNT," + M1, "S1,MULE_L1,ACCOUNT," + M2, "S1,MULE_L1,ACCOUNT," + M3,
                "S1,MULE_L2,ACCOUNT," + L2, "S1,MULE_L1,ACCOUNT," + R1, "S1,MULE_L1,ACCOUNT," + M4,
                "S1,VICTIM_ACCOUNT,ACCOUNT," + VA1, "S1,VICTIM_ACCOUNT,ACCOUNT," + VA2, "S1,VICTIM,PERSON," + V1,
                ""), StandardCharsets.UTF_8);
        Files.writeString(truth.resolve("victim_transfers.csv"), String.join("\n",
                "scheme_id,fraud_type,victim_id,victim_account,mule_account,txn_time,amount,out_txn_id,in_txn_id,"
                        + "reported_on",
                "S1,IMPERSONATION,110101197001010000,BANK_C:9005," + R1 + ",2026-11-02T23:30:00+08:00,3000.00,,,"
                        + "2026-11-03",
                "S1,IMPERSONATION," + V2 + "," + VA2 + "," + M2 + ",2026-11-03T09:00:00+08:00,20000.00,t1,t2,"
                        + "2026-11-04",
                "S1,IMPERSONATION,110101196001010000,BANK_C:9006," + M4 + ",2026-11-02T17:00:00Z,1000.00,,,",
                "S1,IMPERSONATION," + V1 + "," + VA1 + "," + M1 + ",2026-11-04T10:00:00+08:00,50000.00,t3,t4,",
                "S1,IMPERSONATION,110101195001010000,BANK_C:9004," + M3 + ",2026-11-05T08:00:00+08:00,10000.00,,,",
                ""), StandardCharsets.UTF_8);
        Files.writeString(truth.resolve("crime_transfers.csv"), String.join("\n",
                "scheme_id,step,txn_time,amount,from_account,to_account,out_txn_id,in_txn_id,channel",
                "S1,VICTIM_TO_L1,2026-11-02T23:30:00+08:00,3000.00,BANK_C:9005," + R1 + ",,,MOBILE",
                "S1,CASHOUT_ATM,2026-11-03T01:00:00+08:00,3000.00," + R1 + ",CASH,,,ATM",
                "S1,VICTIM_TO_L1,2026-11-03T09:00:00+08:00,20000.00," + VA2 + "," + M2 + ",,,MOBILE",
                "S1,L1_TO_L2,2026-11-03T09:20:00+08:00,19600.00," + M2 + "," + L2 + ",,,MOBILE",
                "S1,CASHOUT_ATM,2026-11-03T11:00:00+08:00,19600.00," + L2 + ",CASH,,,ATM",
                "S1,VICTIM_TO_L1,2026-11-04T10:00:00+08:00,50000.00," + VA1 + "," + M1 + ",,,MOBILE",
                "S1,L1_TO_L2,2026-11-04T10:20:00+08:00,49000.00," + M1 + "," + L2 + ",,,MOBILE",
                "S1,CASHOUT_THIRD_PARTY,2026-11-04T13:00:00+08:00,30000.00," + L2 + ",BANK_X:8888,,,THIRD_PARTY",
                "S1,VICTIM_TO_L1,2026-11-05T08:00:00+08:00,10000.00,BANK_C:9004," + M3 + ",,,MOBILE",
                "S1,L1_TO_L2,2026-11-05T08:10:00+08:00,9800.00," + M3 + "," + L2 + ",,,MOBILE",
                "S1,CASHOUT_ATM,2026-11-05T12:00:00+08:00,5000.00," + L2 + ",CASH,,,ATM",
                "S1,CASHOUT_ATM,2026-11-06T01:00:00+08:00,5000.00," + L2 + ",CASH,,,ATM",
                "S2,SWEEP,2026-11-04T10:00:00+08:00,99999.00,BANK_A:7777,BANK_A:7778,,,ONLINE",
                ""), StandardCharsets.UTF_8);
    }

    @Test
    void figuresMatchTheHandComputedOnes() throws IOException {
        Figures f = PublishEvaluation.evaluate(spark, lake, key, NOV3, NOV5);

        assertRanking(f.rankings().get(0), "all bank warnings", 6, 2, 4);
        assertRanking(f.rankings().get(1), "account warnings (intercept_list)", 4, 1, 3);
        assertRanking(f.rankings().get(2), "victim warnings (victim_warnings)", 2, 1, 1);
        assertEquals(4.0 / 6, f.rankings().get(0).precisionAt(100), 1e-9);
        assertEquals(3, f.muleRecall().mules());
        assertEquals(1, f.muleRecall().warnedInTime());
        assertEquals(80_000.0, f.money().victimMoney(), 1e-6);
        assertEquals(54_600.0, f.money().cashedOut(), 1e-6);
        assertEquals(60_000.0, f.money().onFreezeList(), 1e-6);
        assertEquals(0.75, f.money().share(), 1e-9);
        assertEquals(4, f.money().frozenAccounts());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("66.7%    4/6"), text);
        assertTrue(text.contains("1/3   33.3%"), text);
        assertTrue(text.contains("75.0%"), text);
    }

    @Test
    void precisionCountsOnlyTheTopOfTheRanking() {
        List<Warning> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(new Warning(WarningList.INTERCEPT, NOV3, "w" + i, String.format("acc_%02d", i), null, "FREEZE",
                    (100 - i) / 100.0, true, "NEW", NOV5));
        }
        Ranking r = PublishEvaluation.ranking("t", sent, w -> Integer.parseInt(w.entity().substring(4)) % 2 == 0,
                Map.of());

        assertEquals(List.of(10, 13, 13), r.hits());
        assertEquals(0.5, r.precisionAt(20), 1e-9);
        assertEquals(13.0 / 25, r.precisionAt(50), 1e-9);
    }

    @Test
    void harmedRolesAreTheSimulators() {
        assertEquals(Roles.HARMED, Truth.HARMED);
    }

    private static void assertRanking(Ranking r, String name, int candidates, int excluded, int hits) {
        assertEquals(name, r.name());
        assertEquals(candidates, r.candidates(), name);
        assertEquals(excluded, r.excluded(), name);
        assertEquals(List.of(hits, hits, hits), r.hits(), name);
    }

    private String acc(String raw) {
        return key.token(TokenKind.ACCOUNT, raw);
    }

    private String id(String raw) {
        return key.token(TokenKind.ID, raw);
    }

    private void write(List<Row> rows, StructType schema, String path) {
        boolean partitioned = List.of(schema.fieldNames()).contains(Published.BUSINESS_DATE);
        DeltaIO.overwrite(spark.createDataFrame(rows, schema), path,
                partitioned ? new String[]{Published.BUSINESS_DATE} : new String[0]);
    }

    private static Timestamp time(String at) {
        return Timestamp.from(OffsetDateTime.parse(at).toInstant());
    }

    private static Row warning(String id, String entity, String action, double score, LocalDate validFrom,
                               LocalDate validUntil, String status, boolean sent, LocalDate date, String person) {
        List<Object> f = new ArrayList<>(List.of(id, entity.startsWith("acc_") ? "BANK_A" : "BANK_B", "ACCOUNT",
                entity, action.equals("CONTACT_VICTIM") ? "VICTIM_AT_RISK" : "MONEY_MULE", action, score,
                List.of("m"), List.of("r"), Date.valueOf(validFrom), Date.valueOf(validUntil), status, sent,
                Date.valueOf(date)));
        if (person != null) {
            f.add(person);
        }
        return RowFactory.create(f.toArray());
    }
}

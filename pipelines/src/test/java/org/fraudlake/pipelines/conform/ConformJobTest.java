package org.fraudlake.pipelines.conform;

import static org.apache.spark.sql.functions.col;
import static org.fraudlake.testkit.DatasetAssertions.assertDatasetEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.Landing;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformJobTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 27);
    private static final String PHONE = "13800000001";
    private static final String ACCOUNT = "6222000011112222";
    private static final String ID = "110101195001011234";
    private static final String NAME = "Wang Fang";
    private static final List<String> RAW = List.of(PHONE, ACCOUNT, ID, NAME, "35-209900-176148-1", "6222999988887777",
            "13900000002", "91110000MA01XYZ12K");

    private Path dir;
    private Lake lake;
    private ConformJob job;

    @BeforeAll
    void landAndConform(SparkSession spark, @TempDir Path tmp) throws IOException {
        dir = tmp;
        lake = new Lake(dir.resolve("lake").toString());
        Landing.deliver(lake, Feeds.BankAccounts.NAME, "BANK_A", D1, "a.csv",
                "account_no,holder_id,holder_name,holder_type,phone,open_date,status,account_type,updated_at",
                ACCOUNT + "," + ID + "," + NAME + ",PERSON,+86" + PHONE + ",2020-01-01,ACTIVE,DEBIT,2026-11-26T01:00:00Z")
                .commit();
        Landing.deliver(lake, Feeds.BankAccounts.NAME, "BANK_A", D2, "a.csv",
                "account_no,holder_id,holder_name,holder_type,phone,open_date,status,account_type,updated_at",
                ACCOUNT + "," + ID + "," + NAME + ",PERSON," + PHONE + ",2020-01-01,FROZEN,DEBIT,2026-11-27T01:00:00Z")
                .commit();
        Landing.deliver(lake, Feeds.Subscribers.NAME, "CARRIER_X", D1, "s.csv",
                "phone,holder_id,activated_at,status,ported_in,updated_at",
                PHONE + "," + ID + ",2019-05-01,ACTIVE,0,2026-11-26T01:00:00Z").commit();
        Landing.deliver(lake, Feeds.Subscribers.NAME, "CARRIER_Y", D2, "s.csv",
                "phone,holder_id,activated_at,status,ported_in,updated_at",
                PHONE + "," + ID + ",2026-11-27,ACTIVE,true,2026-11-27T03:00:00Z").commit();
        Landing.deliver(lake, Feeds.CallRecords.NAME, "CARRIER_Y", D2, "c.csv",
                "record_id,caller,callee,start_time,duration_s,kind,caller_imei",
                "R1,13900000002," + PHONE + ",2026-11-27T10:00:00+08:00,300,VOICE,35-209900-176148-1",
                "R1,13900000002," + PHONE + ",2026-11-27T10:00:00+08:00,301,VOICE,35-209900-176148-1").commit();
        Landing.deliver(lake, Feeds.BankTransactions.NAME, "BANK_A", D2, "t.csv",
                "txn_id,account_no,direction,amount,txn_time,counterparty_account_no,counterparty_bank,"
                        + "counterparty_name,channel",
                "T1," + ACCOUNT + ",OUT,5000,2026-11-27T11:00:00+08:00,6222999988887777,bank_b,Li Lei,MOBILE")
                .commit();
        Landing.deliver(lake, Feeds.Incidents.NAME, "PSB_110", D2, "i.csv",
                "incident_id,reported_at,category,district,victim_id,victim_phone,victim_accounts,suspect_phones,"
                        + "description",
                "I1,2026-11-27T15:00:00+08:00,TELECOM_FRAUD,Haidian," + ID + "," + PHONE + ",BANK_A:" + ACCOUNT
                        + ",13900000002,\"Victim called from 139 0000 0002, paid 5000\"").commit();
        Landing.deliver(lake, Feeds.CaseLabels.NAME, "CASE_MGMT", D2, "l.csv",
                "entity_type,entity_id,label,confirmed_at",
                "PHONE,13900000002,FRAUD_PHONE,2026-11-27T16:00:00Z",
                "ACCOUNT,BANK_B:6222999988887777,MONEY_MULE,2026-11-27T16:00:00Z").commit();
        Landing.deliver(lake, Feeds.Companies.NAME, "SAMR", D2, "co.csv", "company_id,name,legal_rep_id,phone",
                "91110000MA01XYZ12K,Shell Trading Co.," + ID + "," + PHONE).commit();
        IngestJob ingest = new IngestJob(lake, s -> { });
        ingest.run(spark, D1);
        ingest.run(spark, D2);
        Path key = dir.resolve("keys/pseudonym.key");
        job = new ConformJob(lake, Pseudonymizer.createKeyFile(key), s -> { });
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        job.run(spark, D1);
        job.run(spark, D2);
    }

    private Dataset<Row> silver(SparkSession spark, String table) {
        return DeltaIO.read(spark, lake.silver(table));
    }

    @Test
    void samePhoneGetsTheSameTokenInEveryFeed(SparkSession spark) {
        String fromAccount = silver(spark, Silver.ACCOUNTS).first().getAs(Silver.Accounts.PHONE);
        String fromCall = silver(spark, Silver.CALLS).first().getAs(Silver.Calls.CALLEE);
        String fromIncident = silver(spark, Silver.INCIDENTS).first().getAs(Silver.Incidents.VICTIM_PHONE);
        String fromSubscribers = silver(spark, Silver.SUBSCRIBERS).first().getAs(Silver.Subscribers.PHONE);
        assertTrue(fromAccount.startsWith("ph_"));
        assertEquals(Set.of(fromAccount), new java.util.HashSet<>(List.of(fromCall, fromIncident, fromSubscribers)));
        String counterparty = silver(spark, Silver.TRANSACTIONS).first().getAs(Silver.Transactions.COUNTERPARTY_ACCOUNT_ID);
        String labelled = silver(spark, Silver.CASE_LABELS).filter(col(Silver.CaseLabels.ENTITY_TYPE).equalTo("ACCOUNT"))
                .first().getAs(Silver.CaseLabels.ENTITY_ID);
        assertEquals(labelled, counterparty);
    }

    @Test
    void latestStateWinsAndDuplicatesCollapse(SparkSession spark) {
        assertEquals(1, silver(spark, Silver.ACCOUNTS).count());
        assertEquals("FROZEN", silver(spark, Silver.ACCOUNTS).first().getAs(Silver.Accounts.STATUS));
        assertEquals(1, silver(spark, Silver.CALLS).count());
        Row sub = silver(spark, Silver.SUBSCRIBERS).first();
        assertEquals("CARRIER_Y", sub.getAs(Silver.Subscribers.CARRIER));
        assertEquals(java.sql.Date.valueOf(D2), sub.getAs(Silver.Subscribers.OWNER_SINCE));
    }

    @Test
    void noSilverStringHoldsARawIdentifier(SparkSession spark) {
        for (String table : Silver.ALL) {
            if (!DeltaIO.exists(spark, lake.silver(table))) {
                continue;
            }
            Dataset<Row> t = silver(spark, table);
            for (StructField f : t.schema().fields()) {
                String type = f.dataType().simpleString();
                if (!type.equals("string") && !type.equals("array<string>")) {
                    continue;
                }
                Dataset<Row> text = t.select(type.equals("string") ? col(f.name())
                        : org.apache.spark.sql.functions.concat_ws("|", col(f.name())));
                for (Row r : text.collectAsList()) {
                    String v = r.getString(0);
                    for (String raw : RAW) {
                        assertFalse(v != null && v.contains(raw), table + "." + f.name() + " holds raw " + raw);
                    }
                }
            }
        }
        assertTrue(silver(spark, Silver.INCIDENTS).first().<String>getAs(Silver.Incidents.DESCRIPTION)
                .contains("[number]"));
    }

    @Test
    void vaultMapsTokensBackPerSource(SparkSession spark) {
        String token = silver(spark, Silver.ACCOUNTS).first().getAs(Silver.Accounts.ACCOUNT_ID);
        Row entry = DeltaIO.read(spark, lake.vaultIdentities())
                .filter(col(Silver.Vault.TOKEN).equalTo(token).and(col(Silver.Vault.SOURCE).equalTo("BANK_A")))
                .first();
        assertEquals("BANK_A:" + ACCOUNT, entry.getAs(Silver.Vault.VALUE));
    }

    @Test
    void rerunningADateGivesTheSameSilver(SparkSession spark) {
        Dataset<Row> before = silver(spark, Silver.TRANSACTIONS).localCheckpoint();
        Dataset<Row> vaultBefore = DeltaIO.read(spark, lake.vaultIdentities()).localCheckpoint();
        job.run(spark, D2);
        assertDatasetEquals(before, silver(spark, Silver.TRANSACTIONS));
        assertDatasetEquals(vaultBefore, DeltaIO.read(spark, lake.vaultIdentities()));
    }
}

package org.fraudlake.publish.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.publish.decisions.DecisionsJob.CallerWarnings;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Warnings;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The persons a number flagged tonight talked to: who is warned, at which banks, and the score learned from earlier
 * nights' lists and the police reports that followed them.
 */
@ExtendWith(SparkTestExtension.class)
class FlaggedCallersTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    private static final AsOf AS_OF = new AsOf(D);
    private static final CallerWarnings SETTINGS = CallerWarnings.DEFAULTS;
    private static final StructType FIRED = StructType.fromDDL("_scored_type STRING, _scored_id STRING, model STRING, "
            + "score DOUBLE, reasons ARRAY<STRING>, warning_type STRING, model_action STRING, precision DOUBLE");
    private static final StructType CONTACTS = StructType.fromDDL("caller STRING, callee STRING, voice_cnt BIGINT, "
            + "duration_s BIGINT, business_date DATE");
    private static final StructType SUBSCRIBERS = StructType.fromDDL("phone STRING, carrier STRING, holder_id STRING");
    private static final StructType ACCOUNTS = StructType.fromDDL("account_id STRING, bank STRING, holder_id STRING");
    private static final StructType INTERCEPT = StructType.fromDDL("entity_type STRING, entity_id STRING, "
            + "status STRING, sent BOOLEAN, business_date DATE");
    private static final StructType INCIDENTS = StructType.fromDDL("victim_id STRING, victim_phone STRING, "
            + "reported_at TIMESTAMP, business_date DATE");

    private static Row fired(String type, String id, String model, double score, String action) {
        return RowFactory.create(type, id, model, score, List.of("why"), "FRAUD_PHONE", action, 0.95);
    }

    private static Row talk(String caller, String callee, long voice, long seconds, LocalDate day) {
        return RowFactory.create(caller, callee, voice, seconds, Date.valueOf(day));
    }

    private static Dataset<Row> frame(SparkSession spark, StructType schema, Row... rows) {
        return spark.createDataFrame(List.of(rows), schema);
    }

    private static Dataset<Row> subscribers(SparkSession spark) {
        return frame(spark, SUBSCRIBERS,
                RowFactory.create("ph_v", "CARRIER_X", "id_v"),
                RowFactory.create("ph_w", "CARRIER_X", "id_w"),
                RowFactory.create("ph_short", "CARRIER_X", "id_short"),
                RowFactory.create("ph_sms", "CARRIER_X", "id_sms"),
                RowFactory.create("ph_old", "CARRIER_X", "id_old"),
                RowFactory.create("ph_quiet", "CARRIER_X", "id_quiet"),
                RowFactory.create("ph_f2", "CARRIER_X", "id_f"),
                RowFactory.create("ph_f", "CARRIER_X", "id_f"),
                RowFactory.create("ph_p1", "CARRIER_X", "id_p1"),
                RowFactory.create("ph_p2", "CARRIER_X", "id_p2"),
                RowFactory.create("ph_p3", "CARRIER_X", "id_p3"));
    }

    @Test
    void thePersonsAFlaggedNumberTalkedToAreWarnedAtEachOfTheirBanks(SparkSession spark) {
        Dataset<Row> fired = frame(spark, FIRED,
                fired("PHONE", "ph_f", "fraud_phone", 0.93, "BLOCK"),
                fired("PHONE", "ph_q", "fraud_phone", 0.40, "CONTACT_VICTIM"),
                fired("ACCOUNT", "acc_x", "money_mule", 0.90, "FREEZE"));
        Dataset<Row> contacts = frame(spark, CONTACTS,
                talk("ph_f", "ph_v", 2, 900, D),
                talk("ph_f", "ph_w", 1, 300, D.minusDays(1)),
                talk("ph_f", "ph_short", 3, 40, D),
                talk("ph_f", "ph_sms", 0, 0, D),
                talk("ph_f", "ph_old", 1, 600, D.minusDays(2)),
                talk("ph_f", "ph_f2", 1, 600, D),
                talk("ph_q", "ph_quiet", 1, 600, D));
        Dataset<Row> accounts = frame(spark, ACCOUNTS,
                RowFactory.create("acc_v1", "BANK_A", "id_v"),
                RowFactory.create("acc_v2", "BANK_B", "id_v"),
                RowFactory.create("acc_w", "BANK_A", "id_w"),
                RowFactory.create("acc_old", "BANK_A", "id_old"),
                RowFactory.create("acc_f", "BANK_A", "id_f"),
                RowFactory.create("acc_short", "BANK_A", "id_short"));
        Dataset<Row> learned = FlaggedCallers.learned(frame(spark, INTERCEPT), frame(spark, CONTACTS),
                subscribers(spark), frame(spark, INCIDENTS), AS_OF, SETTINGS);

        List<Row> rows = FlaggedCallers.evidence(fired, contacts, subscribers(spark), accounts, learned, AS_OF, SETTINGS)
                .collectAsList();
        Map<String, Row> byAccount = rows.stream().collect(Collectors.toMap(
                r -> r.getAs(InterceptList.ENTITY_ID), r -> r));
        assertEquals(java.util.Set.of("acc_v1", "acc_v2", "acc_w"), byAccount.keySet(),
                "not 40 s of talk, not SMS, not three days ago, not the caller's own holder, not a number that was "
                        + "not flagged for blocking");
        Row v1 = byAccount.get("acc_v1");
        assertEquals("BANK_A", v1.getAs(InterceptList.PARTNER));
        assertEquals("BANK_B", byAccount.get("acc_v2").getAs(InterceptList.PARTNER));
        assertEquals("id_v", v1.getAs(VictimWarnings.PERSON_ID));
        assertEquals(Warnings.FLAGGED_CALLER, v1.getAs(Evidence.MODEL));
        assertEquals("CONTACT_VICTIM", v1.getAs(Evidence.MODEL_ACTION));
        assertEquals("VICTIM_AT_RISK", v1.getAs(InterceptList.WARNING_TYPE));
        assertEquals(0.2, v1.<Double>getAs(InterceptList.SCORE), 1e-12, "no history: the prior");
        String reason = v1.<scala.collection.Seq<String>>getAs(InterceptList.REASONS).head();
        assertTrue(reason.startsWith("talked 15 min on " + D + " with a number flagged tonight as a fraud phone (score"
                + " 0.93); no earlier outcome yet"), reason);
        assertFalse(reason.contains("ph_f"), "the caller's number is the carrier's data: " + reason);
        assertEquals(Evidence.COLUMNS, List.of(FlaggedCallers.evidence(fired, contacts, subscribers(spark), accounts,
                learned, AS_OF, SETTINGS).columns()));
    }

    @Test
    void theScoreIsTheShareOfEarlierCalledPersonsReportedAsVictimsSince(SparkSession spark) {
        LocalDate flaggedOn = D.minusDays(10);
        Dataset<Row> intercept = frame(spark, INTERCEPT,
                RowFactory.create("PHONE", "ph_f", "NEW", true, Date.valueOf(flaggedOn)),
                RowFactory.create("PHONE", "ph_g", "QUEUED", false, Date.valueOf(flaggedOn)),
                RowFactory.create("PHONE", "ph_h", "NEW", true, Date.valueOf(D.minusDays(1))),
                RowFactory.create("ACCOUNT", "ph_f", "NEW", true, Date.valueOf(flaggedOn)));
        Dataset<Row> contacts = frame(spark, CONTACTS,
                talk("ph_f", "ph_p1", 1, 600, flaggedOn),
                talk("ph_f", "ph_p2", 1, 600, flaggedOn.minusDays(1)),
                talk("ph_f", "ph_p3", 1, 600, flaggedOn),
                talk("ph_f", "ph_v", 1, 600, flaggedOn.minusDays(2)),
                talk("ph_g", "ph_w", 1, 600, flaggedOn),
                talk("ph_h", "ph_old", 1, 600, D.minusDays(1)));
        Timestamp reported = Timestamp.valueOf(flaggedOn.plusDays(2).atStartOfDay());
        Dataset<Row> incidents = frame(spark, INCIDENTS,
                RowFactory.create("id_p1", null, reported, Date.valueOf(flaggedOn.plusDays(2))),
                RowFactory.create(null, "ph_p2", reported, Date.valueOf(flaggedOn.plusDays(2))),
                RowFactory.create("id_p3", null, Timestamp.valueOf(flaggedOn.minusDays(5).atStartOfDay()),
                        Date.valueOf(flaggedOn.minusDays(5))),
                RowFactory.create("id_w", null, reported, Date.valueOf(flaggedOn.plusDays(2))),
                RowFactory.create("id_old", null, reported, Date.valueOf(D)),
                RowFactory.create("id_v", null, Timestamp.valueOf(D.plusDays(1).atStartOfDay()),
                        Date.valueOf(D.plusDays(1))));

        Row learned = FlaggedCallers.learned(intercept, contacts, subscribers(spark), incidents, AS_OF, SETTINGS)
                .first();
        assertEquals(3L, learned.<Long>getAs(FlaggedCallers.N),
                "id_p1 and id_p2 talked to the sent ph_f the day it was flagged and the day before; id_p3 too; id_v's"
                        + " talk was three days before; ph_g was queued, not sent; ph_h is too recent to learn from");
        assertEquals(2L, learned.<Long>getAs(FlaggedCallers.VICTIMS),
                "id_p1 by ID and id_p2 by number, reported after the call; id_p3's report came before it");
        assertEquals((2 + 0.2 * 5) / (3 + 5), learned.<Double>getAs(FlaggedCallers.ESTIMATE), 1e-12);
    }
}

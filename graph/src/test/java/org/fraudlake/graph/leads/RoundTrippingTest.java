package org.fraudlake.graph.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class RoundTrippingTest {
    private final SparkSession spark;

    RoundTrippingTest(SparkSession spark) {
        this.spark = spark;
    }

    private static LeadFixtures firms() {
        return new LeadFixtures()
                .account("a1", "BANK_A", "c1", "COMPANY").account("a2", "BANK_B", "c2", "COMPANY")
                .account("a3", "BANK_C", "c3", "COMPANY").account("a4", "BANK_D", "c4", "COMPANY");
    }

    @Test
    void findsMoneyGoingRoundFourFirmsMinusAFee() {
        LeadFixtures f = firms()
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 0)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 1_996_000, 60)
                .transfer("a3", "BANK_C", "a4", "BANK_D", 1_992_000, 200)
                .transfer("a4", "BANK_D", "a1", "BANK_A", 1_988_000, 400)
                .transfer("a1", "BANK_A", "x9", "EXT_ICBC", 300_000, 500);
        List<Row> leads = RoundTripping.detect(f.flows(spark), LeadFixtures.DAY).collectAsList();
        assertEquals(1, leads.size());
        Row lead = leads.get(0);
        assertEquals("round_tripping", lead.getAs(Leads.TYPOLOGY));
        assertEquals(4L, (long) lead.getAs(Leads.TXN_COUNT));
        assertEquals(0, new java.math.BigDecimal("7976000.00").compareTo(lead.getAs(Leads.TOTAL_AMOUNT)));
        assertEquals(8, lead.getList(lead.fieldIndex(Leads.MEMBERS)).size(), "4 accounts and 4 firms");
        double score = lead.getAs(Leads.SCORE);
        assertTrue(score > 0.5 && score <= 1.0, "score " + score);
    }

    @Test
    void theCycleRulesAreSettings() {
        LeadFixtures f = firms()
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 0)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 1_996_000, 60)
                .transfer("a3", "BANK_C", "a4", "BANK_D", 1_992_000, 200)
                .transfer("a4", "BANK_D", "a1", "BANK_A", 1_988_000, 400);
        Dataset<Row> flows = f.flows(spark);
        assertEquals(1, detect(flows, Map.of()).count());
        assertEquals(0, detect(flows, Map.of("round-tripping.max-hops", "3")).count(), "four hops, at most three");
        assertEquals(0, detect(flows, Map.of("round-tripping.min-amount", "1990000")).count(),
                "the last hop is under the smallest amount");
        assertEquals(0, detect(flows, Map.of("round-tripping.min-hop-ratio", "0.999")).count(),
                "each hop keeps 0.2 %, more than the fee allowed");
        assertEquals(1, detect(flows, Map.of("round-tripping.max-hop-hours", "4")).count(),
                "the hops leave within 200 minutes");
        assertEquals(0, detect(flows, Map.of("round-tripping.max-hop-hours", "3")).count());
    }

    @Test
    void twoFirmsPayingEachOtherBackAreACycleUnlessTheFewestHopsAreRaised() {
        // the detector closed cycles of two transfers before its thresholds were settings (MIN_HOPS = 3 was read
        // as hop + 1 >= 3), so round-tripping.min-hops defaults to 2; 3 asks for three firms at least
        LeadFixtures f = firms()
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 0)
                .transfer("a2", "BANK_B", "a1", "BANK_A", 1_996_000, 60);
        Dataset<Row> flows = f.flows(spark);
        assertEquals(1, detect(flows, Map.of()).count());
        assertEquals(0, detect(flows, Map.of("round-tripping.min-hops", "3")).count());
    }

    private static Dataset<Row> detect(Dataset<Row> flows, Map<String, String> rules) {
        return RoundTripping.detect(flows, LeadFixtures.DAY, LeadRules.of(rules), new Checkpoints());
    }

    @Test
    void ignoresGroupFeesSupplyChainsAndCyclesThatLoseTheMoney() {
        LeadFixtures f = firms()
                .transfer("a2", "BANK_B", "a1", "BANK_A", 400_000, 0)
                .transfer("a3", "BANK_C", "a1", "BANK_A", 300_000, 5)
                .transfer("a1", "BANK_A", "a2", "BANK_B", 1_000_000, 60)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 600_000, 120)
                .transfer("a3", "BANK_C", "a1", "BANK_A", 200_000, 180)
                .transfer("a3", "BANK_C", "a4", "BANK_D", 590_000, 240);
        assertEquals(0, RoundTripping.detect(f.flows(spark), LeadFixtures.DAY).count());
    }

    @Test
    void ignoresMoneyThatComesBackBeforeItLeft() {
        LeadFixtures f = firms()
                .transfer("a1", "BANK_A", "a2", "BANK_B", 2_000_000, 600)
                .transfer("a2", "BANK_B", "a3", "BANK_C", 1_996_000, 700)
                .transfer("a3", "BANK_C", "a1", "BANK_A", 1_990_000, 100);
        assertEquals(0, RoundTripping.detect(f.flows(spark), LeadFixtures.DAY).count());
    }

    @Test
    void ignoresOnePersonCyclingSavingsThroughTheirOwnAccounts() {
        LeadFixtures f = new LeadFixtures()
                .account("p1", "BANK_A", "me", "PERSON").account("p2", "BANK_B", "me", "PERSON")
                .account("p3", "BANK_C", "me", "PERSON")
                .transfer("p1", "BANK_A", "p2", "BANK_B", 200_000, 0)
                .transfer("p2", "BANK_B", "p3", "BANK_C", 200_000, 60)
                .transfer("p3", "BANK_C", "p1", "BANK_A", 200_000, 120);
        assertEquals(0, RoundTripping.detect(f.flows(spark), LeadFixtures.DAY).count());
    }
}

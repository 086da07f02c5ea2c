package org.fraudlake.graph.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each typology is found on a small hand-built case and not on its legitimate look-alike. */
@ExtendWith(SparkTestExtension.class)
class DetectorsTest {
    private static final long DAY_MIN = 24 * 60;
    private final SparkSession spark;

    DetectorsTest(SparkSession spark) {
        this.spark = spark;
    }

    static Set<String> roles(Row lead, String role) {
        Set<String> out = new TreeSet<>();
        for (Row m : lead.<Row>getList(lead.fieldIndex(Leads.MEMBERS))) {
            if (role.equals(m.getAs(Member.ROLE))) {
                out.add(m.getAs(Member.ID));
            }
        }
        return out;
    }

    private static LeadFixtures shells(long capital, boolean internal) {
        LeadFixtures f = new LeadFixtures()
                .company("s1", "rep", capital, "Room 1, Tower A", "ph1")
                .company("s2", "rep", capital, "room 1,  tower a", "ph1")
                .company("s3", "rep2", capital, "Room 1, Tower A", "ph9")
                .company("lone", "other", 100_000, "elsewhere", "ph5")
                .account("a1", "BANK_A", "s1", "COMPANY").account("a2", "BANK_B", "s2", "COMPANY")
                .account("a3", "BANK_C", "s3", "COMPANY");
        if (internal) {
            f.transfer("a1", "BANK_A", "a2", "BANK_B", 3_000_000, 0)
                    .transfer("a2", "BANK_B", "a3", "BANK_C", 2_990_000, 100)
                    .transfer("a3", "BANK_C", "a1", "BANK_A", 2_980_000, 200);
        } else {
            for (int i = 0; i < 30; i++) {
                f.transfer("a" + (1 + i % 3), "BANK_A", "emp" + i, "BANK_E", 200_000, i * 10L);
            }
            f.transfer("a2", "BANK_B", "a1", "BANK_A", 300_000, 500);
        }
        return f;
    }

    private Dataset<Row> shellLeads(LeadFixtures f) {
        return ShellCompany.detect(f.companies(spark), f.accounts(spark), f.flows(spark), LeadFixtures.DAY);
    }

    @Test
    void shellCompaniesSharingRepAddressPhoneWithLittleCapitalAndLargeInternalFlows() {
        List<Row> leads = shellLeads(shells(50_000, true)).collectAsList();
        assertEquals(1, leads.size());
        assertEquals(Set.of("s1", "s2", "s3"), roles(leads.get(0), "SHELL"));
        assertEquals(Set.of("rep", "rep2"), roles(leads.get(0), "LEGAL_REP"));
        assertEquals(3L, (long) leads.get(0).getAs(Leads.TXN_COUNT));
    }

    @Test
    void firmGroupWithRealCapitalPayingStaffIsNotAShellLead() {
        assertEquals(0, shellLeads(shells(5_000_000, true)).count(), "real capital");
        assertEquals(0, shellLeads(shells(50_000, false)).count(), "money goes outside the group");
    }

    @Test
    void theShellCompanyRulesAreSettings() {
        LeadFixtures shells = shells(50_000, true);
        assertEquals(0, ShellCompany.detect(shells.companies(spark), shells.accounts(spark), shells.flows(spark),
                LeadFixtures.DAY, LeadRules.of(Map.of("shell-company.max-capital", "40000"))).count(),
                "50,000 is not little any more");
        LeadFixtures real = shells(5_000_000, true);
        assertEquals(1, ShellCompany.detect(real.companies(spark), real.accounts(spark), real.flows(spark),
                LeadFixtures.DAY, LeadRules.of(Map.of("shell-company.max-capital", "5000000",
                        "shell-company.min-flow-to-capital", "0.5"))).count(),
                "the look-alike with real capital is a lead when its capital counts as little and 0.6 times it moves");
    }

    @Test
    void depositsAndTransfersJustUnderTheLinesSweptOnAreAStructuringRing() {
        LeadFixtures f = structurer(49_000, 150, 4_950, 150_000, 90_000);
        List<Row> leads = StructuringRing.detect(f.flows(spark), LeadFixtures.DAY).collectAsList();
        assertEquals(1, leads.size());
        Row lead = leads.get(0);
        assertEquals(Set.of("joe"), roles(lead, "STRUCTURER"));
        assertEquals(Set.of("s1", "s2"), roles(lead, "STRUCTURING_ACCOUNT"));
        assertEquals(Set.of("rel1", "out1"), roles(lead, "RECEIVER"));
        assertEquals(12L, (long) lead.getAs(Leads.TXN_COUNT));
    }

    @Test
    void theStructuringLinesAreTheCitysSettings() {
        // a city whose large-cash line is 20,000 and whose banks review transfers from 2,000: deposits of
        // 19,700..19,900 and transfers of 1,980.. are structured under them, and nothing at 49,000 is
        org.fraudlake.pipelines.features.ReportingLines lines = new org.fraudlake.pipelines.features.ReportingLines(
                new java.math.BigDecimal("20000"), new java.math.BigDecimal("2000"),
                List.of(new java.math.BigDecimal("2000"), new java.math.BigDecimal("20000")),
                new java.math.BigDecimal("0.9"), new java.math.BigDecimal("0.98"));
        LeadFixtures f = structurer(19_700, 50, 1_985, 60_000, 40_000);
        assertEquals(1, StructuringRing.detect(f.flows(spark), LeadFixtures.DAY, lines).count());
        assertEquals(0, StructuringRing.detect(f.flows(spark), LeadFixtures.DAY).count(),
                "under the default lines (50,000 and 5,000) the same amounts are nothing");
    }

    /**
     * Joe, with accounts s1 and s2, deposits cash (from {@code cash}, rising by {@code step} a day) on five days,
     * alternating accounts, transfers {@code transfer} (rising by 1) to rel1 each day, then sweeps both accounts to out1.
     */
    private static LeadFixtures structurer(double cash, double step, double transfer, double sweep1, double sweep2) {
        LeadFixtures f = new LeadFixtures()
                .account("s1", "BANK_A", "joe", "PERSON").account("s2", "BANK_B", "joe", "PERSON");
        for (int d = 0; d < 5; d++) {
            f.cash(d % 2 == 0 ? "s1" : "s2", d % 2 == 0 ? "BANK_A" : "BANK_B", cash + step * d, d * DAY_MIN + 600);
            f.transfer("s1", "BANK_A", "rel1", "BANK_C", transfer + d, d * DAY_MIN + 700, "MOBILE");
        }
        f.transfer("s1", "BANK_A", "out1", "EXT_ICBC", sweep1, 5 * DAY_MIN);
        f.transfer("s2", "BANK_B", "out1", "EXT_ICBC", sweep2, 5 * DAY_MIN + 10);
        return f;
    }

    @Test
    void shopTakingsAndPhonePurchasesAreNotStructuring() {
        LeadFixtures f = new LeadFixtures().account("shop", "BANK_A", "owner", "PERSON")
                .account("buyer", "BANK_B", "pat", "PERSON");
        double[] takings = {31_000, 49_500, 62_000, 44_000, 49_900, 70_500, 38_000, 55_000, 49_200, 41_000, 66_000, 49_800};
        for (int d = 0; d < takings.length; d++) {
            f.cash("shop", "BANK_A", takings[d], d * DAY_MIN + 1_100);
        }
        f.transfer("shop", "BANK_A", "supplier", "EXT_CCB", 300_000, 13 * DAY_MIN);
        f.transfer("buyer", "BANK_B", "phone_shop", "BANK_C", 4_999, 100, "POS");
        f.transfer("buyer", "BANK_B", "phone_shop", "BANK_C", 4_999, DAY_MIN, "POS");
        assertEquals(0, StructuringRing.detect(f.flows(spark), LeadFixtures.DAY).count());
    }

    private static LeadFixtures ring(boolean customers) {
        LeadFixtures f = new LeadFixtures()
                .account("r1", "BANK_A", "op", "PERSON").account("r2", "BANK_B", "op", "PERSON")
                .account("r3", "BANK_C", "x", "PERSON").account("r4", "BANK_D", "y", "PERSON");
        String[] ring = {"r1", "r2", "r3", "r4"};
        String[] banks = {"BANK_A", "BANK_B", "BANK_C", "BANK_D"};
        for (int i = 0; i < 16; i++) {
            int c = i % 4;
            int h = (c + 1 + i % 3) % 4;
            double amount = new double[] {20_000, 50_000, 100_000, 30_000}[i % 4];
            String payer = customers ? "cust" + (i % 5) : "r" + (1 + (c + 3) % 4);
            f.transfer(payer, customers ? "EXT_ICBC" : banks[(c + 3) % 4], ring[c], banks[c], amount, i * 300L);
            f.transfer(ring[c], banks[c], ring[h], banks[h], amount, i * 300L + 30);
            f.transfer(ring[h], banks[h], "recv" + (i % 3), "EXT_CCB", amount - 1_000, i * 300L + 90);
        }
        return f;
    }

    @Test
    void ringOfPersonalAccountsMovingRoundSumsManyToManyIsUndergroundBanking() {
        List<Row> leads = UndergroundBanking.detect(ring(true).flows(spark), LeadFixtures.DAY).collectAsList();
        assertEquals(1, leads.size());
        assertEquals(Set.of("r1", "r2", "r3", "r4"), roles(leads.get(0), "RING_ACCOUNT"));
        assertEquals(5, roles(leads.get(0), "CUSTOMER").size());
        assertEquals(3, roles(leads.get(0), "RECIPIENT").size());
    }

    @Test
    void theUndergroundBankingRulesAreSettings() {
        Dataset<Row> flows = ring(true).flows(spark);
        assertEquals(0, UndergroundBanking.detect(flows, LeadFixtures.DAY,
                LeadRules.of(Map.of("underground-banking.min-customers", "6")), new Checkpoints()).count(),
                "five customers, six needed");
        assertEquals(0, UndergroundBanking.detect(flows, LeadFixtures.DAY,
                LeadRules.of(Map.of("underground-banking.round-unit", "100000")), new Checkpoints()).count(),
                "20,000 and 50,000 are not round in hundred thousands");
        assertEquals(1, UndergroundBanking.detect(flows, LeadFixtures.DAY,
                LeadRules.of(Map.of("underground-banking.min-ring", "4")), new Checkpoints()).count(),
                "the ring has four accounts");
    }

    @Test
    void payrollShopsAndOwnAccountMovesAreNotUndergroundBanking() {
        LeadFixtures f = new LeadFixtures().account("firm", "BANK_A", "co", "COMPANY")
                .account("shop", "BANK_B", "shopco", "COMPANY")
                .account("me1", "BANK_A", "me", "PERSON").account("me2", "BANK_C", "me", "PERSON")
                .account("landlord", "BANK_D", "ll", "PERSON");
        for (int i = 0; i < 20; i++) {
            f.transfer("firm", "BANK_A", "emp" + i, "BANK_E", 8_000, i);
            f.transfer("cust" + i, "EXT_ICBC", "shop", "BANK_B", 37.5 + i, 100 + i, "POS");
            f.transfer("tenant" + i, "EXT_ABC", "landlord", "BANK_D", 3_000, 200 + i);
        }
        for (int i = 0; i < 6; i++) {
            f.transfer("me1", "BANK_A", "me2", "BANK_C", 20_000, 300 + i * DAY_MIN);
            f.transfer("me2", "BANK_C", "me1", "BANK_A", 20_000, 400 + i * DAY_MIN);
        }
        assertEquals(0, UndergroundBanking.detect(f.flows(spark), LeadFixtures.DAY).count());
    }

    @Test
    void firmTakingInvestmentsPayingTheSamePeopleBackInBatchesAndSiphoningIsFundraising() {
        LeadFixtures f = new LeadFixtures().account("fund", "BANK_A", "wealthco", "COMPANY");
        for (int i = 0; i < 8; i++) {
            f.account("inv" + i, "BANK_B", "person" + i, "PERSON");
            f.transfer("inv" + i, "BANK_B", "fund", "BANK_A", 50_000 + 10_000 * i, i * 60L);
        }
        for (int week = 1; week <= 2; week++) {
            for (int i = 0; i < 8; i++) {
                f.transfer("fund", "BANK_A", "inv" + i, "BANK_B", 300 + i, week * 7 * DAY_MIN + 600 + i);
            }
        }
        f.transfer("fund", "BANK_A", "boss_offshore", "EXT_BOC", 400_000, 3 * DAY_MIN);
        List<Row> leads = IllegalFundraising.detect(f.flows(spark), LeadFixtures.DAY).collectAsList();
        assertEquals(1, leads.size());
        assertEquals(Set.of("wealthco"), roles(leads.get(0), "FUNDRAISER"));
        assertEquals(8, roles(leads.get(0), "INVESTOR").size());
        assertEquals(Set.of("boss_offshore"), roles(leads.get(0), "SIPHON_RECEIVER"));
    }

    @Test
    void payrollPensionsAndBusyShopsAreNotFundraising() {
        LeadFixtures f = new LeadFixtures().account("employer", "BANK_A", "co", "COMPANY")
                .account("shop", "BANK_B", "shopco", "COMPANY");
        for (int i = 0; i < 10; i++) {
            f.account("emp" + i, "BANK_C", "worker" + i, "PERSON").account("cust" + i, "BANK_D", "buyer" + i, "PERSON");
            f.transfer("employer", "BANK_A", "emp" + i, "BANK_C", 6_000 + i, 600 + i);
            f.transfer("employer", "BANK_A", "emp" + i, "BANK_C", 6_000 + i, 30 * DAY_MIN / 2 + i);
            f.transfer("cust" + i, "BANK_D", "shop", "BANK_B", 1_200 + i, 100 + i);
            f.transfer("shop", "BANK_B", "emp" + i, "BANK_C", 4_000, 800 + i);
        }
        f.transfer("client", "EXT_ICBC", "employer", "BANK_A", 500_000, 10);
        assertEquals(0, IllegalFundraising.detect(f.flows(spark), LeadFixtures.DAY).count());
    }

    @Test
    void coBiddersSharingAnIpRotatingWinsWithCoverBidsArePaidOffAsBidRigging() {
        LeadFixtures f = new LeadFixtures().account("acc1", "BANK_A", "b1", "COMPANY")
                .account("acc2", "BANK_B", "b2", "COMPANY").account("acc3", "BANK_C", "b3", "COMPANY");
        riggedBids(f);
        f.transfer("acc1", "BANK_A", "acc2", "BANK_B", 15_000, 5 * DAY_MIN);
        List<Row> leads = BidRigging.detect(f.tenders(spark), f.accounts(spark), f.flows(spark), LeadFixtures.DAY)
                .collectAsList();
        assertEquals(1, leads.size());
        assertEquals(Set.of("b1", "b2", "b3"), roles(leads.get(0), "BIDDER"));
        assertEquals(Set.of("agent"), roles(leads.get(0), "BID_AGENT"));
        assertTrue((double) leads.get(0).getAs(Leads.SCORE) > 0.8);
    }

    private static void riggedBids(LeadFixtures f) {
        String[] ring = {"b1", "b2", "b3"};
        for (int t = 0; t < 4; t++) {
            long minute = t * 3 * DAY_MIN;
            double base = 1_000_000 + 100_000 * t;
            int winner = t % 3;
            for (int k = 0; k < 3; k++) {
                double amount = k == winner ? base : base * (1.02 + 0.01 * k);
                f.bid("T" + t, ring[k], amount, minute + k * 5, "10.0.0.1", k < 2 ? "ph_agent" : "ph" + k, "agent",
                        k == winner);
            }
            f.bid("T" + t, "honest" + t, base * 1.2, minute + 60, "10.9.9." + t, "ph_h" + t, "h" + t, false);
        }
    }

    @Test
    void theCoverBidSpreadIsASetting() {
        LeadFixtures f = new LeadFixtures().account("acc1", "BANK_A", "b1", "COMPANY")
                .account("acc2", "BANK_B", "b2", "COMPANY").account("acc3", "BANK_C", "b3", "COMPANY");
        riggedBids(f);
        assertEquals(1, BidRigging.detect(f.tenders(spark), f.accounts(spark), f.flows(spark), LeadFixtures.DAY,
                LeadRules.of(Map.of("bid-rigging.max-cover", "0.05")), new Checkpoints()).count());
        assertEquals(0, BidRigging.detect(f.tenders(spark), f.accounts(spark), f.flows(spark), LeadFixtures.DAY,
                LeadRules.of(Map.of("bid-rigging.max-cover", "0.02")), new Checkpoints()).count(),
                "cover bids 2 to 4 % above the winner are not tight within 2 %");
    }

    @Test
    void anAgencyFilingForUnrelatedFirmsIsNotBidRigging() {
        LeadFixtures f = new LeadFixtures();
        for (int t = 0; t < 4; t++) {
            long minute = t * 3 * DAY_MIN;
            double base = 1_000_000;
            f.bid("T" + t, "f1", base * 1.08, minute, "10.1.1.1", "ph_agency", "agency_clerk", false);
            f.bid("T" + t, "f2", base * 0.97, minute + 5, "10.1.1.1", "ph_agency", "agency_clerk", false);
            f.bid("T" + t, "out" + t, base * 0.9, minute + 9, "10.2.2." + t, "ph_o" + t, "o" + t, true);
        }
        assertEquals(0, BidRigging.detect(f.tenders(spark), f.accounts(spark), f.flows(spark), LeadFixtures.DAY).count());
    }
}

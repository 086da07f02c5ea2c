package org.fraudlake.graph.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fraudlake.graph.series.SeriesLinker;
import org.fraudlake.schemas.tables.Published.Typology;
import org.junit.jupiter.api.Test;

class LeadRulesTest {
    /** The values the detectors and the linker held as constants before they were settings. */
    private static final Map<String, String> BEFORE = before();

    private static Map<String, String> before() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("round-tripping.min-amount", "100000");
        m.put("round-tripping.max-hop-hours", "72"); // MAX_HOP_SECONDS = 3 x 24 x 3600
        m.put("round-tripping.min-hop-ratio", "0.97");
        m.put("round-tripping.min-hops", "2"); // MIN_HOPS = 3 was read as hop + 1 >= 3: 2-transfer cycles closed
        m.put("round-tripping.max-hops", "5");
        m.put("underground-banking.round-unit", "1000");
        m.put("underground-banking.min-round", "10000");
        m.put("underground-banking.min-round-in", "3");
        m.put("underground-banking.min-round-out", "3");
        m.put("underground-banking.min-round-volume", "100000");
        m.put("underground-banking.min-pass", "0.7");
        m.put("underground-banking.max-pass", "1.3");
        m.put("underground-banking.min-ring", "3");
        m.put("underground-banking.min-banks", "2");
        m.put("underground-banking.min-customers", "2");
        m.put("underground-banking.min-recipients", "2");
        m.put("illegal-fundraising.min-investment", "1000");
        m.put("illegal-fundraising.min-investors", "5");
        m.put("illegal-fundraising.min-batch", "5");
        m.put("illegal-fundraising.min-returned", "3");
        m.put("illegal-fundraising.min-returned-share", "0.2");
        m.put("illegal-fundraising.min-siphon", "100000");
        m.put("shell-company.max-capital", "1000000");
        m.put("shell-company.min-low-capital", "2");
        m.put("shell-company.min-flow-to-capital", "10");
        m.put("shell-company.min-internal-share", "0.5");
        m.put("shell-company.min-internal-amount", "1000000");
        m.put("shell-company.max-shared", "20");
        m.put("structuring-ring.min-band", "4");
        m.put("structuring-ring.min-days", "3");
        m.put("structuring-ring.min-band-share", "0.5");
        m.put("structuring-ring.min-swept-share", "0.3");
        m.put("structuring-ring.min-sweep", "10000");
        m.put("bid-rigging.min-shared-tenders", "2");
        m.put("bid-rigging.min-tight-tenders", "2");
        m.put("bid-rigging.max-cover", "0.06");
        m.put("incident-series.lookback-days", "90");
        m.put("incident-series.open-days", "30");
        m.put("incident-series.max-gap-days", "14");
        m.put("incident-series.radius-metres", "1000");
        m.put("incident-series.min-members", "3");
        return m;
    }

    @Test
    void everyRuleIsDocumentedAndDefaultsToTheValueItHadAsAConstant() {
        List<LeadRules.Rule> all = LeadRules.all();
        assertEquals(List.copyOf(BEFORE.keySet()), all.stream().map(LeadRules.Rule::key).toList());
        Set<String> groups = java.util.stream.Stream.concat(java.util.Arrays.stream(Typology.values())
                .map(t -> t.code().replace('_', '-')), java.util.stream.Stream.of("incident-series"))
                .collect(Collectors.toSet());
        for (LeadRules.Rule r : all) {
            assertEquals(0, new BigDecimal(BEFORE.get(r.key())).compareTo(new BigDecimal(r.defaultValue())), r.key());
            assertTrue(groups.contains(r.key().substring(0, r.key().indexOf('.'))), r.key());
            assertTrue(r.key().matches("[a-z-]+\\.[a-z-]+"), r.key());
            assertTrue(r.doc().length() > 20, r.key());
        }
        assertEquals(0, new BigDecimal("100000").compareTo(LeadRules.DEFAULTS.amount(RoundTripping.MIN_AMOUNT)));
        assertEquals(5, LeadRules.DEFAULTS.count(RoundTripping.MAX_HOPS));
        assertEquals(0.97, LeadRules.DEFAULTS.share(RoundTripping.MIN_HOP_RATIO));
        assertEquals(SeriesLinker.Settings.DEFAULTS, LeadRules.DEFAULTS.series());
        assertEquals(LeadRules.DEFAULTS, LeadRules.of(BEFORE));
    }

    @Test
    void aSetRuleIsReadExactlyAndTheOthersKeepTheirDefaults() {
        LeadRules rules = LeadRules.of(Map.of("round-tripping.min-amount", "49999.99",
                "incident-series.radius-metres", "250", "bid-rigging.max-cover", "0.04", "round-tripping.min-hops",
                "3.0"));
        assertEquals(new BigDecimal("49999.99"), rules.amount(RoundTripping.MIN_AMOUNT));
        assertEquals(3, rules.count(RoundTripping.MIN_HOPS), "3.0 is a whole number");
        assertEquals(0.04, rules.share(BidRigging.MAX_COVER));
        assertEquals(new SeriesLinker.Settings(90, 30, 14, 250, 3), rules.series());
        assertEquals(LeadRules.DEFAULTS.amount(ShellCompany.MAX_CAPITAL), rules.amount(ShellCompany.MAX_CAPITAL));
        assertEquals(0, new BigDecimal("100000").compareTo(LeadRules.of(Map.of("round-tripping.min-amount", "1E+5"))
                .amount(RoundTripping.MIN_AMOUNT)));
        assertTrue(LeadRules.of(Map.of("round-tripping.min-amount", "1E+5")).amount(RoundTripping.MIN_AMOUNT)
                .scale() >= 0, "no negative scale: Spark refuses such decimal literals");
    }

    @Test
    void anUnknownKeyIsRefusedListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("round-tripping.min-amout", "5")));
        assertTrue(e.getMessage().contains("leads.round-tripping.min-amout"), e.getMessage());
        assertTrue(e.getMessage().contains("leads.round-tripping.min-amount"), e.getMessage());
        assertTrue(e.getMessage().contains("leads.incident-series.min-members"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheValue() {
        refused("underground-banking.min-round", "ten thousand", "must be a number");
        refused("shell-company.max-capital", "-1", "negative");
        refused("illegal-fundraising.min-investors", "4.5", "whole number");
        refused("incident-series.open-days", "2.5", "whole number");
        refused("structuring-ring.min-band-share", "1.5", "from 0 to 1");
        refused("bid-rigging.min-tight-tenders", "", "must be a number");
    }

    private static void refused(String key, String value, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of(key, value)), key + "=" + value);
        assertTrue(e.getMessage().contains("leads." + key) && e.getMessage().contains("'" + value + "'")
                && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void rulesThatContradictEachOtherAreRefusedNamingBoth() {
        IllegalArgumentException hops = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("round-tripping.min-hops", "6")));
        assertTrue(hops.getMessage().contains("leads.round-tripping.min-hops = 6")
                && hops.getMessage().contains("leads.round-tripping.max-hops = 5"), hops.getMessage());
        IllegalArgumentException pass = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("underground-banking.min-pass", "0.9", "underground-banking.max-pass", "0.8")));
        assertTrue(pass.getMessage().contains("leads.underground-banking.min-pass = 0.9")
                && pass.getMessage().contains("leads.underground-banking.max-pass = 0.8"), pass.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("round-tripping.min-hops", "1")));
        assertTrue(one.getMessage().contains("leads.round-tripping.min-hops = 1"), one.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("underground-banking.round-unit", "0")));
        assertTrue(unit.getMessage().contains("leads.underground-banking.round-unit"), unit.getMessage());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> LeadRules.of(Map.of("incident-series.open-days", "120")));
        assertTrue(open.getMessage().contains("leads.incident-series.lookback-days"), open.getMessage());
    }

    @Test
    void aRuleIsReadOnlyAsItsKind() {
        assertThrows(IllegalArgumentException.class, () -> LeadRules.DEFAULTS.count(RoundTripping.MIN_AMOUNT));
        assertThrows(IllegalArgumentException.class, () -> LeadRules.DEFAULTS.amount(RoundTripping.MAX_HOPS));
        assertThrows(IllegalArgumentException.class, () -> LeadRules.DEFAULTS.share(StructuringRing.MIN_BAND));
        assertThrows(IllegalArgumentException.class, () -> LeadRules.DEFAULTS.count(new LeadRules.Rule(
                "round-tripping.min-hops", LeadRules.Kind.COUNT, "2", "a rule no detector declared")));
    }
}

package org.fraudlake.publish.decisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fraudlake.models.Action;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.publish.decisions.DecisionsJob.Settings;
import org.fraudlake.schemas.tables.Warnings.WarningType;
import org.junit.jupiter.api.Test;

/** Which champion rules the decisions use, and the warning type each catalog model names. No Spark. */
class ModelRuleTest {
    private static RegistryEntry entry(String model, int version, String status, double threshold) {
        LocalDate d = LocalDate.of(2026, 11, 1);
        return new RegistryEntry(model, version, status, "SCORECARD", "ACCOUNT", new Timestamp(0L), d, d, d, d, d,
                "test", "{}", List.of(), "{}", List.of(), 1, 1, threshold, 0.5, Double.NaN, "[]", "/nowhere", null,
                null);
    }

    @Test
    void everyCatalogModelNamesAWarningTypeFromItsTypology() {
        Map<String, WarningType> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("fraud_phone", WarningType.FRAUD_PHONE),
                Map.entry("gang_community", WarningType.FRAUD_PHONE),
                Map.entry("handset_farm", WarningType.HANDSET_FARM),
                Map.entry("victim_call_then_pay", WarningType.VICTIM_AT_RISK),
                Map.entry("victim_grooming", WarningType.VICTIM_AT_RISK),
                Map.entry("elderly_new_payee", WarningType.VICTIM_AT_RISK),
                Map.entry("money_mule", WarningType.MONEY_MULE),
                Map.entry("rapid_pass_through", WarningType.MONEY_MULE),
                Map.entry("fan_in_collection", WarningType.MONEY_MULE),
                Map.entry("fan_out_dispersal", WarningType.MONEY_MULE),
                Map.entry("dormant_reactivation", WarningType.MONEY_MULE),
                Map.entry("new_account_burst", WarningType.MONEY_MULE),
                Map.entry("rented_accounts", WarningType.MONEY_MULE),
                Map.entry("shared_device_ip", WarningType.MONEY_MULE),
                Map.entry("cash_out", WarningType.MONEY_MULE),
                Map.entry("victim_fund_trace", WarningType.MONEY_MULE),
                Map.entry("score_running", WarningType.LAUNDERING),
                Map.entry("structuring", WarningType.LAUNDERING),
                Map.entry("underground_banking", WarningType.LAUNDERING),
                Map.entry("round_tripping", WarningType.LAUNDERING),
                Map.entry("shell_company", WarningType.LAUNDERING),
                Map.entry("illegal_fundraising", WarningType.ECONOMIC_CRIME),
                Map.entry("bid_rigging", WarningType.ECONOMIC_CRIME),
                Map.entry("risk_propagation", WarningType.FRAUD_ACCOUNT)));
        Map<String, WarningType> actual = new TreeMap<>();
        for (RiskModel m : ModelCatalog.all()) {
            actual.put(m.name(), ModelRule.warningType(m.spec()));
        }
        assertEquals(expected, actual);
    }

    @Test
    void rulesComeFromTheChampionsThresholdsOnly() {
        List<String> said = new ArrayList<>();
        List<ModelRule> rules = ModelRule.ofChampions(List.of(
                entry("money_mule", 1, RegistryEntry.RETIRED, 0.3),
                entry("money_mule", 2, RegistryEntry.CHAMPION, 0.6),
                entry("structuring", 1, RegistryEntry.CHALLENGER, 0.2),
                entry("fraud_phone", 3, RegistryEntry.CHAMPION, Double.NaN),
                entry("retired_model", 1, RegistryEntry.CHAMPION, 0.5)), ModelCatalog.all(), said::add);
        assertEquals(1, rules.size(), rules.toString());
        ModelRule mule = rules.get(0);
        assertEquals("money_mule", mule.model());
        assertEquals(2, mule.version());
        assertEquals(0.6, mule.threshold(), 1e-12);
        assertTrue(Double.isNaN(mule.precision()), "no not-yet-named metrics recorded: precision unknown, never freezes");
        assertEquals(Action.FREEZE, mule.action());
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(0).contains("fraud_phone v3") && said.get(0).contains("NaN"), said.get(0));
        assertTrue(said.get(1).contains("retired_model") && said.get(1).contains("not in the catalog"), said.get(1));
    }

    @Test
    void settingsRejectBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Settings(7, 7, 3, 3, 0.8, 0.9, 0.9,
                Settings.DEFAULT_BUDGETS, List.of(0.7, 0.5), 0.95, 2, 5, 7, DecisionsJob.TraceLearning.DEFAULTS,
                DecisionsJob.CallerWarnings.DEFAULTS));
        IllegalArgumentException callers = assertThrows(IllegalArgumentException.class,
                () -> new DecisionsJob.CallerWarnings(2, 120, 0.2, 5, 3, 3));
        assertTrue(callers.getMessage().contains("caller warnings"), callers.getMessage());
        assertTrue(e.getMessage().contains("scoreBands") && e.getMessage().contains("[0.7, 0.5]"), e.getMessage());
        assertEquals(7, Settings.DEFAULTS.maxValidityDays());
        DecisionsJob.Budget freeze = Settings.DEFAULTS.budget(org.fraudlake.schemas.tables.Published.Action.FREEZE);
        assertEquals(2, freeze.of(800), "a demo bank of 800 accounts: round(0.8) = 1, raised to the floor 2");
        assertEquals(10, freeze.of(9_600), "10 per 10,000 accounts");
        assertEquals(50, freeze.of(100_000), "capped");
        assertThrows(IllegalArgumentException.class, () -> new DecisionsJob.Budget(10, 5, 2));
        assertEquals(3, Settings.DEFAULTS.validityDays(org.fraudlake.schemas.tables.Published.Action.MONITOR));
    }
}

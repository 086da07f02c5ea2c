package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fraudlake.config.FraudlakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FraudlakeCliTest {

    @Test
    void everyCommandHasHelp() {
        CommandLine cli = new CommandLine(new FraudlakeCli());
        for (String name : cli.getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertEquals(0, FraudlakeCli.execute(name, "--help"), name + " --help");
            }
        }
        assertEquals(0, FraudlakeCli.execute("--help"));
    }

    @Test
    void modelsListShowsTheWholeCatalogWithItsSpecs(@TempDir Path dir) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, FraudlakeCli.execute("models", "list", "--lake", dir.toString()));
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(out.startsWith(org.fraudlake.models.catalog.ModelCatalog.all().size() + " models"), out);
        for (org.fraudlake.models.RiskModel m : org.fraudlake.models.catalog.ModelCatalog.all()) {
            org.junit.jupiter.api.Assertions.assertTrue(out.contains(m.name() + "  [" + m.spec().entity()), m.name());
        }
        for (String field : List.of("sources:", "label:", "algorithm:", "action:")) {
            org.junit.jupiter.api.Assertions.assertEquals(org.fraudlake.models.catalog.ModelCatalog.all().size(),
                    out.split(field, -1).length - 1, field);
        }
    }

    @Test
    void configFileThenOverridesWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fraudlake.yaml");
        Files.writeString(file, "lake:\n  root: /data/lake\nspark:\n  master: local[1]\ndemo.days: 3\n");
        FraudlakeConfig c = FraudlakeConfig.load(file, List.of("demo.days=5"));
        assertEquals("/data/lake", c.get(FraudlakeConfig.LAKE_ROOT));
        assertEquals("local[1]", c.get(FraudlakeConfig.SPARK_MASTER));
        assertEquals(5, c.get(FraudlakeConfig.DEMO_DAYS));
    }

    @Test
    void unknownKeysAndBadValuesFailNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("lake.rot=/x")));
        assertTrue(unknown.getMessage().contains("lake.rot") && unknown.getMessage().contains("lake.root"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("demo.days=-1")));
        assertTrue(bad.getMessage().contains("demo.days") && bad.getMessage().contains("-1"));
        assertEquals(2, FraudlakeCli.execute("config", "--set", "nope=1"));
    }

    /** The features' signal thresholds are settings, checked when the config loads. */
    @Test
    void signalThresholdsAreSettingsCheckedOnLoad() throws IOException {
        org.fraudlake.pipelines.features.SignalSettings set = FraudlakeConfig.load(null, List.of(
                "features.payment-min=500", "features.short-call-seconds=20", "features.familiar-days=21",
                "features.repeated-days=4", "features.max-key-holders=6")).signals();
        assertEquals(new org.fraudlake.pipelines.features.SignalSettings(new java.math.BigDecimal("500"), 20, 21, 4,
                6), set);
        assertEquals(org.fraudlake.pipelines.features.SignalSettings.DEFAULTS,
                FraudlakeConfig.defaults().signals());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("features.familiar-days=40")));
        assertTrue(tooLong.getMessage().contains("features.familiar-days"), tooLong.getMessage());
    }

    /** The lead detectors' thresholds are settings under leads.*, checked when the config loads. */
    @Test
    void leadRulesAreSettingsCheckedOnLoad() throws IOException {
        org.fraudlake.graph.leads.LeadRules rules = FraudlakeConfig.load(null, List.of(
                "leads.round-tripping.min-amount=50000", "leads.incident-series.max-gap-days=21")).leadRules();
        assertEquals(0, new java.math.BigDecimal("50000").compareTo(
                rules.amount(org.fraudlake.graph.leads.RoundTripping.MIN_AMOUNT)));
        assertEquals(21, rules.series().maxGapDays());
        assertEquals(org.fraudlake.graph.leads.LeadRules.DEFAULTS, FraudlakeConfig.defaults().leadRules());
        assertEquals("5", FraudlakeConfig.defaults().effective().get("leads.round-tripping.max-hops"));
        assertEquals(org.fraudlake.graph.leads.LeadRules.all().size(),
                FraudlakeConfig.ALL.stream().filter(p -> p.key().startsWith("leads.")).count());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("leads.nope=1")));
        assertTrue(unknown.getMessage().contains("leads.nope")
                && unknown.getMessage().contains("leads.round-tripping.min-amount"), unknown.getMessage());
        assertEquals(2, FraudlakeCli.execute("config", "--set", "leads.nope=1"));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("leads.illegal-fundraising.min-investors=4.5")));
        assertTrue(fraction.getMessage().contains("leads.illegal-fundraising.min-investors")
                && fraction.getMessage().contains("4.5"), fraction.getMessage());
        IllegalArgumentException crossed = assertThrows(IllegalArgumentException.class,
                () -> FraudlakeConfig.load(null, List.of("leads.round-tripping.min-hops=4",
                        "leads.round-tripping.max-hops=3")));
        assertTrue(crossed.getMessage().contains("leads.round-tripping.min-hops = 4")
                && crossed.getMessage().contains("leads.round-tripping.max-hops = 3"), crossed.getMessage());
    }

    @Test
    void simulateTakesACityProfileAndRefusesAnUnknownOneListingTheKnown() throws IOException {
        CityOptions city = new CityOptions();
        new CommandLine(city).parseArgs();
        assertEquals(org.fraudlake.simulator.SimulationConfig.Profile.DEFAULT, city.profile);
        new CommandLine(city).parseArgs("--profile", "riverside");
        assertEquals(org.fraudlake.simulator.SimulationConfig.Profile.RIVERSIDE,
                city.simulation(FraudlakeConfig.load(null, List.of()), false).profile());
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> new CommandLine(new CityOptions()).parseArgs("--profile", "lakeside"));
        assertTrue(e.getMessage().contains("unknown city profile 'lakeside'; known profiles: default, riverside"),
                e.getMessage());
        assertEquals(2, FraudlakeCli.execute("simulate", "--profile", "lakeside"));
    }
}

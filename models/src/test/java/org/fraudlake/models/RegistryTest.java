package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Champion/challenger rules of the registry, and that every change is a Delta commit. */
@ExtendWith(SparkTestExtension.class)
class RegistryTest {
    private final SparkSession spark;

    RegistryTest(SparkSession spark) {
        this.spark = spark;
    }

    private static RegistryEntry trained(int version, double aucPr, double championAucPr) {
        LocalDate d = LocalDate.of(2026, 11, 20);
        return new RegistryEntry("money_mule", version, RegistryEntry.CHALLENGER, "LOGISTIC_REGRESSION", "ACCOUNT",
                new Timestamp(1_000L * version), d, d.minusDays(24), d.minusDays(5), d.minusDays(4), d, "test", "{}",
                List.of("in_cnt_1d"), "{}", List.of("BANK_A"), 100, 10, 0.5, aucPr, championAucPr, "[]",
                "/nowhere/v" + version, null, null);
    }

    @Test
    void worseChallengerIsRefusedBetterOneWinsPromoteAndRollback(@TempDir Path dir) {
        Lake lake = new Lake(dir.toString());
        Registry registry = new Registry(spark, lake);
        assertEquals(1, registry.nextVersion("money_mule"));

        assertEquals(RegistryEntry.CHAMPION, registry.register(trained(1, 0.40, Double.NaN)).status());
        RegistryEntry worse = registry.register(trained(2, 0.35, 0.41));
        assertEquals(RegistryEntry.CHALLENGER, worse.status(), "a worse challenger is refused");
        assertTrue(worse.note().contains("did not beat champion v1"), worse.note());
        assertEquals(1, registry.champion("money_mule").orElseThrow().version());

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> registry.promote("money_mule", 2, 0.41, false));
        assertTrue(refused.getMessage().contains("does not beat champion v1"), refused.getMessage());
        assertEquals(1, registry.champion("money_mule").orElseThrow().version());

        RegistryEntry better = registry.register(trained(3, 0.55, 0.42));
        assertEquals(RegistryEntry.CHAMPION, better.status());
        assertEquals(RegistryEntry.RETIRED, registry.version("money_mule", 1).orElseThrow().status());

        RegistryEntry back = registry.rollback("money_mule");
        assertEquals(1, back.version());
        assertEquals(RegistryEntry.ROLLED_BACK, registry.version("money_mule", 3).orElseThrow().status());
        assertEquals(1, registry.champion("money_mule").orElseThrow().version());

        assertEquals(RegistryEntry.CHAMPION, registry.promote("money_mule", 2, 0.41, true).status());
        assertEquals(1, registry.versions("money_mule").stream().filter(RegistryEntry::isChampion).count());
        assertEquals(4, DeltaIO.version(spark, lake.modelRegistry()), "one Delta commit per change: versions 0..4");
    }

    @Test
    void undefinedFiguresNeverWin() {
        assertTrue(Registry.beats(0.1, Double.NaN));
        assertTrue(!Registry.beats(Double.NaN, 0.1));
        assertTrue(!Registry.beats(Double.NaN, Double.NaN));
        assertTrue(!Registry.beats(0.3, 0.3));
    }
}

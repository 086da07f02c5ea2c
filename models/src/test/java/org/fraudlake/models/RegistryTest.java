package org.fraudlake.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
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

    /** A version with a threshold (NaN: none), how it was fitted, and its AUC-PR on the not-yet-named. */
    private static RegistryEntry version(int version, double threshold, String fittedBy, double unknownAucPr,
                                         double championAucPr) {
        RegistryEntry t = trained(version, 0.99, championAucPr);
        String metrics = TrainJob.json(List.of(
                new Metrics(Metrics.ALL, 100, 12, 0.12, 0.99, 10, 0.5, threshold, 5, 0.3, 0.8),
                new Metrics(Metrics.UNKNOWN, 90, 10, 0.11, unknownAucPr, 10, 0.4, threshold, 4, 0.2, 0.75)));
        return new RegistryEntry(t.model(), t.version(), t.status(), t.algorithm(), t.entity(), t.createdAt(), t.asOf(),
                t.trainFrom(), t.trainTo(), t.validFrom(), t.validTo(), fittedBy, t.params(), t.features(),
                t.inputVersions(), t.partners(), t.trainRows(), t.trainPositives(), threshold, t.aucPr(),
                championAucPr, metrics, t.path(), null, null);
    }

    @Test
    void firstVersionWithoutOperatingPointStaysOnlyUntilOneWithAnOperatingPoint(@TempDir Path dir) {
        Registry registry = new Registry(spark, new Lake(dir.toString()));
        RegistryEntry first = registry.register(version(1, Double.NaN, "expert weights (3 < 10)", Double.NaN, Double.NaN));
        assertEquals(RegistryEntry.CHAMPION, first.status(), "nothing else exists: it scores, never fires alone");
        assertTrue(first.note().contains("no operating point"), first.note());
        RegistryEntry stillNone = registry.register(version(2, Double.NaN, "logistic regression", 0.5, Double.NaN));
        assertEquals(RegistryEntry.CHAMPION, stillNone.status(), "both without one: a defined AUC-PR* beats NaN");
        RegistryEntry withPoint = registry.register(version(3, 0.4, "expert weights (9 < 10)", 0.2, 0.6));
        assertEquals(RegistryEntry.CHAMPION, withPoint.status(), "an operating point beats none, whatever AUC-PR*");
        RegistryEntry without = registry.register(version(4, Double.NaN, "logistic regression", 0.9, 0.2));
        assertEquals(RegistryEntry.CHALLENGER, without.status(), without.note());
        assertTrue(without.note().contains("no operating point"), without.note());
    }

    @Test
    void trainedVersionReplacesExpertWeightsOnceItHasAnOperatingPoint(@TempDir Path dir) {
        Registry registry = new Registry(spark, new Lake(dir.toString()));
        registry.register(version(1, 0.3, "expert weights (4 < 10)", 0.6, Double.NaN));
        RegistryEntry trained = registry.register(version(2, 0.5, "logistic regression", 0.5, 0.6));
        assertEquals(RegistryEntry.CHAMPION, trained.status(), trained.note());
        assertTrue(trained.note().contains("replaces expert weights"), trained.note());
        RegistryEntry expert = registry.register(version(3, 0.5, "expert weights (the fit on 12 ...)", 0.9, 0.5));
        assertEquals(RegistryEntry.CHALLENGER, expert.status(), "expert weights never replace a trained champion");
    }

    @Test
    void undefinedChampionMetricIsBeatenByADefinedOne(@TempDir Path dir) {
        Registry registry = new Registry(spark, new Lake(dir.toString()));
        registry.register(version(1, 0.3, "logistic regression", Double.NaN, Double.NaN));
        RegistryEntry defined = registry.register(version(2, 0.4, "logistic regression", 0.1, Double.NaN));
        assertEquals(RegistryEntry.CHAMPION, defined.status(), "champion's AUC-PR* undefined on the window: "
                + defined.note());
        RegistryEntry undefined = registry.register(version(3, 0.4, "logistic regression", Double.NaN, 0.1));
        assertEquals(RegistryEntry.CHALLENGER, undefined.status(), "an undefined AUC-PR* never wins");
    }

    @Test
    void selectionFiguresComeFromTheNotYetNamed() {
        RegistryEntry e = version(1, 0.4, "logistic regression", Double.NaN, Double.NaN);
        assertTrue(Double.isNaN(e.selectionAucPr()), "NaN survives the JSON round trip");
        assertEquals(0.75, e.estimatedPrecision(), 1e-12);
        assertEquals(0.99, e.aucPr(), "the all-entities figure stays beside it");
        assertTrue(Double.isNaN(version(2, Double.NaN, "x", 0.5, 0.5).estimatedPrecision()),
                "no operating point, no estimated precision");
        assertEquals(0.40, trained(3, 0.40, Double.NaN).selectionAucPr(), "older entries: the all-entities figure");
    }

    @Test
    void undefinedFiguresNeverWin() {
        assertTrue(Registry.beats(0.1, Double.NaN));
        assertTrue(!Registry.beats(Double.NaN, 0.1));
        assertTrue(!Registry.beats(Double.NaN, Double.NaN));
        assertTrue(!Registry.beats(0.3, 0.3));
    }
}

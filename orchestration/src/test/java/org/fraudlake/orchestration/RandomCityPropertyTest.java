package org.fraudlake.orchestration;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig.Freedoms;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small contract-valid cities with random combinations of the contract's freedoms (late joiners, a silent
 * partner, a quiet case desk, accounts without their row, off-net callers, empty optional values), each run
 * through whole nights by {@link NightRunner#backfill} into an empty lake: every night completes, including the
 * first that trains; every delivery (all are clean) loads; rows in the files = rows loaded + rows quarantined.
 *
 * <p>{@value #CITIES_PROPERTY} sets how many cities (default {@value #DEFAULT_CITIES}, the suite's share: a city
 * using every freedom at once); the cities after the first draw their freedoms from their seed, the first seed
 * being {@value #SEED_PROPERTY}. A failure names the city's seed and freedoms;
 * {@code -Dfraudlake.property.seed=<seed> -Dfraudlake.property.cities=2} replays a random one (the second).
 */
@ExtendWith(SparkTestExtension.class)
class RandomCityPropertyTest {
    static final String CITIES_PROPERTY = "fraudlake.property.cities";
    static final String SEED_PROPERTY = "fraudlake.property.seed";
    private static final int DEFAULT_CITIES = 1;
    private static final long DEFAULT_SEED = 15L;
    /**
     * Validation days: with {@link TrainStage#MIN_TRAIN_DAYS} training days, the fifth night (the last) is the
     * first that trains, as of the fourth day.
     */
    private static final int VALID_DAYS = 1;
    private static final int DAYS = TrainStage.MIN_TRAIN_DAYS + VALID_DAYS + 1;

    @TempDir
    Path tmp;

    RandomCityPropertyTest(SparkSession spark) {
        // the shared session: the runner's getOrCreate returns it
    }

    @TestFactory
    List<DynamicTest> everyNightCompletesOnRandomContractValidCities() {
        int cities = Integer.getInteger(CITIES_PROPERTY, DEFAULT_CITIES);
        long first = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cities; i++) {
            long seed = first + i;
            SimulationConfig city = i == 0 ? everyFreedom(seed) : randomCity(seed);
            tests.add(DynamicTest.dynamicTest("seed " + seed + ": " + city, () -> runCity(city)));
        }
        return tests;
    }

    /** A small city that uses every freedom at once, at rates well above the default: the suite's city. */
    static SimulationConfig everyFreedom(long seed) {
        return new SimulationConfig(200, DAYS, seed, SimulationConfig.DEFAULT_START, false,
                new Freedoms(0.05, 0.1, true, true, 2, 0.05));
    }

    /** A small city with a random combination of freedoms, each at a random rate (zero included). */
    static SimulationConfig randomCity(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] rates = {0, 0.02, 0.2};
        Freedoms freedoms = new Freedoms(rates[r.nextInt(3)], rates[r.nextInt(3)], r.nextBoolean(), r.nextBoolean(),
                r.nextInt(4), rates[r.nextInt(3)] / 2);
        return new SimulationConfig(150 + r.nextInt(150), DAYS, seed, SimulationConfig.DEFAULT_START, false,
                freedoms);
    }

    private void runCity(SimulationConfig city) throws IOException {
        String context = "city " + city + " (replay: -D" + SEED_PROPERTY + "=" + city.seed() + " -D" + CITIES_PROPERTY
                + "=1)";
        Path dir = tmp.resolve("seed-" + city.seed());
        Lake lake = new Lake(dir.resolve("lake").toString());
        new CitySimulator(city).run(lake, new Configuration(), line -> { });
        FraudlakeConfig config = FraudlakeConfig.load(null, List.of("lake.root=" + lake.root(),
                "pseudonymization.key-file=" + dir.resolve("keys/pseudonym.key"),
                "publish.signing-key=" + dir.resolve("keys/signing.key"), "readiness.deadline=none", "run.retries=0",
                "spark.shuffle-partitions=1",
                "train.valid-days=" + VALID_DAYS, "train.train-days=" + TrainStage.MIN_TRAIN_DAYS));
        LakeKeys.init(config, lake, new Configuration(), false, "RandomCityPropertyTest");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        NightRunner runner = new NightRunner(config, new PrintStream(printed, true, StandardCharsets.UTF_8));
        LocalDate last = city.startDate().plusDays(city.days() - 1L);
        List<NightRunner.Outcome> nights = runner.backfill(city.startDate(), last, false);
        String log = printed.toString(StandardCharsets.UTF_8);
        assertEquals(city.days(), nights.size(), context + ": backfill stopped\n" + tail(log));
        for (NightRunner.Outcome night : nights) {
            assertTrue(night.completed(), context + ": night " + night.date() + " did not complete: " + failures(night)
                    + "\n" + tail(log));
        }
        assertTrue(nights.stream().flatMap(n -> n.stages().stream())
                        .anyMatch(e -> e.stage().equals("train") && RunLedger.SUCCEEDED.equals(e.status())),
                context + ": no night trained");
        everyDeliveryLoadsAndEveryRowIsAccountedFor(runner.spark(), lake, context);
    }

    private static String failures(NightRunner.Outcome night) {
        return night.stages().stream().filter(e -> !e.completed()).map(e -> e.stage() + ": " + e.error()).toList()
                .toString();
    }

    private static String tail(String log) {
        return log.length() <= 4_000 ? log : log.substring(log.length() - 4_000);
    }

    private static void everyDeliveryLoadsAndEveryRowIsAccountedFor(SparkSession spark, Lake lake, String context)
            throws IOException {
        TreeSet<String> landed = new TreeSet<>();
        try (Stream<Path> manifests = Files.find(Path.of(lake.landing()), 4,
                (p, a) -> p.getFileName().toString().equals("_manifest.json"))) {
            manifests.forEach(m -> {
                Path d = m.getParent();
                landed.add(d.getParent().getParent().getFileName() + "/" + d.getParent().getFileName() + "/"
                        + d.getFileName());
            });
        }
        Map<String, Long> bronzeRows = org.fraudlake.cli.LakeRowCounts.bronzeRows(spark, lake);
        Map<String, Long> quarantined = org.fraudlake.cli.LakeRowCounts.quarantinedRows(spark, lake);
        TreeSet<String> loaded = new TreeSet<>();
        for (Row r : DeltaIO.read(spark, lake.deliveries()).collectAsList()) {
            String key = r.getAs(DeliveryLedger.FEED) + "/" + r.getAs(DeliveryLedger.SOURCE) + "/"
                    + r.getAs(DeliveryLedger.BUSINESS_DATE);
            String status = r.getAs(DeliveryLedger.STATUS);
            assertEquals(DeliveryLedger.LOADED, status, context + ": clean delivery " + key + " not loaded: "
                    + r.getAs(DeliveryLedger.REASON));
            loaded.add(key);
            String id = r.getAs(DeliveryLedger.DELIVERY_ID);
            long inFiles = r.getAs(DeliveryLedger.ROWS_IN_FILES);
            long inBronze = bronzeRows.getOrDefault(id, 0L);
            long inQuarantine = quarantined.getOrDefault(id, 0L);
            assertEquals(inFiles, inBronze + inQuarantine, context + ": " + key + ": rows in files = loaded + "
                    + "quarantined");
            assertEquals(0, inQuarantine, context + ": " + key + ": a clean city's rows all load");
        }
        assertEquals(landed, loaded, context + ": every delivery in landing is loaded");
    }
}

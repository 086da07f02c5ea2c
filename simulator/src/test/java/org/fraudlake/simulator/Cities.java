package org.fraudlake.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.Values;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;
import org.fraudlake.simulator.delivery.FaultPlan;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Parties;

/** Small cities for tests, and readers for what they write. */
final class Cities {
    private Cities() {
    }

    static SimulationSummary simulate(Path root, int persons, int days, long seed, LocalDate start, boolean faults)
            throws IOException {
        return simulate(root, new SimulationConfig(persons, days, seed, start, faults));
    }

    static SimulationSummary simulate(Path root, SimulationConfig config) throws IOException {
        return new CitySimulator(config).run(new Lake(root.toString()), new Configuration(), line -> { });
    }

    /** Deliveries the city writes: 25 a day, less those of partners not joined yet or silent that day. */
    static long expectedDeliveries(SimulationConfig config) {
        FaultPlan faults = config.faults() ? FaultPlan.standard(config.days(), config.profile()) : FaultPlan.none();
        FreedomPlan plan = new FreedomPlan(config, faults::touches);
        long n = 0;
        for (int d = 0; d < config.days(); d++) {
            for (String bank : Parties.PARTNER_BANKS) {
                n += plan.delivers(bank, d) ? 3 : 0;
            }
            for (String carrier : Parties.CARRIERS) {
                n += plan.delivers(carrier, d) ? 2 : 0;
            }
            n += 4;
        }
        return n;
    }

    /** The city date of a contract timestamp. */
    static String localDate(String time) {
        return Values.parseInstant(time).atOffset(ZoneOffset.ofHours(8)).toLocalDate().toString();
    }

    /** sha256 of every file under a folder, by relative path. */
    static Map<String, String> fingerprints(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), LandingCheck.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** A truth file as maps from header to value. */
    static List<Map<String, String>> truth(Path root, String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(root.resolve("truth").resolve(file), StandardCharsets.UTF_8);
             CsvReader csv = new CsvReader(r)) {
            List<String> header = csv.next().fields();
            CsvRecord rec;
            while ((rec = csv.next()) != null) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), rec.fields().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

package org.fraudlake.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.landing.CsvReader;
import org.fraudlake.schemas.landing.CsvRecord;

/** Small cities for tests, and readers for what they write. */
final class Cities {
    private Cities() {
    }

    static SimulationSummary simulate(Path root, int persons, int days, long seed, LocalDate start, boolean faults)
            throws IOException {
        return new CitySimulator(new SimulationConfig(persons, days, seed, start, faults))
                .run(new Lake(root.toString()), new Configuration(), line -> { });
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

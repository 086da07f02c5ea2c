package org.fraudlake.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;

/**
 * Measures the simulator: a city of 20,000 and one of 100,000 persons over 30 days, each into a temporary
 * lake that is deleted afterwards. Arguments (all optional): {@code [days] [persons...]}.
 */
public final class SimulatorBenchmark {
    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int[] sizes = args.length > 1 ? Stream.of(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {20_000, 100_000};
        for (int persons : sizes) {
            Path dir = Files.createTempDirectory("fraudlake-bench-");
            try {
                SimulationConfig config = new SimulationConfig(persons, days, 20261128L, SimulationConfig.DEFAULT_START,
                        false);
                SimulationSummary s = new CitySimulator(config).run(new Lake(dir.toString()), new Configuration(),
                        line -> { });
                double secs = Math.max(0.001, s.elapsed().toMillis() / 1000.0);
                System.out.printf("%,d persons x %d days: %,d rows in %,d deliveries, %.1f s, %,.0f rows/s, %,d MB%n",
                        persons, days, s.totalRows(), s.deliveries(), secs, s.totalRows() / secs, size(dir) >> 20);
                s.rowsByFeed().forEach((feed, n) -> System.out.printf("    %-18s %,12d%n", feed, n));
            } finally {
                delete(dir);
            }
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.fraudlake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.SimulationSummary;

/**
 * Simulated cities kept between bench runs under {@code <dir>/cache}, one folder per persons, days, seed,
 * start date and simulator build (a hash of the simulator's classes), so a city is simulated once and a
 * changed simulator simulates afresh. A folder counts only once its {@code city.json} is written, so an
 * interrupted simulation is redone. {@link #linkInto} gives a fresh lake the city's landing zone and truth
 * as hard links (copies where links are impossible): no bytes copied, and the cache stays untouched.
 */
public final class CityCache {
    /** A cached city: where it is, what the simulator reported, and whether this run simulated it. */
    public record City(SimulationConfig config, Path lakeRoot, long rows, long deliveries, double simulateS,
                       boolean cached) {
    }

    private record Stamp(long rows, long deliveries, double seconds) {
    }

    private static final String STAMP = "city.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public CityCache(Path dir) {
        this.dir = dir;
    }

    /** The city, simulated now unless a complete copy is cached. */
    public City get(SimulationConfig sim, Consumer<String> progress) throws IOException {
        Path folder = dir.resolve(String.format("p%d-d%d-s%d-%s-sim%s", sim.persons(), sim.days(), sim.seed(),
                sim.startDate(), simulatorBuild()));
        Path lakeRoot = folder.resolve("lake");
        Path stamp = folder.resolve(STAMP);
        if (Files.isRegularFile(stamp)) {
            Stamp s = JSON.readValue(stamp.toFile(), Stamp.class);
            progress.accept(String.format("city %,d persons x %d days (seed %d): cached in %s", sim.persons(),
                    sim.days(), sim.seed(), folder));
            return new City(sim, lakeRoot, s.rows(), s.deliveries(), s.seconds(), true);
        }
        Files.createDirectories(dir);
        delete(folder);
        progress.accept(String.format("city %,d persons x %d days (seed %d): simulating into %s", sim.persons(),
                sim.days(), sim.seed(), folder));
        SimulationSummary s = new CitySimulator(sim).run(new Lake(lakeRoot.toAbsolutePath().toString()),
                new Configuration(), line -> progress.accept("  " + line));
        double secs = s.elapsed().toMillis() / 1e3;
        JSON.writeValue(stamp.toFile(), new Stamp(s.totalRows(), s.deliveries(), secs));
        progress.accept(String.format("city %,d persons: %,d rows in %,d deliveries simulated in %.1f s",
                sim.persons(), s.totalRows(), s.deliveries(), secs));
        return new City(sim, lakeRoot, s.totalRows(), s.deliveries(), secs, false);
    }

    /** Gives the empty lake at {@code lakeRoot} the city's landing zone and truth. */
    public static void linkInto(City city, Path lakeRoot) throws IOException {
        for (String part : List.of("landing", "truth")) {
            Path from = city.lakeRoot().resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = lakeRoot.resolve(city.lakeRoot().relativize(p));
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        try {
                            Files.createLink(to, p);
                        } catch (FileSystemException | UnsupportedOperationException e) {
                            Files.copy(p, to);
                        }
                    }
                }
            }
        }
    }

    /** A short hash of the simulator's jar or class folder: a new simulator build is a new city. */
    static String simulatorBuild() {
        try {
            Path code = Path.of(CitySimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            if (Files.isDirectory(code)) {
                try (Stream<Path> walk = Files.walk(code)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = List.of(code);
            }
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                sha.update(code.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot read the simulator's classes to key the city cache", e);
        } catch (URISyntaxException | NoSuchAlgorithmException | SecurityException e) {
            throw new IllegalStateException("bench: cannot locate the simulator's classes to key the city cache", e);
        }
    }

    public static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}

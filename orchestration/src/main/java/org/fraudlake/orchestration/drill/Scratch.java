package org.fraudlake.orchestration.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.outbox.SigningKeys;
import org.fraudlake.simulator.CitySimulator;
import org.fraudlake.simulator.SimulationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drill's scratch folder: the simulated city's landing (made once per persons/days/seed and kept), the
 * keys every lake of the drill shares (so pseudonyms and signatures match across runs), and fresh lakes
 * copied from the city.
 */
public final class Scratch {
    private static final Logger LOG = LoggerFactory.getLogger(Scratch.class);

    private final DrillSettings settings;
    private final Path root;

    public Scratch(DrillSettings settings) {
        this.settings = settings;
        this.root = settings.scratch().toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path pseudonymKey() {
        return root.resolve("keys/pseudonym.key");
    }

    public Path signingKey() {
        return root.resolve("keys/signing.key");
    }

    /** The simulated city (clean deliveries), simulated on first use and kept. */
    public synchronized Path city() throws IOException {
        Path city = root.resolve("city-" + settings.persons() + "p-" + settings.days() + "d-s" + settings.seed() + "-"
                + settings.start());
        Path done = city.resolve("_SIMULATED");
        if (!Files.exists(done)) {
            deleteTree(city);
            LOG.info("drill: simulating {} persons x {} days (seed {}) into {}", settings.persons(), settings.days(),
                    settings.seed(), city);
            new CitySimulator(new SimulationConfig(settings.persons(), settings.days(), settings.seed(), settings.start(),
                    false)).run(new Lake(city.resolve("lake").toString()), new Configuration(), s -> { });
            Files.writeString(done, "simulated\n");
        }
        if (!Files.exists(pseudonymKey())) {
            Pseudonymizer.createKeyFile(pseudonymKey());
        }
        if (!Files.exists(signingKey())) {
            SigningKeys.create(signingKey());
        }
        return city.resolve("lake");
    }

    /** A fresh lake named {@code name}: a copy of the city's landing, nothing else. */
    public Path freshLake(String name) throws IOException {
        Path lake = root.resolve(name);
        deleteTree(lake);
        copyTree(city().resolve("landing"), lake.resolve("landing"));
        return lake;
    }

    /** The settings every child run of a lake takes: the lake, the shared keys, a small local Spark. */
    public List<String> common(Path lake) {
        List<String> args = new ArrayList<>(List.of("--lake", lake.toString(),
                "--set", "pseudonymization.key-file=" + pseudonymKey(),
                "--set", "publish.signing-key=" + signingKey(),
                "--set", "readiness.deadline=none"));
        return args;
    }

    /** {@code run --date D [--to-stage S]} with the common settings. */
    public List<String> runArgs(Path lake, LocalDate date, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--date", date.toString()));
        if (settings.toStage() != null) {
            args.add("--to-stage");
            args.add(settings.toStage());
        }
        args.addAll(common(lake));
        args.addAll(List.of(extra));
        return args;
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}

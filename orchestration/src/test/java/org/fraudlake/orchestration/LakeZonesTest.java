package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** After any run holding the lake, nothing in a restricted zone is readable by group or others. */
@ExtendWith(SparkTestExtension.class)
class LakeZonesTest {
    @TempDir
    Path dir;

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "raw 13800000001\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void restrictedZonesAreOwnerOnlyAndAnalystZonesStayReadable(SparkSession spark) throws IOException {
        Path root = dir.resolve("lake");
        Lake lake = new Lake(root.toString());
        List<String> restricted = List.of("landing/bank_accounts/BANK_A/2026-11-27/part-0001.csv",
                "bronze/bank_accounts/part-0000.parquet", "quarantine/rows/part-0000.parquet",
                "vault/identities/part-0000.parquet", "ops/console_users.json");
        for (String f : restricted) {
            write(root.resolve(f));
        }
        write(root.resolve("silver/accounts/part-0000.parquet"));
        write(root.resolve("quarantine/row_reasons/part-0000.parquet"));
        FraudlakeConfig config = FraudlakeConfig.defaults().with(FraudlakeConfig.LAKE_ROOT, lake.root());
        NightRunner runner = new NightRunner(config, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        runner.runTask("zones", LocalDate.of(2026, 11, 27), (s, d) -> StageResult.of(null, 0L, null));

        for (String top : List.of("landing", "bronze", "quarantine/rows", "vault", "ops/console_users.json")) {
            try (Stream<Path> all = Files.walk(root.resolve(top))) {
                all.forEach(p -> {
                    Set<PosixFilePermission> perms = perms(p);
                    assertFalse(perms.stream().anyMatch(x -> x.name().startsWith("GROUP")
                            || x.name().startsWith("OTHERS")), p + " is " + PosixFilePermissions.toString(perms));
                });
            }
        }
        assertEquals("rw-------", PosixFilePermissions.toString(perms(root.resolve("vault/identities/part-0000.parquet"))));
        assertTrue(perms(root.resolve("silver/accounts/part-0000.parquet")).contains(PosixFilePermission.OTHERS_READ),
                "an analyst-zone file stays readable");
        assertTrue(perms(root.resolve("quarantine/row_reasons/part-0000.parquet")).contains(PosixFilePermission.OTHERS_READ),
                "the quarantine's reasons without values stay readable");
    }

    private static Set<PosixFilePermission> perms(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

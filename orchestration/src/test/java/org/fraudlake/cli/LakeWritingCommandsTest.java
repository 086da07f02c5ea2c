package org.fraudlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.RunLedger;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every command that writes the lake takes the lake lock and records itself in the run ledger. */
@ExtendWith(SparkTestExtension.class)
class LakeWritingCommandsTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);
    @TempDir
    Path dir;

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--lake", dir.resolve("lake").toString(),
                "--set", "pseudonymization.key-file=" + dir.resolve("keys/pseudonym.key"),
                "--set", "publish.signing-key=" + dir.resolve("keys/signing.key")));
        return all.toArray(String[]::new);
    }

    private FraudlakeConfig config() {
        return FraudlakeConfig.defaults().with(FraudlakeConfig.LAKE_ROOT, dir.resolve("lake").toString());
    }

    @Test
    void everyLakeWritingCommandIsRefusedWhileAnotherHoldsTheLake(SparkSession spark) throws IOException {
        NightRunner holder = new NightRunner(config(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        String d = D.toString();
        List<String[]> commands = List.of(new String[]{"ingest", "--date", d}, new String[]{"conform", "--date", d},
                new String[]{"features", "--date", d}, new String[]{"graph", "--date", d},
                new String[]{"train", "--as-of", d}, new String[]{"score", "--date", d},
                new String[]{"leads", "--date", d}, new String[]{"publish", "--date", d},
                new String[]{"feedback", "--date", d}, new String[]{"report", "--date", d},
                new String[]{"outbox", "publish", "--date", d}, new String[]{"keys", "init"},
                new String[]{"models", "rollback", "money_mule"}, new String[]{"models", "promote", "money_mule", "1"});
        Map<String, Integer> exits = new java.util.TreeMap<>();
        holder.withLock("holder", () -> {
            for (String[] c : commands) {
                exits.put(String.join(" ", c), FraudlakeCli.execute(args(c)));
            }
            return null;
        });
        exits.forEach((c, exit) -> assertEquals(FraudlakeCli.LOCKED, exit, c + " refused while the lake is locked"));
        assertTrue(holder.ledger().latest(D).isEmpty(), "nothing ran: " + holder.ledger().latest(D));
    }

    @Test
    void stageCommandsAndOtherWritersRecordThemselvesInTheRunLedger(SparkSession spark) throws IOException {
        FraudlakeCli.execute(args("keys", "init"));
        FraudlakeCli.execute(args("report", "--date", D.toString()));
        NightRunner reader = new NightRunner(config(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        Map<String, RunLedger.Entry> today = reader.ledger().latest(AsOf.cityToday());
        assertEquals(RunLedger.SUCCEEDED, today.get("keys init").status(), today.toString());
        assertTrue(reader.ledger().latest(D).containsKey("report"), reader.ledger().latest(D).toString());
    }
}

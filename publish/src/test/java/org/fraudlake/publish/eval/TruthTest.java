package org.fraudlake.publish.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.schemas.tables.TokenKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a simulated city's truth: the look-alikes when the lake has them, nothing when it predates them. */
class TruthTest {
    private static final String ACCOUNT = "BANK_B:6217000012345678";
    private static final String PHONE = "13912345678";
    private static final String PERSON = "110101197001011234";

    @Test
    void readsTheLookalikesTokenizedAsConformDoes(@TempDir Path dir) throws IOException {
        Pseudonymizer key = key(dir);
        Path truth = truth(dir);
        Files.writeString(truth.resolve(Truth.LOOKALIKES), String.join("\n", "kind,entity_type,entity_id",
                "MERCHANT_SWEEP,ACCOUNT," + ACCOUNT, "COURIER_PHONE,PHONE," + PHONE, "FAMILY_PAYER,PERSON," + PERSON,
                ""), StandardCharsets.UTF_8);
        Truth t = Truth.read(truth, key);
        assertEquals(List.of(
                new Truth.Lookalike("MERCHANT_SWEEP", "ACCOUNT", key.token(TokenKind.ACCOUNT, ACCOUNT)),
                new Truth.Lookalike("COURIER_PHONE", "PHONE", key.token(TokenKind.PHONE, PHONE)),
                new Truth.Lookalike("FAMILY_PAYER", "PERSON", key.token(TokenKind.ID, PERSON))), t.lookalikes);
        assertTrue(t.lookalikes.get(0).entity().startsWith("acc_"), "never a raw identifier");
    }

    @Test
    void aLakeSimulatedBeforeLookalikesHasNone(@TempDir Path dir) throws IOException {
        Truth t = Truth.read(truth(dir), key(dir));
        assertNull(t.lookalikes);
        assertEquals(1, t.offendingAccounts.size());
    }

    @Test
    void anUnknownEntityTypeNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path truth = truth(dir);
        Files.writeString(truth.resolve(Truth.LOOKALIKES), "kind,entity_type,entity_id\nX,DEVICE,123\n",
                StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Truth.read(truth, key(dir)));
        assertTrue(e.getMessage().contains("lookalikes.csv line 2") && e.getMessage().contains("'DEVICE'"),
                e.getMessage());
    }

    private static Pseudonymizer key(Path dir) throws IOException {
        Path file = dir.resolve("pseudonymization.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        return Pseudonymizer.fromKeyFile(file);
    }

    private static Path truth(Path dir) throws IOException {
        Path truth = Files.createDirectories(dir.resolve("truth"));
        Files.writeString(truth.resolve("entities.csv"), "scheme_id,role,entity_type,entity_id\n"
                + "TF-001,MULE_L1,ACCOUNT,BANK_A:1\n", StandardCharsets.UTF_8);
        Files.writeString(truth.resolve("victim_transfers.csv"), "scheme_id,fraud_type,victim_id,victim_account,"
                + "mule_account,txn_time,amount,out_txn_id,in_txn_id,reported_on\n", StandardCharsets.UTF_8);
        Files.writeString(truth.resolve("crime_transfers.csv"), "scheme_id,step,txn_time,amount,from_account,"
                + "to_account,out_txn_id,in_txn_id,channel\n", StandardCharsets.UTF_8);
        return truth;
    }
}

package org.fraudlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.outbox.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys are never created by a run, and a run with a key other than the lake's refuses at once. */
class LakeKeysTest {
    private static final Configuration CONF = new Configuration();
    @TempDir
    Path dir;

    private FraudlakeConfig config(String keys) {
        return FraudlakeConfig.defaults().with(FraudlakeConfig.LAKE_ROOT, dir.resolve("lake").toString())
                .with(FraudlakeConfig.KEY_FILE, dir.resolve(keys + "/pseudonym.key").toString())
                .with(FraudlakeConfig.SIGNING_KEY, dir.resolve(keys + "/signing.key").toString());
    }

    private Lake lake() {
        return new Lake(dir.resolve("lake").toString());
    }

    @Test
    void aMissingKeyFailsTellingToRunKeysInitAndIsNotCreated() {
        FraudlakeConfig config = config("nowhere");
        NoSuchFileException hmac = assertThrows(NoSuchFileException.class,
                () -> LakeKeys.pseudonymizer(config, lake(), CONF, "conform"));
        assertTrue(hmac.getMessage().contains("fraudlake keys init"), hmac.getMessage());
        assertTrue(hmac.getMessage().contains("pseudonymization.key-file"), hmac.getMessage());
        NoSuchFileException signing = assertThrows(NoSuchFileException.class,
                () -> LakeKeys.signingKey(config, lake(), CONF, "publish"));
        assertTrue(signing.getMessage().contains("fraudlake keys init"), signing.getMessage());
        assertFalse(Files.exists(dir.resolve("nowhere")), "no key made by a run");
        assertFalse(Files.exists(Path.of(lake().signingPublicKey())), "no public key installed by a run");
    }

    @Test
    void anotherKeyIsRefusedNamingBothFingerprintsAndTheSetting() throws IOException {
        LakeKeys.init(config("keys"), lake(), CONF, false, "test");
        String hmacBound = LakeKeys.recorded(lake(), CONF, LakeKeys.PSEUDONYMIZATION).orElseThrow().fingerprint();
        String signingBound = LakeKeys.recorded(lake(), CONF, LakeKeys.SIGNING).orElseThrow().fingerprint();
        assertEquals(hmacBound, LakeKeys.pseudonymizer(config("keys"), lake(), CONF, "conform").fingerprint());

        FraudlakeConfig elsewhere = config("elsewhere");
        String otherHmac = Pseudonymizer.createKeyFile(dir.resolve("elsewhere/pseudonym.key")).fingerprint();
        String otherSigning = SigningKeys.fingerprint(SigningKeys.create(dir.resolve("elsewhere/signing.key"))
                .publicKey());
        LakeKeys.KeyMismatchException hmac = assertThrows(LakeKeys.KeyMismatchException.class,
                () -> LakeKeys.pseudonymizer(elsewhere, lake(), CONF, "conform 2026-11-27"));
        for (String part : new String[]{hmacBound, otherHmac, "pseudonymization.key-file"}) {
            assertTrue(hmac.getMessage().contains(part), part + " in " + hmac.getMessage());
        }
        LakeKeys.KeyMismatchException signing = assertThrows(LakeKeys.KeyMismatchException.class,
                () -> LakeKeys.signingKey(elsewhere, lake(), CONF, "publish 2026-11-27"));
        for (String part : new String[]{signingBound, otherSigning, "publish.signing-key"}) {
            assertTrue(signing.getMessage().contains(part), part + " in " + signing.getMessage());
        }
        assertEquals(2, LakeKeys.records(lake(), CONF).size(), "a refused key is not recorded");
    }

    @Test
    void initKeepsKeysRotatesTheSigningKeyOnlyWhenForcedAndNeverRemakesTheHmacKey() throws IOException {
        FraudlakeConfig config = config("keys");
        LakeKeys.init(config, lake(), CONF, false, "test");
        byte[] hmac = Files.readAllBytes(dir.resolve("keys/pseudonym.key"));
        String signing = LakeKeys.recorded(lake(), CONF, LakeKeys.SIGNING).orElseThrow().fingerprint();
        LakeKeys.init(config, lake(), CONF, false, "test again");
        assertEquals(2, LakeKeys.records(lake(), CONF).size());

        LakeKeys.init(config, lake(), CONF, true, "rotate");
        String rotated = LakeKeys.recorded(lake(), CONF, LakeKeys.SIGNING).orElseThrow().fingerprint();
        assertNotEquals(signing, rotated);
        assertEquals(rotated, SigningKeys.fingerprint(SigningKeys.lakePublicKey(lake(), CONF)));
        assertEquals(rotated, SigningKeys.fingerprint(LakeKeys.signingKey(config, lake(), CONF, "publish").publicKey()));
        assertEquals(new String(hmac), new String(Files.readAllBytes(dir.resolve("keys/pseudonym.key"))));

        Files.delete(dir.resolve("keys/pseudonym.key"));
        LakeKeys.KeyMismatchException lost = assertThrows(LakeKeys.KeyMismatchException.class,
                () -> LakeKeys.init(config, lake(), CONF, false, "init after the key was lost"));
        assertTrue(lost.getMessage().contains("re-tokenizing"), lost.getMessage());
        assertFalse(Files.exists(dir.resolve("keys/pseudonym.key")));
    }
}

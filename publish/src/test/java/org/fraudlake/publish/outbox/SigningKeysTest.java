package org.fraudlake.publish.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key creation, file modes, refusal to overwrite, and errors that name the file. */
class SigningKeysTest {

    @Test
    void initWritesPrivateKeyWithMode0600AndPublicKeyIntoTheLake(@TempDir Path dir) throws IOException {
        Lake lake = new Lake(dir.resolve("lake").toString());
        Path file = dir.resolve("keys/signing.key");
        SigningKey key = SigningKeys.init(file, lake);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String pem = Files.readString(file);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"), pem);
        Path lakePub = Path.of(lake.signingPublicKey());
        assertTrue(Files.readString(lakePub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(key.hasPublicKey(SigningKeys.readPublicKey(lakePub)));
        assertFalse(Files.exists(lakePub.resolveSibling(".signing-key.pub.crc")), "no Hadoop checksum file");

        SigningKey loaded = SigningKeys.load(file);
        byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(key.sign(message), loaded.sign(message), "Ed25519 is deterministic, same key same sig");
        assertTrue(SigningKey.verify(SigningKeys.readPublicKey(lakePub), message, loaded.sign(message)));
    }

    @Test
    void refusesToOverwriteAnExistingKeyUnlessForced(@TempDir Path dir) throws IOException {
        Lake lake = new Lake(dir.resolve("lake").toString());
        Path file = dir.resolve("keys/signing.key");
        SigningKey first = SigningKeys.init(file, lake);
        byte[] before = Files.readAllBytes(file);

        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> SigningKeys.init(file, lake));
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the existing key is untouched");

        SigningKey second = SigningKeys.init(file, lake, true, new Configuration());
        assertFalse(second.hasPublicKey(first.publicKey()), "a new pair");
        assertTrue(second.hasPublicKey(SigningKeys.readPublicKey(Path.of(lake.signingPublicKey()))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(SigningKeys.load(file).hasPublicKey(second.publicKey()));
    }

    @Test
    void refusesAPrivateKeyInsideTheLake(@TempDir Path dir) {
        Lake lake = new Lake(dir.resolve("lake").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.init(dir.resolve("lake/keys/signing.key"), lake));
        assertTrue(e.getMessage().contains("inside the lake"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("lake/keys/signing.key")));
    }

    @Test
    void loadingErrorsNameTheFileAndTheReason(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nowhere.key");
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> SigningKeys.load(missing));
        assertTrue(none.getMessage().contains(missing.toString()) && none.getMessage().contains("keys init"),
                none.getMessage());

        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "not a key\n");
        IOException notPem = assertThrows(IOException.class, () -> SigningKeys.load(garbage));
        assertTrue(notPem.getMessage().contains(garbage.toString()) && notPem.getMessage().contains("not a PEM"),
                notPem.getMessage());

        Path badBody = dir.resolve("bad.key");
        Files.writeString(badBody, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IOException notKey = assertThrows(IOException.class, () -> SigningKeys.load(badBody));
        assertTrue(notKey.getMessage().contains(badBody.toString()) && notKey.getMessage().contains("PKCS#8"),
                notKey.getMessage());

        Lake lake = new Lake(dir.resolve("lake").toString());
        Path a = dir.resolve("a/signing.key");
        Path b = dir.resolve("b/signing.key");
        SigningKeys.init(a, lake);
        SigningKeys.init(b, lake);
        Files.copy(SigningKeys.publicKeyFile(b), SigningKeys.publicKeyFile(a),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IOException mismatch = assertThrows(IOException.class, () -> SigningKeys.load(a));
        assertTrue(mismatch.getMessage().contains("not one key pair"), mismatch.getMessage());
    }
}

package org.fraudlake.orchestration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.SigningKeys;

/**
 * The keys a lake is written with, bound to it. {@code ops/keys.json} records, for each kind of key, the fingerprint
 * of the key first used on the lake (when, by whom, with which command, from which file). Loading a key for a run
 * checks it against that record and refuses a different one at once, naming both fingerprints and the setting: a
 * night started from another directory can no longer tokenize with a fresh HMAC key or sign with a fresh signing key.
 * Keys are created only by {@link #init} ({@code fraudlake keys init}, the demo for its own lake); loading never
 * creates one. The record holds fingerprints only (SHA-256), never key material.
 */
public final class LakeKeys {
    /** Kind of the HMAC pseudonymization key. */
    public static final String PSEUDONYMIZATION = "pseudonymization";
    /** Kind of the Ed25519 outbox signing key. */
    public static final String SIGNING = "signing";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One key of the lake: its kind, fingerprint, when and by whom it was first used, and from which file. */
    public record Recorded(String kind, String fingerprint, String firstUsed, String by, String command, String file) {
    }

    /** A key that is not the one the lake was written with. */
    public static final class KeyMismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        KeyMismatchException(String message) {
            super(message);
        }
    }

    private LakeKeys() {
    }

    /** The pseudonymization key of {@code pseudonymization.key-file}, checked against (or recorded in) the lake. */
    public static Pseudonymizer pseudonymizer(FraudlakeConfig config, Lake lake, Configuration conf, String command)
            throws IOException {
        Path file = Path.of(config.get(FraudlakeConfig.KEY_FILE));
        Pseudonymizer p = Pseudonymizer.fromKeyFile(file);
        bind(lake, conf, PSEUDONYMIZATION, p.fingerprint(), FraudlakeConfig.KEY_FILE.key(), file, command,
                "its tokens would join nothing the lake holds; a new HMAC key means re-tokenizing the lake "
                        + "(docs/security.md, \"Key rotation\")");
        return p;
    }

    /** The signing key of {@code publish.signing-key}, checked against (or recorded in) the lake. */
    public static SigningKey signingKey(FraudlakeConfig config, Lake lake, Configuration conf, String command)
            throws IOException {
        Path file = Path.of(config.get(FraudlakeConfig.SIGNING_KEY));
        SigningKey key = SigningKeys.load(file);
        bind(lake, conf, SIGNING, SigningKeys.fingerprint(key.publicKey()), FraudlakeConfig.SIGNING_KEY.key(), file,
                command, "partners verify with the recorded key; a new signing key is made with `fraudlake keys init "
                        + "--force` and announced to partners (docs/security.md, \"Key rotation\")");
        return key;
    }

    /**
     * Creates the keys the settings name that do not exist yet, records them for the lake and puts the public key at
     * {@code outbox/signing-key.pub}; returns a line per key. An existing signing key is replaced only with
     * {@code forceSigning} (a rotation: the lake's record then names the new key). An existing pseudonymization key
     * is never replaced, and a new one is refused on a lake that recorded another (that is a re-tokenization).
     */
    public static List<String> init(FraudlakeConfig config, Lake lake, Configuration conf, boolean forceSigning,
                                    String command) throws IOException {
        List<String> lines = new ArrayList<>();
        Path hmacFile = Path.of(config.get(FraudlakeConfig.KEY_FILE));
        Optional<Recorded> hmacRecord = recorded(lake, conf, PSEUDONYMIZATION);
        if (Files.exists(hmacFile)) {
            lines.add("pseudonymization key " + hmacFile.toAbsolutePath() + " exists, kept (fingerprint "
                    + pseudonymizer(config, lake, conf, command).fingerprint() + ")");
        } else {
            if (hmacRecord.isPresent()) {
                throw new KeyMismatchException("no pseudonymization key at " + hmacFile.toAbsolutePath()
                        + " (setting " + FraudlakeConfig.KEY_FILE.key() + "), but the lake " + lake + " was tokenized "
                        + "with key " + hmacRecord.get().fingerprint() + " (" + describe(hmacRecord.get())
                        + "); restore that key file from its backup and point the setting at it. A new key means "
                        + "re-tokenizing the lake (docs/security.md, \"Key rotation\")");
            }
            Pseudonymizer created = Pseudonymizer.createKeyFile(hmacFile);
            record(lake, conf, new Recorded(PSEUDONYMIZATION, created.fingerprint(), Instant.now().toString(), who(),
                    command, hmacFile.toAbsolutePath().toString()), false);
            lines.add("pseudonymization key " + hmacFile.toAbsolutePath() + " created (mode 0600, fingerprint "
                    + created.fingerprint() + "); back it up: without it the lake's tokens cannot be extended");
        }
        Path signingFile = Path.of(config.get(FraudlakeConfig.SIGNING_KEY));
        if (Files.exists(signingFile) && !forceSigning) {
            SigningKey key = signingKey(config, lake, conf, command);
            if (SigningKeys.lakePublicKey(lake, conf) == null) {
                SigningKeys.installPublicKey(key, lake, conf);
            }
            lines.add("signing key " + key.origin() + " exists, kept (fingerprint "
                    + SigningKeys.fingerprint(key.publicKey()) + "); --force replaces it");
        } else {
            SigningKey key = SigningKeys.init(signingFile, lake, forceSigning, conf);
            String fingerprint = SigningKeys.fingerprint(key.publicKey());
            record(lake, conf, new Recorded(SIGNING, fingerprint, Instant.now().toString(), who(), command,
                    key.origin()), true);
            lines.add("signing key " + key.origin() + " created (mode 0600), public key at " + lake.signingPublicKey()
                    + "; fingerprint " + fingerprint + " (SHA-256 of the public key; give it to partners out of band)");
        }
        return lines;
    }

    /** Every key record of the lake, oldest first (empty when the lake has none yet). */
    public static List<Recorded> records(Lake lake, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lake.keys());
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            return List.of();
        }
        try (InputStream in = fs.open(path)) {
            return JSON.readValue(in, new TypeReference<List<Recorded>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(path + ": not a key record (" + e.getOriginalMessage() + "); restore it from the "
                    + "lake's backup", e);
        }
    }

    /** The key of {@code kind} the lake is bound to now: its latest record. */
    public static Optional<Recorded> recorded(Lake lake, Configuration conf, String kind) throws IOException {
        Recorded last = null;
        for (Recorded r : records(lake, conf)) {
            if (r.kind().equals(kind)) {
                last = r;
            }
        }
        return Optional.ofNullable(last);
    }

    private static void bind(Lake lake, Configuration conf, String kind, String fingerprint, String setting,
                             Path file, String command, String consequence) throws IOException {
        Optional<Recorded> bound = recorded(lake, conf, kind);
        if (bound.isEmpty()) {
            record(lake, conf, new Recorded(kind, fingerprint, Instant.now().toString(), who(), command,
                    file.toAbsolutePath().toString()), false);
        } else if (!bound.get().fingerprint().equals(fingerprint)) {
            throw new KeyMismatchException("the " + kind + " key " + file.toAbsolutePath() + " (setting " + setting
                    + ") has fingerprint " + fingerprint + ", but the lake " + lake + " is bound to key "
                    + bound.get().fingerprint() + " (" + describe(bound.get()) + ", " + lake.keys() + "); point "
                    + setting + " at that key; " + consequence);
        }
    }

    private static String describe(Recorded r) {
        return "first used " + r.firstUsed() + " by " + r.by() + " in `" + r.command() + "`, file " + r.file();
    }

    private static void record(Lake lake, Configuration conf, Recorded entry, boolean replaces) throws IOException {
        List<Recorded> all = new ArrayList<>(records(lake, conf));
        if (!replaces && all.stream().anyMatch(r -> r.kind().equals(entry.kind()))) {
            return;
        }
        all.add(entry);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.keys());
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + System.nanoTime() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            JSON.writeValue(out, all);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not move " + tmp + " to " + target);
        }
    }

    private static String who() {
        return System.getProperty("user.name") + "@" + LakeLock.hostName();
    }
}

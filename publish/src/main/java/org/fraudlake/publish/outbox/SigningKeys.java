package org.fraudlake.publish.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.fraudlake.lake.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox signing keys: an Ed25519 pair made once by {@code fraudlake keys init}. The private key is a PKCS#8
 * PEM file of mode 0600 outside the lake (next to it, {@code <file>.pub}, its public key, so the lake's copy can be
 * put back after the lake is rebuilt); the public key partners verify with is an X.509 PEM at
 * {@link Lake#signingPublicKey()}. Every error names the file and what is wrong with it.
 */
public final class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private SigningKeys() {
    }

    /** Creates the key pair; refuses (FileAlreadyExistsException) when the private key file exists. */
    public static SigningKey init(Path privateKeyFile, Lake lake) throws IOException {
        return init(privateKeyFile, lake, false, new Configuration());
    }

    /**
     * Creates a key pair: the private key at {@code privateKeyFile} (mode 0600, written to a temporary file and
     * moved into place), its public key next to it and at {@link Lake#signingPublicKey()}. An existing private key
     * is replaced only when {@code force} is set (partners must then fetch the new public key); otherwise this
     * throws {@link FileAlreadyExistsException}. A private key inside a local lake is refused.
     */
    public static SigningKey init(Path privateKeyFile, Lake lake, boolean force, Configuration conf)
            throws IOException {
        Path file = privateKeyFile.toAbsolutePath().normalize();
        requireOutsideLake(file, lake);
        if (Files.exists(file) && !force) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "a signing key exists; use --force to replace it (partners must then fetch the new public key)");
        }
        SigningKey key = write(file);
        installPublicKey(key, lake, conf);
        return key;
    }

    /**
     * Creates a key pair at {@code privateKeyFile} (and {@code <file>.pub}) without installing the public key in a
     * lake (the first publish puts it there); refuses when the file exists. For harnesses whose lakes share a key.
     */
    public static SigningKey create(Path privateKeyFile) throws IOException {
        Path file = privateKeyFile.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a signing key exists");
        }
        return write(file);
    }

    private static SigningKey write(Path file) throws IOException {
        KeyPair pair = generate();
        Files.createDirectories(file.getParent());
        writeAtomically(file, pem(PRIVATE_LABEL, pair.getPrivate().getEncoded()), "rw-------");
        writeAtomically(publicKeyFile(file), pem(PUBLIC_LABEL, pair.getPublic().getEncoded()), "rw-r--r--");
        SigningKey key = new SigningKey(pair.getPrivate(), pair.getPublic(), file.toString());
        LOG.info("created {}", key);
        return key;
    }

    /** Loads the private key and the public key next to it ({@code <file>.pub}) and checks they are one pair. */
    public static SigningKey load(Path privateKeyFile) throws IOException {
        Path file = privateKeyFile.toAbsolutePath().normalize();
        PrivateKey privateKey = readPrivateKey(file);
        PublicKey publicKey = readPublicKey(publicKeyFile(file));
        SigningKey key = new SigningKey(privateKey, publicKey, file.toString());
        if (!key.isPair()) {
            throw new IOException(file + " and " + publicKeyFile(file) + " are not one key pair; run `fraudlake keys "
                    + "init --force` to make a new pair");
        }
        warnIfReadableByOthers(file);
        return key;
    }

    /** {@code <private key file>.pub}: the public key kept next to the private one. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    /** Reads a PKCS#8 PEM Ed25519 private key. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = decodePem(read(file), PRIVATE_LABEL, file.toString());
        try {
            return KeyFactory.getInstance(SigningKey.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /** Reads an X.509 PEM Ed25519 public key, e.g. {@code outbox/signing-key.pub}. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        return parsePublicKey(read(file), file.toString());
    }

    /** Parses an X.509 PEM Ed25519 public key; {@code origin} names its file in errors. */
    public static PublicKey parsePublicKey(byte[] pem, String origin) throws IOException {
        byte[] der = decodePem(pem, PUBLIC_LABEL, origin);
        try {
            return KeyFactory.getInstance(SigningKey.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(origin + ": not an Ed25519 X.509 public key: " + e.getMessage(), e);
        }
    }

    /** The X.509 PEM text of a public key, as in {@code outbox/signing-key.pub}. */
    public static byte[] publicKeyPem(PublicKey key) {
        return pem(PUBLIC_LABEL, key.getEncoded());
    }

    /** SHA-256 of the public key's X.509 encoding, hex: what a partner compares out of band. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * Writes the key's public half to {@link Lake#signingPublicKey()} (through the Hadoop file system, so an
     * {@code hdfs://} lake works), replacing what is there.
     */
    public static void installPublicKey(SigningKey key, Lake lake, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.signingPublicKey());
        FileSystem fs = OutboxFiles.plain(target.getFileSystem(conf));
        fs.mkdirs(target.getParent());
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + System.nanoTime() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(publicKeyPem(key.publicKey()));
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not move " + tmp + " to " + target);
        }
    }

    /** The public key at {@link Lake#signingPublicKey()}, or {@code null} when there is none. */
    public static PublicKey lakePublicKey(Lake lake, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(lake.signingPublicKey());
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            return parsePublicKey(in.readAllBytes(), path.toString());
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(SigningKey.ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 key pair generator", e);
        }
    }

    private static void requireOutsideLake(Path file, Lake lake) {
        String root = lake.root();
        if (root.startsWith("file:")) {
            root = java.net.URI.create(root).getPath();
        } else if (root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return;
        }
        Path lakeRoot = Path.of(root).toAbsolutePath().normalize();
        if (file.startsWith(lakeRoot)) {
            throw new IllegalArgumentException("signing key " + file + " is inside the lake " + lakeRoot
                    + "; keep the private key outside it (setting publish.signing-key)");
        }
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no such key file; create the keys with `fraudlake keys init`");
        }
    }

    private static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] decodePem(byte[] pem, String label, String origin) throws IOException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(origin + ": not a PEM " + label + " (expected '" + begin + "' ... '" + end + "')");
        }
        String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": PEM " + label + " body is not base64: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes, String mode) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            LOG.warn("signing key {} has mode {}; it should be rw------- (chmod 600)", file,
                    PosixFilePermissions.toString(perms));
        }
    }
}

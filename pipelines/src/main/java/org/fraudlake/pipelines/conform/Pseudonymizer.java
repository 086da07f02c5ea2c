package org.fraudlake.pipelines.conform;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fraudlake.schemas.tables.TokenKind;

/**
 * Keyed pseudonymization: a token is the kind's prefix and the first 96 bits of
 * HMAC-SHA256(key, kind|normalized value). The same identifier gives the same token in every feed, so
 * links survive; without the key a token cannot be reversed or recomputed. The key lives outside the
 * lake in a file of mode 0600, made once by {@code fraudlake keys init} ({@link #createKeyFile}); loading never
 * creates one, so a run pointed at the wrong place fails instead of tokenizing with a fresh key.
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int TOKEN_BYTES = 12;
    private final byte[] key;
    private transient ThreadLocal<Mac> mac;

    public Pseudonymizer(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonymization key must have at least 16 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /**
     * Reads the key file (base64). A missing file fails with a message that says how to make one: a key is never
     * created here (a fresh key would give tokens that join nothing in the lake).
     */
    public static Pseudonymizer fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "no pseudonymization key "
                    + "(setting pseudonymization.key-file); create the lake's keys once with `fraudlake keys init`, "
                    + "or point the setting at the key the lake was tokenized with");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new Pseudonymizer(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a base64 pseudonymization key: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a new random key file of mode 0600 (written to a temporary file and moved into place); refuses
     * ({@link FileAlreadyExistsException}) when the file exists. Only {@code fraudlake keys init}, the demo and test
     * harnesses call this.
     */
    public static Pseudonymizer createKeyFile(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a pseudonymization key exists; it is never "
                    + "replaced (a new key means re-tokenizing the lake, see docs/security.md)");
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
            Files.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Pseudonymizer(fresh);
    }

    /**
     * SHA-256 of a fixed label and the key, hex: names the key in {@code ops/keys.json} and in errors without
     * revealing it (the key is 256 random bits, so the hash cannot be inverted).
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("fraudlake pseudonymization key|".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The token of a value, or {@code null} for an empty one. */
    public String token(TokenKind kind, String value) {
        String normalized = normalize(kind, value);
        if (normalized == null) {
            return null;
        }
        Mac m = mac();
        m.update(kind.name().getBytes(StandardCharsets.UTF_8));
        m.update((byte) '|');
        byte[] digest = m.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
        return kind.prefix() + HexFormat.of().formatHex(digest, 0, TOKEN_BYTES);
    }

    /**
     * The canonical form that is tokenized: trimmed; phones without separators and without a +86/0086
     * prefix on mainland mobile numbers; IDs upper case; accounts as {@code BANK:number}.
     */
    public static String normalize(TokenKind kind, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case PHONE -> phone(v);
            case ID -> v.toUpperCase(Locale.ROOT);
            case ACCOUNT -> account(v);
            case NAME, IMEI -> v;
        };
    }

    private static String phone(String v) {
        String digits = v.replaceAll("[\\s()-]", "");
        if (digits.startsWith("+86") && digits.length() == 14) {
            return digits.substring(3);
        }
        if (digits.startsWith("0086") && digits.length() == 15) {
            return digits.substring(4);
        }
        return digits;
    }

    private static String account(String v) {
        int colon = v.indexOf(':');
        if (colon < 0) {
            return v;
        }
        return v.substring(0, colon).trim().toUpperCase(Locale.ROOT) + ":" + v.substring(colon + 1).trim();
    }

    private Mac mac() {
        if (mac == null) {
            mac = ThreadLocal.withInitial(this::newMac);
        }
        return mac.get();
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

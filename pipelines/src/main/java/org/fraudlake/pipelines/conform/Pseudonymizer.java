package org.fraudlake.pipelines.conform;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
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
 * lake in a file of mode 0600.
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

    /** Reads the key file (base64), creating a new random key with mode 0600 when it does not exist. */
    public static Pseudonymizer fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
            Files.move(tmp, file);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new Pseudonymizer(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a base64 pseudonymization key: " + e.getMessage(), e);
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

package org.fraudlake.publish.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The publisher's Ed25519 key pair, loaded from the private key file outside the lake (see {@link SigningKeys}).
 * Ed25519 signatures are deterministic, so signing the same manifest again gives the same bytes.
 */
public final class SigningKey {
    /** JDK algorithm name of the key pair and of the signature. */
    public static final String ALGORITHM = "Ed25519";
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String origin;

    /** {@code origin}: where the key came from (its file), for messages. */
    public SigningKey(PrivateKey privateKey, PublicKey publicKey, String origin) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.origin = origin;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Where the key came from, e.g. its private key file. */
    public String origin() {
        return origin;
    }

    /** The raw 64-byte Ed25519 signature of {@code bytes}. */
    public byte[] sign(byte[] bytes) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(bytes);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the Ed25519 key of " + origin + ": " + e.getMessage(), e);
        }
    }

    /** The content of a {@code .sig} file: base64 of the raw signature and a newline. */
    public byte[] signatureFile(byte[] bytes) {
        return (Base64.getEncoder().encodeToString(sign(bytes)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code bytes} under {@code key}. */
    public static boolean verify(PublicKey key, byte[] bytes, byte[] signature) {
        Signature s;
        try {
            s = Signature.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
        try {
            s.initVerify(key);
            s.update(bytes);
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            // not an Ed25519 key, or not a well-formed signature: either way the signature does not verify
            return false;
        }
    }

    /** Whether the private and the public key belong together (a probe is signed and verified). */
    boolean isPair() {
        byte[] probe = "fraudlake signing key probe".getBytes(StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(probe));
    }

    /** Whether {@code other} is this key pair's public key. */
    public boolean hasPublicKey(PublicKey other) {
        return Arrays.equals(publicKey.getEncoded(), other.getEncoded());
    }

    @Override
    public String toString() {
        return "Ed25519 signing key " + SigningKeys.fingerprint(publicKey) + " (" + origin + ")";
    }
}

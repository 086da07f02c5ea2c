package org.fraudlake.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A random 256-bit key that lives only in this console process (a restart makes a new one, as it logs everybody
 * out): it signs the pre-session login tokens and derives the opaque warning references analysts see. Nothing
 * signed with it is stored.
 */
public final class ServerSecret {
    private final SecretKeySpec key;

    public ServerSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        this.key = new SecretKeySpec(b, "HmacSHA256");
    }

    /** Base64url HMAC-SHA256 of {@code purpose|value}: the purpose keeps one use's MACs useless for another. */
    public String mac(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal((purpose + "|" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** Whether two strings are equal, compared in constant time; false when either is null. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}

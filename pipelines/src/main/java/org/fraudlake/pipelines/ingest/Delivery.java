package org.fraudlake.pipelines.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.landing.Manifest;

/**
 * A delivery folder found in landing, with its manifest and, when the folder itself is already known to
 * be bad (no manifest, unreadable or mismatched manifest, missing file), the problem.
 *
 * @param feed    the feed of the folder path
 * @param source  the source of the folder path
 * @param date    the business date of the folder path
 * @param path    the folder
 * @param manifest the parsed manifest, or {@code null}
 * @param problem why the delivery cannot be taken, or {@code null}
 * @param reason  a sentence naming the file and what is wrong, or {@code null}
 * @param state   sha256 over the folder's listing (each entry's name, size, modification time), or {@code null}
 */
public record Delivery(FeedSchema feed, String source, LocalDate date, String path, Manifest manifest,
                       Problem problem, String reason, String state) {

    /** {@code feed/source/date}: the identity of a delivery; a new one with this key is a restatement. */
    public String key() {
        return feed.name() + "/" + source + "/" + date;
    }

    /** sha256 over the manifest's file names and checksums: identical content gives the same fingerprint. */
    public String fingerprint() {
        if (manifest == null || manifest.files() == null) {
            return "none";
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            manifest.files().stream()
                    .sorted(Comparator.comparing(Manifest.FileEntry::name))
                    .forEach(f -> md.update((f.name() + ":" + f.sha256() + ":" + f.rows() + ";")
                            .getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a decision on this delivery is recorded under: the content {@link #fingerprint()} when it is taken, but
     * for a rejected one the fingerprint together with the folder's {@link #state()}, so a sender who re-uploads a
     * missing, truncated or corrupt file under the same manifest gets the delivery judged again. Cheap: a listing.
     */
    public String decisionFingerprint() {
        return problem == null ? fingerprint() : attemptFingerprint();
    }

    /** The content fingerprint together with the folder's state: what a rejection is recorded under. */
    public String attemptFingerprint() {
        return state == null ? fingerprint() : sha256(fingerprint() + "|" + state);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** {@code key#first 12 hex digits of the fingerprint}. */
    public String id() {
        return key() + "#" + fingerprint().substring(0, Math.min(12, fingerprint().length()));
    }

    public List<Manifest.FileEntry> files() {
        return manifest == null || manifest.files() == null ? List.of() : manifest.files();
    }

    public Delivery reject(Problem why, String text) {
        return new Delivery(feed, source, date, path, manifest, why, text, state);
    }
}

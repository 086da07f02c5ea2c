package org.fraudlake.publish.outbox;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The three files of one partner's folder for one date, rendered in memory: {@code warnings.csv}, its
 * {@code _manifest.json}, and the manifest's signature. Pure: the same rows and key give the same bytes.
 */
public final class PartnerFolder {
    private PartnerFolder() {
    }

    /** File name to bytes, in writing order (data, manifest, signature). */
    public static Map<String, byte[]> render(String partner, PartnerKind kind, LocalDate date,
                                             Collection<WarningLine> rows, SigningKey key) {
        byte[] csv = WarningsCsv.render(kind, rows);
        int distinctRows = new TreeSet<>(rows).size();
        byte[] manifest = OutboxManifest.render(partner, date, List.of(
                new OutboxManifest.FileEntry(WarningsCsv.FILE_NAME, distinctRows, OutboxManifest.sha256(csv))));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(WarningsCsv.FILE_NAME, csv);
        files.put(OutboxManifest.FILE_NAME, manifest);
        files.put(OutboxManifest.SIGNATURE_FILE_NAME, key.signatureFile(manifest));
        return files;
    }
}

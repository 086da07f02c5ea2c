package org.fraudlake.pipelines.ingest;

/**
 * What ingest did with one delivery.
 *
 * @param key           feed/source/date
 * @param deliveryId    key and short fingerprint
 * @param fingerprint   sha256 over the manifest's files
 * @param feed          feed name
 * @param source        sender
 * @param status        LOADED, REJECTED, UNCHANGED (identical content already decided) or WAITING (no manifest)
 * @param version       loaded version of this key (1, then 2... for restatements); 0 when not loaded
 * @param files         data files in the manifest
 * @param rowsInFiles   records in the data files
 * @param loaded        rows written to bronze
 * @param quarantined   rows written to quarantine
 * @param reasonCode    why rejected or waiting, else null
 * @param reason        the full reason, naming the file
 * @param bronzeVersion the bronze table version holding the loaded rows, else null
 */
public record DeliveryOutcome(String key, String deliveryId, String fingerprint, String feed, String source,
                              Status status, int version, int files, long rowsInFiles, long loaded, long quarantined,
                              String reasonCode, String reason, Long bronzeVersion) {

    /** The outcome kinds. */
    public enum Status { LOADED, REJECTED, UNCHANGED, WAITING }

    DeliveryOutcome withBronze(Long bronze) {
        return new DeliveryOutcome(key, deliveryId, fingerprint, feed, source, status, version, files, rowsInFiles,
                loaded, quarantined, reasonCode, reason, bronze);
    }

    @Override
    public String toString() {
        return switch (status) {
            case LOADED -> String.format("%-45s LOADED v%d  %,d rows: %,d loaded, %,d quarantined", key, version,
                    rowsInFiles, loaded, quarantined);
            case REJECTED -> String.format("%-45s REJECTED %s: %s", key, reasonCode, reason);
            case UNCHANGED -> String.format("%-45s unchanged (already ingested)", key);
            case WAITING -> String.format("%-45s WAITING: %s", key, reason);
        };
    }
}

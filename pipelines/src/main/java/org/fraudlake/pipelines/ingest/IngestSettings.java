package org.fraudlake.pipelines.ingest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.SourceKind;

/**
 * What ingest accepts: the size limits that keep one delivery within bounded memory and disk, and the partner
 * registry's fixed bindings. The documented settings ({@code ingest.*} in {@code fraudlake config}) map onto it.
 *
 * @param maxFieldChars      longest field, in characters; a longer one quarantines its row (TOO_LONG)
 * @param maxRecordChars     longest CSV record, in characters (an unclosed quote swallowing the file); a longer one
 *                           is cut there and quarantined (TOO_LONG), reading resumes at the next line
 * @param maxFileBytes       most bytes one data file may hold once decompressed; more rejects the delivery (TOO_LARGE)
 * @param maxDeliveryBytes   most decompressed bytes of all the files of one delivery
 * @param maxCompressionRatio most decompressed bytes per stored byte of a gzip file (a gzip bomb is far above),
 *                           checked once {@link #RATIO_CHECKED_AFTER_BYTES} bytes came out
 * @param maxManifestBytes   largest {@code _manifest.json} read
 * @param partners           codes bound to a kind by configuration; they win over what the lake learned
 * @param closedRegistry     whether a code neither configured nor learned is refused (UNKNOWN_PARTNER) instead of
 *                           learned from its first loaded delivery
 */
public record IngestSettings(int maxFieldChars, int maxRecordChars, long maxFileBytes, long maxDeliveryBytes,
                             int maxCompressionRatio, int maxManifestBytes, Map<String, SourceKind> partners,
                             boolean closedRegistry) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Below this many decompressed bytes a file's compression ratio is not judged: small outputs prove nothing. */
    public static final long RATIO_CHECKED_AFTER_BYTES = 1L << 20;

    /** The documented defaults. */
    public static final IngestSettings DEFAULTS = new IngestSettings(64 * 1024, 1024 * 1024, 8L << 30, 32L << 30,
            200, 1024 * 1024, Map.of(), false);

    public IngestSettings {
        if (maxFieldChars < 1 || maxRecordChars < maxFieldChars || maxFileBytes < 1 || maxDeliveryBytes < 1
                || maxCompressionRatio < 1 || maxManifestBytes < 1) {
            throw new IllegalArgumentException("ingest limits must be positive and a record at least as long as a "
                    + "field: field " + maxFieldChars + ", record " + maxRecordChars + ", file " + maxFileBytes
                    + " bytes, delivery " + maxDeliveryBytes + " bytes, ratio " + maxCompressionRatio
                    + ", manifest " + maxManifestBytes + " bytes");
        }
        partners = Map.copyOf(new TreeMap<>(partners));
        partners.keySet().forEach(IngestSettings::requireCode);
    }

    public IngestSettings withPartners(Map<String, SourceKind> bound, boolean closed) {
        return new IngestSettings(maxFieldChars, maxRecordChars, maxFileBytes, maxDeliveryBytes, maxCompressionRatio,
                maxManifestBytes, bound, closed);
    }

    public IngestSettings withLimits(int fieldChars, int recordChars, long fileBytes, long deliveryBytes, int ratio,
                                     int manifestBytes) {
        return new IngestSettings(fieldChars, recordChars, fileBytes, deliveryBytes, ratio, manifestBytes, partners,
                closedRegistry);
    }

    /**
     * Parses {@code CODE=KIND,CODE=KIND}: a sender code and a partner kind ({@link SourceKind}, any case, {@code -}
     * for {@code _}). Throws naming the entry and the valid kinds.
     */
    public static Map<String, SourceKind> parsePartners(String text) {
        Map<String, SourceKind> out = new TreeMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("partner entry '" + entry.trim() + "' is not CODE=KIND, e.g. "
                        + "BANK_A=bank");
            }
            String code = requireCode(entry.substring(0, eq).trim());
            String kind = entry.substring(eq + 1).trim().toUpperCase(Locale.ROOT).replace('-', '_');
            SourceKind bound = Arrays.stream(SourceKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("partner " + code + ": kind '" + kind
                            + "' is not one of " + Arrays.stream(SourceKind.values()).map(k -> k.name()
                            .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
            if (out.containsKey(code) && out.get(code) != bound) {
                throw new IllegalArgumentException("partner " + code + " is bound twice: " + out.get(code) + " and "
                        + bound);
            }
            out.put(code, bound);
        }
        return out;
    }

    private static String requireCode(String code) {
        if (!code.matches(Feeds.SOURCE_PATTERN)) {
            throw new IllegalArgumentException("partner code '" + code + "' does not match " + Feeds.SOURCE_PATTERN);
        }
        return code;
    }
}

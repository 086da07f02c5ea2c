package org.fraudlake.publish.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.fraudlake.schemas.landing.CsvWriter;

/**
 * A partner's {@code warnings.csv}: RFC 4180 (UTF-8, CRLF record ends, a field quoted only when it holds a comma,
 * quote or line break, quotes doubled), the header of the partner's kind, the rows sorted and without duplicates,
 * so the same rows always give the same bytes.
 */
public final class WarningsCsv {
    public static final String FILE_NAME = "warnings.csv";
    public static final String WARNING_ID = "warning_id";
    public static final String BUSINESS_DATE = "business_date";
    public static final String WARNING_TYPE = "warning_type";
    public static final String RECOMMENDED_ACTION = "recommended_action";
    public static final String SCORE = "score";
    public static final String MODELS = "models";
    public static final String REASONS = "reasons";
    public static final String VALID_UNTIL = "valid_until";
    /** Record end, as RFC 4180 writes it. */
    public static final String LINE_END = "\r\n";
    /** Separator of the {@code models} list. */
    public static final String MODEL_SEPARATOR = ";";
    /** Separator of the {@code reasons} list. */
    public static final String REASON_SEPARATOR = "; ";

    private WarningsCsv() {
    }

    /** The file's bytes: the header and the distinct rows in {@link WarningLine} order. */
    public static byte[] render(PartnerKind kind, Collection<WarningLine> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            CsvWriter csv = new CsvWriter(w, LINE_END);
            csv.write(kind.header().toArray(String[]::new));
            for (WarningLine row : new TreeSet<>(rows)) {
                csv.write(row.fields().toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** A score 0..1 as written: four decimals, half up ({@code 0.8732}, {@code 1.0000}). */
    public static String score(double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score " + score + " is outside 0..1");
        }
        return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** A list as one field, empty items dropped. */
    public static String join(List<String> items, String separator) {
        return String.join(separator, items.stream().filter(s -> s != null && !s.isBlank()).map(String::trim)
                .toList());
    }
}

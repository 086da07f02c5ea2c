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
 *
 * <p>Spreadsheet formulas (CSV injection): a partner may open the file in a spreadsheet, which runs a cell that
 * starts with {@code = + - @}, a tab or a carriage return as a formula. The rule (docs/security.md):
 * <ul>
 *   <li>the identifier ({@code account_no}, {@code phone}) is the partner's own value, which its systems must match
 *       byte for byte, so it is never altered: one that would start a formula ({@link #identifierProblem}) is
 *       withheld from the folder and reported, like any other warning that cannot be routed; {@code +} or {@code -}
 *       followed by digits only (an international number, {@code +447700900123}) is a number, not a formula;</li>
 *   <li>free text ({@code models}, {@code reasons}) that would start a formula gets a leading {@code '}
 *       ({@link #neutralise}), as OWASP recommends; every other column is a code, a date or a number.</li>
 * </ul>
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

    /** First characters that make a spreadsheet read a cell as a formula. */
    public static final String FORMULA_STARTS = "=+-@\t\r";
    /** What {@link #neutralise} puts before a free-text cell that would start a formula. */
    public static final String FORMULA_GUARD = "'";

    private WarningsCsv() {
    }

    /** Whether a spreadsheet would read {@code cell} as a formula. */
    public static boolean startsFormula(String cell) {
        return cell != null && !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0;
    }

    /** Free text as written: with a leading {@code '} when it would start a formula, unchanged otherwise. */
    public static String neutralise(String text) {
        return startsFormula(text) ? FORMULA_GUARD + text : text;
    }

    /**
     * Why a partner's identifier cannot be written to its file (it would start a spreadsheet formula), or null:
     * {@code +} or {@code -} followed by digits only is a plain number and allowed.
     */
    public static String identifierProblem(String identifier) {
        if (!startsFormula(identifier)) {
            return null;
        }
        char first = identifier.charAt(0);
        if ((first == '+' || first == '-') && identifier.length() > 1 && identifier.substring(1).chars()
                .allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return "the raw identifier starts with '" + (Character.isISOControl(first) ? "\\u" + String.format("%04x",
                (int) first) : String.valueOf(first)) + "' and would be read as a formula by a spreadsheet";
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

package org.fraudlake.simulator.delivery;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.simulator.delivery.Formats.AmountStyle;
import org.fraudlake.simulator.delivery.Formats.BoolStyle;
import org.fraudlake.simulator.delivery.Formats.EnumStyle;
import org.fraudlake.simulator.delivery.Formats.HeaderCase;
import org.fraudlake.simulator.delivery.Formats.TimeStyle;
import org.fraudlake.simulator.delivery.SourceStyle.Split;
import org.fraudlake.simulator.model.Parties;

/**
 * The house style of every sender of the city. Together they use every freedom the contract gives;
 * {@code simulator/README.md} has the same table in prose.
 */
public final class SourceStyles {
    private static final String LF = "\n";
    private static final String CRLF = "\r\n";
    private static final Map<String, SourceStyle> STYLES = new TreeMap<>();

    static {
        add(new SourceStyle("BANK_A", false, HeaderCase.LOWER, EnumStyle.UPPER, TimeStyle.OFFSET, AmountStyle.MINIMAL,
                BoolStyle.WORDS, true, LF, Split.HALF_DAY, 0, false, Set.of(), Set.of(), false));
        add(new SourceStyle("BANK_B", true, HeaderCase.LOWER, EnumStyle.LOWER, TimeStyle.UTC_MILLIS,
                AmountStyle.TWO_DECIMALS, BoolStyle.WORDS, false, CRLF, Split.NONE, 0, false,
                Set.of(BankTransactions.DEVICE_ID, BankTransactions.IP, BankTransactions.CURRENCY,
                        BankAccounts.BRANCH_CODE), Set.of(), false));
        add(new SourceStyle("BANK_C", false, HeaderCase.TITLE, EnumStyle.PADDED, TimeStyle.OFFSET_MILLIS,
                AmountStyle.INTEGER_OR_TWO, BoolStyle.WORDS, true, CRLF, Split.ROWS, 40_000, false,
                Set.of(BankAccounts.HOLDER_BIRTH_DATE), Set.of(), true));
        add(new SourceStyle("BANK_D", true, HeaderCase.UPPER, EnumStyle.TITLE, TimeStyle.UTC_MILLIS,
                AmountStyle.MINIMAL, BoolStyle.WORDS, false, LF, Split.NONE, 0, true,
                Set.of(BankTransactions.CITY_CODE), Set.of(FeedRows.REMARK), false));
        add(new SourceStyle("BANK_E", true, HeaderCase.LOWER, EnumStyle.UPPER, TimeStyle.OFFSET,
                AmountStyle.TWO_DECIMALS, BoolStyle.WORDS, true, LF, Split.ROWS, 60_000, true, Set.of(), Set.of(),
                false));
        add(new SourceStyle("CARRIER_X", false, HeaderCase.LOWER, EnumStyle.UPPER, TimeStyle.OFFSET,
                AmountStyle.MINIMAL, BoolStyle.WORDS, true, LF, Split.ROWS, 100_000, false, Set.of(), Set.of(),
                false));
        add(new SourceStyle("CARRIER_Y", true, HeaderCase.LOWER, EnumStyle.LOWER, TimeStyle.UTC_MILLIS,
                AmountStyle.MINIMAL, BoolStyle.DIGITS, false, CRLF, Split.NONE, 0, false,
                Set.of(CallRecords.CELL_ID), Set.of(), false));
        add(new SourceStyle("CARRIER_Z", true, HeaderCase.TITLE, EnumStyle.PADDED, TimeStyle.OFFSET,
                AmountStyle.MINIMAL, BoolStyle.UPPER_WORDS, true, LF, Split.ROWS, 80_000, true, Set.of(), Set.of(),
                false));
        add(new SourceStyle(Parties.POLICE, false, HeaderCase.LOWER, EnumStyle.UPPER, TimeStyle.OFFSET,
                AmountStyle.TWO_DECIMALS, BoolStyle.WORDS, false, CRLF, Split.NONE, 0, false, Set.of(), Set.of(),
                false));
        add(new SourceStyle(Parties.CASE_MANAGEMENT, true, HeaderCase.LOWER, EnumStyle.LOWER, TimeStyle.UTC_MILLIS,
                AmountStyle.MINIMAL, BoolStyle.WORDS, false, LF, Split.NONE, 0, false, Set.of(), Set.of(), false));
        add(new SourceStyle(Parties.REGULATOR, false, HeaderCase.UPPER, EnumStyle.UPPER, TimeStyle.OFFSET,
                AmountStyle.TWO_DECIMALS, BoolStyle.WORDS, true, LF, Split.NONE, 0, false, Set.of(), Set.of(),
                false));
        add(new SourceStyle(Parties.TRADING_CENTER, true, HeaderCase.LOWER, EnumStyle.UPPER, TimeStyle.OFFSET_MILLIS,
                AmountStyle.MINIMAL, BoolStyle.DIGITS, false, CRLF, Split.NONE, 0, false, Set.of(), Set.of(),
                false));
    }

    private SourceStyles() {
    }

    private static void add(SourceStyle s) {
        STYLES.put(s.source(), s);
    }

    /** The style of a sender; an unknown sender fails naming the known ones. */
    public static SourceStyle of(String source) {
        SourceStyle s = STYLES.get(source);
        if (s == null) {
            throw new IllegalArgumentException("no style for source '" + source + "'; known: " + STYLES.keySet());
        }
        return s;
    }

    /** Every sender's style, by source code. */
    public static Map<String, SourceStyle> all() {
        return Collections.unmodifiableMap(STYLES);
    }

    /** Columns outside the contract that some sender adds to a feed (kept in bronze, ignored downstream). */
    public static Set<String> extraColumns() {
        return Set.of(FeedRows.REMARK);
    }
}

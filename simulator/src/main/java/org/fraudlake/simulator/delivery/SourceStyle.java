package org.fraudlake.simulator.delivery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.simulator.delivery.Formats.AmountStyle;
import org.fraudlake.simulator.delivery.Formats.BoolStyle;
import org.fraudlake.simulator.delivery.Formats.EnumStyle;
import org.fraudlake.simulator.delivery.Formats.HeaderCase;
import org.fraudlake.simulator.delivery.Formats.TimeStyle;
import org.fraudlake.simulator.util.Rand;

/**
 * How one sender writes its files, within what the contract allows: column order, header case, which
 * optional columns it leaves out, extra columns of its own, enum/time/amount/boolean formats, gzip or
 * plain, line endings, file names and how big event feeds are split. Fixed per source, independent of
 * the simulation seed.
 *
 * @param source    sender code
 * @param shuffled  columns in a source-specific order rather than contract order
 * @param headers   header letter case
 * @param enums     enum value format
 * @param times     timestamp format
 * @param amounts   amount format
 * @param bools     boolean format
 * @param gzip      {@code .csv.gz} rather than {@code .csv}
 * @param lineEnd   {@code \n} or {@code \r\n}
 * @param split     how event feeds (transactions, call records) are split into files
 * @param splitRows records per file for {@link Split#ROWS}
 * @param dated     file names {@code <feed>_<yyyymmdd>_<n>} rather than {@code part-000n}
 * @param omitted   optional columns this source never sends
 * @param extras    columns of its own, beyond the contract
 * @param blankCurrency leaves {@code currency} empty (the contract's default CNY applies)
 */
public record SourceStyle(String source, boolean shuffled, HeaderCase headers, EnumStyle enums, TimeStyle times,
                          AmountStyle amounts, BoolStyle bools, boolean gzip, String lineEnd, Split split,
                          int splitRows, boolean dated, Set<String> omitted, Set<String> extras,
                          boolean blankCurrency) {

    /** How an event feed's day is split into files. */
    public enum Split {
        /** One file. */
        NONE,
        /** Two files: before noon and from noon on. */
        HALF_DAY,
        /** A new file every {@code splitRows} records. */
        ROWS
    }

    public SourceStyle {
        omitted = Set.copyOf(omitted);
        extras = Set.copyOf(extras);
    }

    /** The data file name of part {@code n} (1-based). */
    public String fileName(String feed, LocalDate date, int part) {
        String ext = gzip ? ".csv.gz" : ".csv";
        if (dated) {
            return feed + "_" + date.toString().replace("-", "") + "_" + part + ext;
        }
        return "part-" + String.format("%04d", part) + ext;
    }

    /**
     * The columns this source writes for a feed, in its order: contract columns it sends, then the feed's
     * extras it uses. Names are canonical (lower case); {@link #header} gives the written form.
     */
    public List<String> layout(FeedSchema feed, List<String> feedExtras) {
        List<String> names = new ArrayList<>();
        for (Column c : feed.columns()) {
            if (omitted.contains(c.name())) {
                if (c.required()) {
                    throw new IllegalStateException(source + " may not omit required column " + c.name());
                }
                continue;
            }
            names.add(c.name());
        }
        if (shuffled) {
            Rand.of(0L, "layout:" + source + ":" + feed.name()).shuffle(names);
        }
        for (String e : feedExtras) {
            if (extras.contains(e)) {
                names.add(names.size() / 2, e);
            }
        }
        return names;
    }

    public String header(String name) {
        return Formats.header(name, headers);
    }

    public String time(long epochMs) {
        return Formats.time(epochMs, times);
    }

    public String amount(long cents) {
        return Formats.amount(cents, amounts);
    }

    public String bool(boolean value) {
        return Formats.bool(value, bools);
    }

    public String enumValue(String value) {
        return Formats.enumValue(value, enums);
    }
}

package org.fraudlake.simulator.delivery;

import java.time.LocalDate;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.ColumnType;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.simulator.util.Rand;

/**
 * Leaves optional values empty, as the contract allows for every column not marked required: a share of the
 * values of every optional column of every feed, drawn per row from the seed, the delivery and the row's
 * number. A boolean is left empty only when it is false, so that an empty value keeps its meaning (an empty
 * {@code ported_in} is a number that was not ported).
 *
 * @param seed the simulation seed
 * @param rate share of optional values left empty (0: none)
 */
public record Blanks(long seed, double rate) {
    /** Leaves every value as it is. */
    public static final Blanks NONE = new Blanks(0, 0);

    /** Empties some optional values of a row given in {@link FeedRows} order, in place. */
    void apply(FeedSchema feed, String source, LocalDate date, long rowNo, String[] row, SourceStyle style) {
        if (rate <= 0) {
            return;
        }
        Rand r = Rand.of(seed, "freedom-blank", feed.name().hashCode(), source.hashCode(), date.toEpochDay(), rowNo);
        String no = style.bool(false);
        for (int i = 0; i < feed.columns().size(); i++) {
            Column c = feed.columns().get(i);
            if (c.required() || row[i].isEmpty() || !r.chance(rate)) {
                continue;
            }
            if (c.type() != ColumnType.BOOLEAN || row[i].equals(no)) {
                row[i] = "";
            }
        }
    }
}

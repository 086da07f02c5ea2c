package org.fraudlake.simulator.delivery;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.Column;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Problem;
import org.fraudlake.schemas.landing.CsvWriter;
import org.fraudlake.schemas.landing.DeliveryWriter;
import org.fraudlake.schemas.landing.Manifest;
import org.fraudlake.simulator.delivery.FaultPlan.RowFault;
import org.fraudlake.simulator.truth.TruthLog.Fault;
import org.fraudlake.simulator.util.Times;

/**
 * Writes one delivery in its sender's style: columns ordered and dropped as the sender does, files split
 * as the sender splits them, manifest last. When the fault plan says so, adds a bad record (noting the
 * file and the physical line it starts on) or breaks the delivery as a whole (wrong checksum, wrong row
 * count, a file missing, a manifest for another date, a required column missing, no manifest).
 */
public final class StyledDelivery {
    private final DeliveryWriter writer;
    private final FeedSchema feed;
    private final SourceStyle style;
    private final LocalDate date;
    private final SourceStyle.Split split;
    private final int[] positions;
    private final String[] header;
    private final RowFault rowFault;
    private final Problem deliveryFault;
    private final Blanks blanks;
    private final List<Fault> faults = new ArrayList<>();
    private DeliveryWriter.Part part;
    private int partNo;
    private long partRows;
    private long partLine;
    private long rows;
    private String[] lastRow;
    private boolean faultWritten;

    /** What was written. */
    public record Result(String feed, String source, LocalDate date, long rows, int files, List<Fault> faults) {
    }

    private StyledDelivery(DeliveryWriter writer, FeedSchema feed, SourceStyle style, LocalDate date, boolean eventFeed,
                           RowFault rowFault, Problem deliveryFault, Blanks blanks) {
        this.writer = writer;
        this.blanks = blanks;
        this.feed = feed;
        this.style = style;
        this.date = date;
        this.split = eventFeed ? style.split() : SourceStyle.Split.NONE;
        this.rowFault = rowFault;
        this.deliveryFault = deliveryFault;
        List<String> names = new ArrayList<>(style.layout(feed, FeedRows.extras(feed)));
        if (deliveryFault == Problem.MISSING_REQUIRED_COLUMN) {
            String dropped = feed.requiredColumns().get(1).name();
            names.remove(dropped);
        }
        this.positions = names.stream().mapToInt(n -> FeedRows.position(feed, n)).toArray();
        this.header = names.stream().map(style::header).toArray(String[]::new);
    }

    /**
     * Opens a delivery folder (replacing an earlier one).
     *
     * @param eventFeed whether the sender's split policy applies (transactions, call records)
     * @param plan      faults to write, {@link FaultPlan#none()} for a clean delivery
     * @param day       0-based day index, to look the delivery up in the plan
     * @param blanks    which optional values the sender leaves empty
     */
    public static StyledDelivery open(Lake lake, Configuration conf, FeedSchema feed, String source, LocalDate date,
                                      boolean eventFeed, FaultPlan plan, int day, Blanks blanks) throws IOException {
        DeliveryWriter w = DeliveryWriter.open(lake, feed.name(), source, date, feed.schemaVersion(), conf);
        StyledDelivery d = new StyledDelivery(w, feed, SourceStyles.of(source), date, eventFeed,
                plan.rowFault(feed.name(), source, day), plan.deliveryFault(feed.name(), source, day), blanks);
        d.nextPart();
        return d;
    }

    public SourceStyle style() {
        return style;
    }

    private void nextPart() throws IOException {
        if (part != null) {
            part.close();
        }
        partNo++;
        part = writer.part(style.fileName(feed.name(), date, partNo), style.lineEnd(), header);
        partRows = 0;
        partLine = 1;
    }

    /**
     * Writes one row given in {@link FeedRows} order.
     *
     * @param row  the row
     * @param time the event time, for senders that split files by half day
     */
    public void row(String[] row, long time) throws IOException {
        if (split == SourceStyle.Split.HALF_DAY && partNo == 1 && time >= Times.dayStart(date) + 12 * Times.HOUR_MS
                || split == SourceStyle.Split.ROWS && partRows >= style.splitRows()) {
            nextPart();
        }
        blanks.apply(feed, style.source(), date, rows, row, style);
        String[] out = new String[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = row[positions[i]];
        }
        write(out);
        lastRow = out;
        if (rowFault != null && !faultWritten && rows >= rowFault.afterRow()) {
            writeFault();
        }
    }

    private void write(String[] out) {
        part.row(out);
        advance(out);
    }

    private void advance(String[] out) {
        int breaks = 0;
        for (String f : out) {
            for (int i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) {
                breaks++;
            }
        }
        partLine += 1 + breaks;
        partRows++;
        rows++;
    }

    private void writeFault() throws IOException {
        faultWritten = true;
        String[] template = lastRow != null ? lastRow.clone() : synthetic();
        long line = partLine + 1;
        String file = style.fileName(feed.name(), date, partNo);
        switch (rowFault.problem()) {
            case FIELD_COUNT -> write(Arrays.copyOf(template, template.length - 1));
            case MALFORMED_CSV -> {
                int at = column(rowFault.column());
                StringBuilder raw = new StringBuilder();
                for (int i = 0; i < template.length; i++) {
                    if (i > 0) {
                        raw.append(',');
                    }
                    raw.append(i == at ? rowFault.value() : CsvWriter.quote(template[i].replace('\n', ' ')));
                }
                part.rawRow(raw.toString());
                partLine++;
                partRows++;
                rows++;
            }
            default -> {
                String value = rowFault.problem() == Problem.BAD_TIME ? date + rowFault.value() : rowFault.value();
                template[column(rowFault.column())] = value;
                write(template);
            }
        }
        faults.add(new Fault(feed.name(), style.source(), date.toString(), file, line, Fault.QUARANTINE,
                rowFault.problem().name()));
    }

    private int column(String name) {
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == FeedRows.position(feed, name)) {
                return i;
            }
        }
        throw new IllegalStateException(style.source() + " does not send column " + name + " of " + feed.name()
                + "; the fault plan must pick a column the source writes");
    }

    /** A valid row from nothing, for a fault in a delivery that has no rows of its own. */
    private String[] synthetic() {
        String[] out = new String[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = positions[i] < feed.columns().size() ? value(feed.columns().get(positions[i])) : "";
        }
        return out;
    }

    private String value(Column c) {
        return switch (c.type()) {
            case STRING -> c.name().toUpperCase(Locale.ROOT).substring(0, 3) + "-0001";
            case PHONE -> "13800000000";
            case DECIMAL -> "1";
            case TIMESTAMP -> style.time(Times.dayStart(date) + 12 * Times.HOUR_MS);
            case DATE -> date.toString();
            case ENUM -> style.enumValue(c.enumValues().get(0));
            case BOOLEAN -> style.bool(false);
            case INT -> "0";
            case DOUBLE -> "0.0";
            case CURRENCY -> "CNY";
        };
    }

    /** Closes the files and writes the manifest (or, for a broken delivery, the wrong one or none). */
    public Result finish() throws IOException {
        if (split == SourceStyle.Split.HALF_DAY && partNo == 1) {
            nextPart();
        }
        if (rowFault != null && !faultWritten) {
            writeFault();
        }
        part.close();
        if (deliveryFault != null) {
            breakDelivery();
            faults.add(new Fault(feed.name(), style.source(), date.toString(), null, null,
                    deliveryFault == Problem.NO_MANIFEST ? Fault.WAITING : Fault.REJECT, deliveryFault.name()));
        } else {
            writer.commit();
        }
        return new Result(feed.name(), style.source(), date, rows, partNo, List.copyOf(faults));
    }

    private void breakDelivery() throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>(writer.entries());
        Manifest.FileEntry first = files.get(0);
        String businessDate = date.toString();
        switch (deliveryFault) {
            case NO_MANIFEST -> {
                return;
            }
            case CHECKSUM_MISMATCH -> files.set(0, new Manifest.FileEntry(first.name(), first.rows(),
                    flip(first.sha256())));
            case ROW_COUNT_MISMATCH -> files.set(0, new Manifest.FileEntry(first.name(), first.rows() + 1,
                    first.sha256()));
            case MISSING_FILE -> files.add(new Manifest.FileEntry(style.fileName(feed.name(), date, partNo + 1), 0L,
                    first.sha256()));
            case MANIFEST_MISMATCH -> businessDate = date.minusDays(1).toString();
            case MISSING_REQUIRED_COLUMN -> {
                // the header written already lacks the column; the manifest itself is right
            }
            default -> throw new IllegalStateException("not a delivery fault: " + deliveryFault);
        }
        writer.commit(new Manifest(feed.name(), style.source(), businessDate, feed.schemaVersion(), files));
    }

    private static String flip(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }
}

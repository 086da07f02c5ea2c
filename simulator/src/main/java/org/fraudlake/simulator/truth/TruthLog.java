package org.fraudlake.simulator.truth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.landing.CsvWriter;
import org.fraudlake.schemas.landing.DeliveryWriter;
import org.fraudlake.simulator.day.Booking;
import org.fraudlake.simulator.delivery.Formats;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.Channel;

/**
 * The ground truth of a simulated city, written under {@code lake.truth()} (never under landing):
 * schemes, the entities in them with their roles, every money movement of a scheme, the victims'
 * transfers, the faults written on purpose, and the legitimate look-alikes by kind ({@link Lookalikes}).
 * Transfers stream as the days are simulated; schemes, entities, faults and look-alikes are written at the end. See {@code simulator/README.md} for the columns.
 */
public final class TruthLog implements Closeable {
    public static final String ACCOUNT = "ACCOUNT";
    public static final String PHONE = "PHONE";
    public static final String PERSON = "PERSON";
    public static final String COMPANY = "COMPANY";
    public static final String INCIDENT = "INCIDENT";
    public static final String TENDER = "TENDER";
    public static final String DEVICE = "DEVICE";
    public static final String SCHEMES = "schemes.csv";
    public static final String ENTITIES = "entities.csv";
    public static final String CRIME_TRANSFERS = "crime_transfers.csv";
    public static final String VICTIM_TRANSFERS = "victim_transfers.csv";
    public static final String FAULTS = "faults.csv";
    public static final String LOOKALIKES = "lookalikes.csv";
    public static final String CASH = "CASH";
    private final FileSystem fs;
    private final Path dir;
    private final Writer transfersOut;
    private final CsvWriter transfers;
    private final Writer victimsOut;
    private final CsvWriter victims;
    private final Set<List<String>> entities = new LinkedHashSet<>();
    private final Set<List<String>> lookalikes = new LinkedHashSet<>();

    /** One scheme's line in {@code schemes.csv}. */
    public record SchemeInfo(String id, String type, LocalDate start, LocalDate end,
                             String description) {
    }

    /** One line of {@code faults.csv}. */
    public record Fault(String feed, String source, String businessDate, String file, Long line, String expect,
                        String reasonCode) {
        public static final String REJECT = "REJECT";
        public static final String QUARANTINE = "QUARANTINE";
        public static final String WAITING = "WAITING";
    }

    public TruthLog(Lake lake, Configuration conf) throws IOException {
        this.dir = new Path(lake.truth());
        this.fs = DeliveryWriter.fileSystem(dir, conf);
        if (fs.exists(dir)) {
            fs.delete(dir, true);
        }
        fs.mkdirs(dir);
        this.transfersOut = open(CRIME_TRANSFERS);
        this.transfers = new CsvWriter(transfersOut, "\n");
        transfers.write("scheme_id", "step", "txn_time", "amount", "from_account", "to_account", "out_txn_id",
                "in_txn_id", "channel");
        this.victimsOut = open(VICTIM_TRANSFERS);
        this.victims = new CsvWriter(victimsOut, "\n");
        victims.write("scheme_id", "fraud_type", "victim_id", "victim_account", "mule_account", "txn_time", "amount",
                "out_txn_id", "in_txn_id", "reported_on");
    }

    private Writer open(String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(fs.create(new Path(dir, name), true),
                StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Records that an entity plays a role in a scheme (once, however often it is called). */
    public void entity(String scheme, String role, String type, String id) {
        entities.add(List.of(scheme, role, type, id));
    }

    /**
     * Records a legitimate entity that looks like a scheme's, of a kind of {@link Lookalikes} (once, however often
     * it is called). An entity that also plays an offending role in a scheme is left out when the file is written.
     */
    public void lookalike(String kind, String type, String id) {
        lookalikes.add(List.of(kind, type, id));
    }

    /** Records an applied scheme transfer. */
    public void transfer(String scheme, String step, long time, long amount, Account from, Account to, Booking out,
                         Booking in, Channel channel) {
        write(transfers, scheme, step, Formats.isoLocal(time), Formats.plainAmount(amount),
                from == null ? CASH : from.key(), to == null ? CASH : to.key(), out == null ? "" : out.txnId(),
                in == null ? "" : in.txnId(), channel.name());
    }

    /** Records a victim's transfer to a first-layer mule. */
    public void victimTransfer(String scheme, String fraudType, String victimId, Account victim, Account mule,
                               long time, long amount, Booking out, Booking in, String reportedOn) {
        write(victims, scheme, fraudType, victimId, victim.key(), mule.key(), Formats.isoLocal(time),
                Formats.plainAmount(amount), out == null ? "" : out.txnId(), in == null ? "" : in.txnId(),
                reportedOn == null ? "" : reportedOn);
    }

    private static void write(CsvWriter w, String... fields) {
        try {
            w.write(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes schemes, entities, faults and look-alikes, and closes the streaming files. */
    public void finish(List<SchemeInfo> schemes, List<Fault> faults) throws IOException {
        try (Writer out = open(SCHEMES)) {
            CsvWriter w = new CsvWriter(out, "\n");
            w.write("scheme_id", "scheme_type", "start_date", "end_date", "description");
            for (SchemeInfo s : schemes) {
                w.write(s.id(), s.type(), s.start().toString(), s.end().toString(), s.description());
            }
        }
        try (Writer out = open(ENTITIES)) {
            CsvWriter w = new CsvWriter(out, "\n");
            w.write("scheme_id", "role", "entity_type", "entity_id");
            for (List<String> e : entities) {
                w.write(e.toArray(String[]::new));
            }
        }
        Set<List<String>> offending = new HashSet<>();
        for (List<String> e : entities) {
            if (Roles.offending(e.get(1))) {
                offending.add(List.of(e.get(2), e.get(3)));
            }
        }
        try (Writer out = open(LOOKALIKES)) {
            CsvWriter w = new CsvWriter(out, "\n");
            w.write("kind", "entity_type", "entity_id");
            for (List<String> l : lookalikes) {
                if (!offending.contains(List.of(l.get(1), l.get(2)))) {
                    w.write(l.toArray(String[]::new));
                }
            }
        }
        List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparing(Fault::businessDate).thenComparing(Fault::feed).thenComparing(Fault::source)
                .thenComparing(f -> f.file() == null ? "" : f.file())
                .thenComparingLong(f -> f.line() == null ? 0 : f.line()));
        try (Writer out = open(FAULTS)) {
            CsvWriter w = new CsvWriter(out, "\n");
            w.write("feed", "source", "business_date", "file", "line", "expect", "reason_code");
            for (Fault f : sorted) {
                w.write(f.feed(), f.source(), f.businessDate(), f.file() == null ? "" : f.file(),
                        f.line() == null ? "" : f.line().toString(), f.expect(), f.reasonCode());
            }
        }
        close();
    }

    @Override
    public void close() throws IOException {
        transfersOut.close();
        victimsOut.close();
    }
}

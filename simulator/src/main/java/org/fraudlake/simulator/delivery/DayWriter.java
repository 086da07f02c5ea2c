package org.fraudlake.simulator.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds.BankAccounts;
import org.fraudlake.schemas.Feeds.BankFeedback;
import org.fraudlake.schemas.Feeds.BankTransactions;
import org.fraudlake.schemas.Feeds.CallRecords;
import org.fraudlake.schemas.Feeds.CaseLabels;
import org.fraudlake.schemas.Feeds.Companies;
import org.fraudlake.schemas.Feeds.Incidents;
import org.fraudlake.schemas.Feeds.Subscribers;
import org.fraudlake.schemas.Feeds.Tenders;
import org.fraudlake.schemas.landing.DeliveryWriter;
import org.fraudlake.simulator.day.Bid;
import org.fraudlake.simulator.day.Booking;
import org.fraudlake.simulator.day.Call;
import org.fraudlake.simulator.day.CaseLabel;
import org.fraudlake.simulator.day.DayOutput;
import org.fraudlake.simulator.day.Incident;
import org.fraudlake.simulator.day.Rows.AccountRow;
import org.fraudlake.simulator.day.Rows.CompanyRow;
import org.fraudlake.simulator.day.Rows.SubscriberRow;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Parties;

/**
 * Turns a simulated day into its deliveries: one task per feed and sender (25 a day), each writing one
 * delivery folder on its own, so a pool can write them in parallel. Every source delivers every day, with
 * a header-only file when it has nothing.
 */
public final class DayWriter {
    private final Lake lake;
    private final Configuration conf;
    private final FaultPlan faults;
    private final FreedomPlan freedoms;
    private final Blanks blanks;

    /** Writes rows of one kind through a sender's formatting. */
    @FunctionalInterface
    private interface RowSink<T> {
        void write(StyledDelivery d, T item, long seq) throws IOException;
    }

    public DayWriter(Lake lake, Configuration conf, FaultPlan faults, FreedomPlan freedoms) {
        this.lake = lake;
        this.conf = conf;
        this.faults = faults;
        this.freedoms = freedoms;
        this.blanks = new Blanks(freedoms.seed(), freedoms.blankOptional());
    }

    /** The writing tasks of a day, biggest first; none for a source that delivers nothing that day. */
    public List<Callable<StyledDelivery.Result>> tasks(DayOutput out) {
        List<Callable<StyledDelivery.Result>> all = new ArrayList<>();
        List<String[]> deliveries = new ArrayList<>();
        tasks(out, all, deliveries);
        List<Callable<StyledDelivery.Result>> tasks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String[] feedSource = deliveries.get(i);
            if (freedoms.delivers(feedSource[1], out.day())) {
                tasks.add(all.get(i));
            } else {
                removeEarlier(feedSource[0], feedSource[1], out.date());
            }
        }
        return tasks;
    }

    /** Removes a folder an earlier run may have written for a delivery this city does not make. */
    private void removeEarlier(String feed, String source, LocalDate date) {
        Path dir = new Path(lake.landing() + "/" + feed + "/" + source + "/" + date);
        try {
            DeliveryWriter.fileSystem(dir, conf).delete(dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + " (a delivery this city does not make): " + e, e);
        }
    }

    private void tasks(DayOutput out, List<Callable<StyledDelivery.Result>> tasks, List<String[]> deliveries) {
        LocalDate date = out.date();
        int day = out.day();
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            int carrier = c;
            List<Call> calls = out.calls().get(c);
            deliveries.add(new String[]{CallRecords.NAME, Parties.carrierCode(carrier)});
            tasks.add(() -> write(CallRecords.FEED, Parties.carrierCode(carrier), date, day, true, calls,
                    (d, call, seq) -> d.row(FeedRows.call(call, FeedRows.recordId(carrier, date, seq), d.style()),
                            call.time())));
        }
        for (int b = 0; b < Parties.PARTNERS; b++) {
            List<Booking> bookings = out.bookings().get(b);
            String bank = Parties.bankCode(b);
            deliveries.add(new String[]{BankTransactions.NAME, bank});
            tasks.add(() -> write(BankTransactions.FEED, bank, date, day, true, bookings,
                    (d, bk, seq) -> d.row(FeedRows.transaction(bk, d.style()), bk.time())));
        }
        for (int b = 0; b < Parties.PARTNERS; b++) {
            List<AccountRow> rows = out.accounts().get(b);
            String bank = Parties.bankCode(b);
            deliveries.add(new String[]{BankAccounts.NAME, bank});
            tasks.add(() -> write(BankAccounts.FEED, bank, date, day, false, rows,
                    (d, r, seq) -> d.row(FeedRows.account(r, d.style()), r.updatedAt())));
        }
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            List<SubscriberRow> rows = out.subscribers().get(c);
            String carrier = Parties.carrierCode(c);
            deliveries.add(new String[]{Subscribers.NAME, carrier});
            tasks.add(() -> write(Subscribers.FEED, carrier, date, day, false, rows,
                    (d, r, seq) -> d.row(FeedRows.subscriber(r, d.style()), r.updatedAt())));
        }
        List<CompanyRow> companies = out.companies();
        deliveries.add(new String[]{Companies.NAME, Parties.REGULATOR});
        tasks.add(() -> write(Companies.FEED, Parties.REGULATOR, date, day, false, companies,
                (d, r, seq) -> d.row(FeedRows.company(r, d.style()), 0)));
        List<Incident> incidents = out.incidents();
        deliveries.add(new String[]{Incidents.NAME, Parties.POLICE});
        tasks.add(() -> write(Incidents.FEED, Parties.POLICE, date, day, false, incidents,
                (d, r, seq) -> d.row(FeedRows.incident(r, d.style()), r.reportedAt())));
        List<CaseLabel> labels = out.labels();
        deliveries.add(new String[]{CaseLabels.NAME, Parties.CASE_MANAGEMENT});
        tasks.add(() -> write(CaseLabels.FEED, Parties.CASE_MANAGEMENT, date, day, false, labels,
                (d, r, seq) -> d.row(FeedRows.label(r, d.style()), r.confirmedAt())));
        List<Bid> bids = out.bids();
        deliveries.add(new String[]{Tenders.NAME, Parties.TRADING_CENTER});
        tasks.add(() -> write(Tenders.FEED, Parties.TRADING_CENTER, date, day, false, bids,
                (d, r, seq) -> d.row(FeedRows.bid(r, d.style()), r.submittedAt())));
        for (int b = 0; b < Parties.PARTNERS; b++) {
            String bank = Parties.bankCode(b);
            deliveries.add(new String[]{BankFeedback.NAME, bank});
            tasks.add(() -> write(BankFeedback.FEED, bank, date, day, false, List.<Object>of(), (d, r, seq) -> {
            }));
        }
    }

    private <T> StyledDelivery.Result write(FeedSchema feed, String source, LocalDate date, int day, boolean eventFeed,
                                            List<T> items, RowSink<T> sink) throws IOException {
        StyledDelivery d = StyledDelivery.open(lake, conf, feed, source, date, eventFeed, faults, day, blanks);
        long seq = 0;
        for (T item : items) {
            sink.write(d, item, ++seq);
        }
        return d.finish();
    }
}

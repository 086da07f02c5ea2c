package org.fraudlake.simulator.day;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.fraudlake.simulator.city.Geography;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Parties;
import org.fraudlake.simulator.model.Phone;
import org.fraudlake.simulator.truth.TruthLog;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * One business date being simulated: the clock, random streams, the queue of transfers the ledger will
 * apply in time order, and what the day produces (bookings per bank, calls per carrier, reports,
 * labels, bids). Discarded after the day is handed to the writers: state kept across days lives in the
 * {@link World} and the {@link Agenda}.
 */
public final class DayContext {
    private final World world;
    private final LocalDate date;
    private final int day;
    private final int days;
    private final long start;
    private final long end;
    private final Agenda agenda;
    private final TruthLog truth;
    private final FreedomPlan freedoms;
    private final PriorityQueue<Transfer> queue = new PriorityQueue<>(Transfer.ORDER);
    private final List<List<Booking>> bookings = new ArrayList<>();
    private final List<List<Call>> calls = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<CaseLabel> labels = new ArrayList<>();
    private final List<Bid> bids = new ArrayList<>();
    private final int[] txnSeq = new int[Parties.PARTNERS];
    private int incidentSeq;
    private int applied;
    private int declined;

    public DayContext(World world, LocalDate date, int day, int days, Agenda agenda, TruthLog truth,
                      FreedomPlan freedoms) {
        this.world = world;
        this.freedoms = freedoms;
        this.date = date;
        this.day = day;
        this.days = days;
        this.start = Times.dayStart(date);
        this.end = start + Times.DAY_MS;
        this.agenda = agenda;
        this.truth = truth;
        for (int b = 0; b < Parties.PARTNERS; b++) {
            bookings.add(new ArrayList<>());
        }
        for (int c = 0; c < Parties.CARRIERS.size(); c++) {
            calls.add(new ArrayList<>());
        }
        Iterator<Transfer> it = agenda.carried().iterator();
        while (it.hasNext()) {
            Transfer t = it.next();
            if (t.time() < end) {
                queue.add(t);
                it.remove();
            }
        }
    }

    public World world() {
        return world;
    }

    public Geography geography() {
        return world.geography();
    }

    public LocalDate date() {
        return date;
    }

    /** 0-based index of the day in the simulation. */
    public int day() {
        return day;
    }

    /** Number of simulated days. */
    public int days() {
        return days;
    }

    /** The last simulated date. */
    public LocalDate lastDate() {
        return world.start().plusDays(days - 1L);
    }

    public boolean workday() {
        return Times.isWorkday(date);
    }

    public Agenda agenda() {
        return agenda;
    }

    /** Where and when the senders use the contract's freedoms. */
    public FreedomPlan freedoms() {
        return freedoms;
    }

    /** Whether the account's bank reports today's bookings of it (a partner that delivers today). */
    boolean booked(Account a) {
        return a.atPartner() && freedoms.books(a.bank(), day);
    }

    public TruthLog truth() {
        return truth;
    }

    /** The random stream of a purpose on this day. */
    public Rand rand(String purpose, long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = day;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return Rand.of(world.seed(), purpose, all);
    }

    /** Local midnight starting the day, epoch ms. */
    public long start() {
        return start;
    }

    /** Local midnight ending the day, epoch ms. */
    public long end() {
        return end;
    }

    /** An instant of this day. */
    public long at(int hour, int minute, int second) {
        return start + hour * Times.HOUR_MS + minute * Times.MINUTE_MS + second * Times.SECOND_MS;
    }

    /** A time of this day drawn from an activity profile. */
    public long sample(Times.Profile profile, Rand r) {
        return start + profile.sample(r);
    }

    /** Schedules a transfer; one due after today waits in the agenda for its day. */
    public void transfer(Transfer t) {
        t.seq(agenda.nextSeq());
        if (t.time() >= end) {
            agenda.carried().add(t);
        } else {
            queue.add(t);
        }
    }

    /** A call or SMS between two subscribers (or numbers that were). */
    public void call(Phone caller, int callerCell, Phone callee, long time, int durationS, boolean sms) {
        if (!caller.active()) {
            return;
        }
        int duration = callee.active() ? durationS : 0;
        int carrier = caller.carrier();
        calls.get(carrier).add(new Call(time, carrier, caller.number(), callee.number(), duration, sms, caller.imei(),
                world.geography().cellId(carrier, callerCell), false));
    }

    /** A call or SMS from a subscriber to a number outside the partner carriers. */
    public void callOut(Phone caller, int callerCell, String number, long time, int durationS, boolean sms) {
        if (!caller.active()) {
            return;
        }
        int carrier = caller.carrier();
        calls.get(carrier).add(new Call(time, carrier, caller.number(), number, durationS, sms, caller.imei(),
                world.geography().cellId(carrier, callerCell), false));
    }

    /** A call or SMS from a number outside the partner carriers to a subscriber: the callee's carrier reports it. */
    public void callIn(String number, boolean international, Phone callee, long time, int durationS, boolean sms) {
        if (!callee.active()) {
            return;
        }
        int carrier = callee.carrier();
        calls.get(carrier).add(new Call(time, carrier, number, callee.number(), durationS, sms, null,
                world.geography().cellId(carrier, callee.cell()), international));
    }

    /** Files a police report today; returns it with its id. */
    public Incident incident(Incident draft) {
        String id = "J" + world.geography().districtCode(0).substring(0, 4) + date.toString().replace("-", "")
                + String.format("%04d", ++incidentSeq);
        Incident i = draft.withId(id);
        incidents.add(i);
        if (i.scheme() != null) {
            truth.entity(i.scheme(), i.truthRole(), TruthLog.INCIDENT, id);
        }
        return i;
    }

    public void label(CaseLabel label) {
        labels.add(label);
    }

    public void bid(Bid bid) {
        bids.add(bid);
    }

    /** Applies every queued transfer in time order, including those the applied ones trigger today. */
    public void settle(Ledger ledger) {
        Transfer t;
        while ((t = queue.poll()) != null) {
            if (ledger.apply(this, t) > 0) {
                applied++;
            } else {
                declined++;
            }
        }
    }

    /** Transfers applied today. */
    public int applied() {
        return applied;
    }

    /** Transfers declined today (funds short, account frozen or closed). */
    public int declined() {
        return declined;
    }

    String nextTxnId(int bank) {
        return Ledger.txnId(bank, date, ++txnSeq[bank]);
    }

    void book(int bank, Booking b) {
        bookings.get(bank).add(b);
    }

    public List<Booking> bookings(int bank) {
        return bookings.get(bank);
    }

    /** The calls a carrier reports today, in time order. */
    public List<Call> calls(int carrier) {
        List<Call> list = calls.get(carrier);
        list.sort(Comparator.comparingLong(Call::time));
        return list;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    public List<CaseLabel> labels() {
        return labels;
    }

    public List<Bid> bids() {
        return bids;
    }
}

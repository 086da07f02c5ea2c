package org.fraudlake.simulator.day;

import java.util.Comparator;
import org.fraudlake.simulator.city.Geography;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.Channel;
import org.fraudlake.simulator.util.Times;

/**
 * A movement of money the city wants to make: from an account (or cash) to an account (or cash) at a
 * time. The {@link Ledger} applies it in time order, declines it when funds are short (or caps it to what
 * is there, for those who empty accounts), and books it at the partner banks involved. A scheme tags its
 * transfers for the truth and may react when one is applied (mules forward what they receive). Times are
 * whole seconds, so both banks of a transfer show the same time whatever precision they write.
 */
public final class Transfer {
    /** Time order, then creation order: the order the ledger applies transfers in. */
    public static final Comparator<Transfer> ORDER =
            Comparator.comparingLong(Transfer::time).thenComparingLong(Transfer::seq);
    private final long time;
    private final Account from;
    private final Account to;
    private final long amount;
    private final Channel channel;
    private long seq;
    private String device;
    private String ip;
    private String city = Geography.CITY_CODE;
    private String remark;
    private boolean capped;
    private String scheme;
    private String step;
    private Listener listener;

    /** Called when a transfer was applied, with the amount that really moved and the bookings made. */
    @FunctionalInterface
    public interface Listener {
        void applied(DayContext ctx, Transfer transfer, long amount, Booking out, Booking in);
    }

    private Transfer(long time, Account from, Account to, long amount, Channel channel) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount, got " + amount);
        }
        this.time = Math.floorDiv(time, Times.SECOND_MS) * Times.SECOND_MS;
        this.from = from;
        this.to = to;
        this.amount = amount;
        this.channel = channel;
    }

    /** A transfer; {@code from} null is a cash deposit, {@code to} null a cash withdrawal. */
    public static Transfer of(long time, Account from, Account to, long amountCents, Channel channel) {
        return new Transfer(time, from, to, amountCents, channel);
    }

    public Transfer device(String value) {
        this.device = value;
        return this;
    }

    public Transfer ip(String value) {
        this.ip = value;
        return this;
    }

    public Transfer city(String value) {
        this.city = value;
        return this;
    }

    public Transfer remark(String value) {
        this.remark = value;
        return this;
    }

    /** Move what is there when the full amount is not (at least 10 yuan), instead of declining. */
    public Transfer capped() {
        this.capped = true;
        return this;
    }

    /** Marks the transfer as a step of a scheme; applied, it is written to the truth. */
    public Transfer tag(String schemeId, String stepName) {
        this.scheme = schemeId;
        this.step = stepName;
        return this;
    }

    public Transfer then(Listener value) {
        this.listener = value;
        return this;
    }

    void seq(long value) {
        this.seq = value;
    }

    public long seq() {
        return seq;
    }

    public long time() {
        return time;
    }

    public Account from() {
        return from;
    }

    public Account to() {
        return to;
    }

    public long amount() {
        return amount;
    }

    public Channel channel() {
        return channel;
    }

    public String device() {
        return device;
    }

    public String ip() {
        return ip;
    }

    public String city() {
        return city;
    }

    public String remark() {
        return remark;
    }

    public boolean isCapped() {
        return capped;
    }

    public String scheme() {
        return scheme;
    }

    public String step() {
        return step;
    }

    public Listener listener() {
        return listener;
    }
}

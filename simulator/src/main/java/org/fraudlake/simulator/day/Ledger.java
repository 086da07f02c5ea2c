package org.fraudlake.simulator.day;

import java.time.LocalDate;
import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.AccountStatus;

/**
 * Applies transfers to balances and books them: an OUT row at the payer's bank and an IN row at the
 * payee's bank, when those are partners that deliver that day (a bank that has not joined yet, or is silent
 * that day, reports nothing), with the same amount and time and each pointing at the other.
 * A transfer from an account that cannot cover it is declined (no row), unless it is capped, in which
 * case what is there moves. Frozen and closed accounts decline; a dormant one wakes up when used.
 */
public final class Ledger {
    /** The least a capped transfer moves: 10 yuan. */
    private static final long MIN_CAPPED = 1_000;

    /** Applies one transfer; returns the amount that moved, 0 when declined. */
    public long apply(DayContext ctx, Transfer t) {
        Account from = t.from();
        Account to = t.to();
        if (from == to || from != null && !from.usable() || to != null && !to.usable()) {
            return 0;
        }
        long amount = t.amount();
        if (from != null && amount > from.available()) {
            if (!t.isCapped() || from.available() < MIN_CAPPED) {
                return 0;
            }
            amount = from.available();
        }
        wake(ctx, from, t.time());
        wake(ctx, to, t.time());
        Booking out = null;
        Booking in = null;
        if (from != null) {
            from.balance(from.balance() - amount);
            if (ctx.booked(from)) {
                out = new Booking(ctx.nextTxnId(from.bank()), from, false, amount, t.time(), to, t.channel(),
                        t.device(), t.ip(), t.city(), from.balance(), t.remark());
                ctx.book(from.bank(), out);
            }
        }
        if (to != null) {
            to.balance(to.balance() + amount);
            if (ctx.booked(to)) {
                in = new Booking(ctx.nextTxnId(to.bank()), to, true, amount, t.time(), from, t.channel(),
                        from == null ? t.device() : null, null, t.city(), to.balance(), t.remark());
                ctx.book(to.bank(), in);
            }
        }
        if (t.scheme() != null) {
            ctx.truth().transfer(t.scheme(), t.step(), t.time(), amount, from, to, out, in, t.channel());
        }
        if (t.listener() != null) {
            t.listener().applied(ctx, t, amount, out, in);
        }
        return amount;
    }

    private static void wake(DayContext ctx, Account a, long time) {
        if (a != null && a.status() == AccountStatus.DORMANT) {
            a.status(AccountStatus.ACTIVE);
            ctx.world().touch(a, time);
        }
    }

    /** Transaction ids: each bank numbers its own way, unique within the bank. */
    static String txnId(int bank, LocalDate date, int seq) {
        String ymd = date.toString().replace("-", "");
        return switch (bank) {
            case 0 -> ymd + pad(seq, 10);
            case 1 -> "TB" + ymd.substring(2) + pad(seq, 8);
            case 2 -> "C" + ymd + "-" + pad(seq, 7);
            case 3 -> "9" + ymd.substring(2) + pad(Math.floorMod(seq * 7_919L + 13L, 1_000_000_000L), 9)
                    + pad(seq % 100, 2);
            default -> "61" + ymd + pad(seq, 8);
        };
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }
}

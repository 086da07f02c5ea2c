package org.fraudlake.simulator.partners;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fraudlake.simulator.util.Rand;
import org.fraudlake.simulator.util.Times;

/**
 * How a partner bank answers one warning, decided from the seed, the bank and the warning id alone (one random
 * stream per warning), so the same warning always gets the same answers whichever night asks.
 *
 * <ul>
 *   <li>When: the bank fetches the folder the morning after its business date and acts that day or within
 *       {@link #MAX_DELAY_DAYS} days (60 / 30 / 10 %), between 09:00 and 20:00 city time.</li>
 *   <li>{@link #NOT_FOUND_RATE} of warnings, whatever they are, get NOT_FOUND (account closed or mistyped on the
 *       bank's side).</li>
 *   <li>An offender's account (FREEZE or MONITOR): the bank finds what the warning says in
 *       {@link #FIND_RATE_FREEZE} / {@link #FIND_RATE_MONITOR} of cases and answers FROZEN with the funds held
 *       ({@link #heldCents}); else MONITORED.</li>
 *   <li>Any other account warned as an offender's (a false positive, a victim's account taken for a mule's):
 *       CLEARED in {@link #CLEAR_RATE} of cases, else MONITORED.</li>
 *   <li>A victim warning on a victim's account: the bank reaches the customer in {@link #REACH_RATE} of cases
 *       (VICTIM_CONTACTED) and, when the truth shows payments to the fraudsters after the call (within
 *       {@link #LOSS_HORIZON_DAYS} days), LOSS_PREVENTED a few minutes later with their sum; a customer not reached
 *       gives MONITORED.</li>
 *   <li>A victim warning on anyone else's account: the customer is reached and knows of no fraud: CLEARED in
 *       {@link #CLEAR_RATE_VICTIM} of cases, else VICTIM_CONTACTED.</li>
 * </ul>
 * The city was simulated before the warnings, so LOSS_PREVENTED and FROZEN amounts say what the bank's action
 * would have saved; the transactions in landing still show the payments.
 */
final class BankConduct {
    static final int MAX_DELAY_DAYS = 2;
    static final double[] DELAY_WEIGHTS = {0.6, 0.3, 0.1};
    static final double NOT_FOUND_RATE = 0.02;
    static final double FIND_RATE_FREEZE = 0.9;
    static final double FIND_RATE_MONITOR = 0.6;
    static final double CLEAR_RATE = 0.5;
    static final double REACH_RATE = 0.85;
    static final double CLEAR_RATE_VICTIM = 0.6;
    static final int LOSS_HORIZON_DAYS = 7;
    /** Scheme money of the last {@link #HELD_LOOKBACK_HOURS} hours partly still on the account when frozen. */
    static final int HELD_LOOKBACK_HOURS = 48;
    /** A frozen account with no traceable scheme money still holds a small balance, 100 to 3,000 yuan. */
    static final long MIN_HELD_CENTS = 10_000;
    static final long MAX_RESIDUAL_CENTS = 300_000;
    static final String FROZEN = "FROZEN";
    static final String MONITORED = "MONITORED";
    static final String VICTIM_CONTACTED = "VICTIM_CONTACTED";
    static final String LOSS_PREVENTED = "LOSS_PREVENTED";
    static final String CLEARED = "CLEARED";
    static final String NOT_FOUND = "NOT_FOUND";

    /** One answer: a bank_feedback row. */
    record Answer(String warningId, String action, long actedAt, Long amountCents, String note) {
    }

    private BankConduct() {
    }

    private static Rand stream(long seed, String bank, String warningId) {
        return Rand.of(seed, "bank-feedback", stableHash(bank), stableHash(warningId));
    }

    /** The date the bank acts on the warning: the day after the folder's date, plus 0 to 2 days. */
    static LocalDate actedOn(long seed, String bank, ReceivedWarning w) {
        return w.received().plusDays(1 + stream(seed, bank, w.warningId()).weighted(DELAY_WEIGHTS));
    }

    /** The bank's answers to the warning, all on {@link #actedOn}, ordered by time. */
    static List<Answer> answers(long seed, String bank, ReceivedWarning w, CityTruth truth) {
        Rand r = stream(seed, bank, w.warningId());
        LocalDate day = w.received().plusDays(1 + r.weighted(DELAY_WEIGHTS));
        long at = Times.at(day, r.between(9, 19), r.between(0, 59), r.between(0, 59));
        String account = bank + ":" + w.accountNo();
        List<Answer> out = new ArrayList<>();
        if (r.chance(NOT_FOUND_RATE)) {
            out.add(new Answer(w.warningId(), NOT_FOUND, at, null, "account not found or already closed"));
        } else if (w.aboutVictim()) {
            victim(r, w, account, at, truth, out);
        } else if (truth.offending(account)) {
            double find = "MONITOR".equals(w.recommendedAction()) ? FIND_RATE_MONITOR : FIND_RATE_FREEZE;
            if (r.chance(find)) {
                out.add(new Answer(w.warningId(), FROZEN, at, heldCents(r, truth, account, at),
                        "account frozen, funds held"));
            } else {
                out.add(new Answer(w.warningId(), MONITORED, at, null, "under enhanced monitoring"));
            }
        } else if (r.chance(CLEAR_RATE)) {
            out.add(new Answer(w.warningId(), CLEARED, at, null, "reviewed: normal customer activity"));
        } else {
            out.add(new Answer(w.warningId(), MONITORED, at, null, "reviewed, kept under monitoring"));
        }
        return out;
    }

    private static void victim(Rand r, ReceivedWarning w, String account, long at, CityTruth truth,
                               List<Answer> out) {
        if (!truth.harmed(account)) {
            if (r.chance(CLEAR_RATE_VICTIM)) {
                out.add(new Answer(w.warningId(), CLEARED, at, null, "customer reached, knows of no fraud"));
            } else {
                out.add(new Answer(w.warningId(), VICTIM_CONTACTED, at, null, "customer reached and warned"));
            }
            return;
        }
        if (!r.chance(REACH_RATE)) {
            out.add(new Answer(w.warningId(), MONITORED, at, null, "customer not reached, account watched"));
            return;
        }
        out.add(new Answer(w.warningId(), VICTIM_CONTACTED, at, null, "customer reached and warned"));
        long saved = truth.victimPayments(account, at, at + LOSS_HORIZON_DAYS * Times.DAY_MS);
        if (saved > 0) {
            long later = at + r.between(5, 40) * Times.MINUTE_MS;
            out.add(new Answer(w.warningId(), LOSS_PREVENTED, later, saved, "customer stopped the transfers"));
        }
    }

    /**
     * A plausible amount held by a freeze at {@code at}: a share (10 to 60 %) of the scheme money paid in during the
     * {@link #HELD_LOOKBACK_HOURS} hours before, not yet moved on, plus all scheme money that would have arrived in
     * the next {@link #LOSS_HORIZON_DAYS} days; a small residual balance when that comes to under 100 yuan.
     */
    static long heldCents(Rand r, CityTruth truth, String account, long at) {
        long before = truth.inflows(account, at - HELD_LOOKBACK_HOURS * Times.HOUR_MS, at);
        long after = truth.inflows(account, at, at + LOSS_HORIZON_DAYS * Times.DAY_MS);
        long held = Math.round(before * r.uniform(0.1, 0.6)) + after;
        return held >= MIN_HELD_CENTS ? held : r.between(MIN_HELD_CENTS, MAX_RESIDUAL_CENTS);
    }

    /** FNV-1a, 64 bits: the same string gives the same number on every JVM. */
    static long stableHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}

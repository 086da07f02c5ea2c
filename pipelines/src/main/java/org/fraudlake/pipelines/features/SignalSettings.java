package org.fraudlake.pipelines.features;

import java.math.BigDecimal;
import org.fraudlake.core.time.AsOf;

/**
 * The thresholds the features' signals are defined by, as settings ({@code features.*}) with documented defaults: a
 * city whose payments, calls or shared infrastructure look otherwise sets its own. Changing one changes what later
 * nights compute; re-run the features stage over the window (backfill) for the history to agree.
 *
 * @param paymentMin       smallest outgoing transfer (CNY) that counts as a payment after a call (call-then-pay
 *                         events, calls before a payment; default 1,000: below it a scam is rarely worth a call)
 * @param shortCallSeconds an answered voice call shorter than this many seconds is short (default 30)
 * @param familiarDays     a caller that first called a number this many days ago or more is a familiar contact even
 *                         if never called back: family who call an elderly parent every week are no strangers,
 *                         while grooming takes days (default 14; at most {@link AsOf#HISTORY_DAYS})
 * @param repeatedDays     an unknown number calling a person on at least this many days is a repeated caller
 *                         (default 3)
 * @param maxKeyHolders    a device or IP shared by more holders than this is infrastructure (a branch terminal, a
 *                         carrier's NAT, a VPN exit), not a controller's handset (default 10)
 */
public record SignalSettings(BigDecimal paymentMin, int shortCallSeconds, int familiarDays, int repeatedDays,
                             int maxKeyHolders) {
    public static final SignalSettings DEFAULTS = new SignalSettings(new BigDecimal("1000"), 30, 14, 3, 10);

    public SignalSettings {
        if (paymentMin == null || paymentMin.signum() <= 0) {
            throw new IllegalArgumentException("features.payment-min must be a positive amount, got " + paymentMin);
        }
        if (shortCallSeconds < 1) {
            throw new IllegalArgumentException("features.short-call-seconds must be at least 1, got "
                    + shortCallSeconds);
        }
        if (familiarDays < 1 || familiarDays > AsOf.HISTORY_DAYS) {
            throw new IllegalArgumentException("features.familiar-days must be 1 to " + AsOf.HISTORY_DAYS
                    + " (the contact history), got " + familiarDays);
        }
        if (repeatedDays < 1 || repeatedDays > AsOf.WINDOW_DAYS) {
            throw new IllegalArgumentException("features.repeated-days must be 1 to " + AsOf.WINDOW_DAYS + ", got "
                    + repeatedDays);
        }
        if (maxKeyHolders < 1) {
            throw new IllegalArgumentException("features.max-key-holders must be at least 1, got " + maxKeyHolders);
        }
    }
}

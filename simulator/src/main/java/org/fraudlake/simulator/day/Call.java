package org.fraudlake.simulator.day;

/**
 * One call or SMS as the reporting carrier writes it.
 *
 * @param time          start, epoch milliseconds
 * @param carrier       the reporting carrier: the caller's if the caller is its subscriber, else the callee's
 * @param caller        caller number as dialled in (digits, {@code +} for foreign numbers)
 * @param callee        callee number
 * @param durationS     seconds, 0 when not answered and for SMS
 * @param sms           SMS rather than voice
 * @param imei          caller handset, known only to the caller's own carrier
 * @param cell          cell id of the reporting carrier's subscriber
 * @param international the caller number is foreign or shows as foreign
 */
public record Call(long time, int carrier, String caller, String callee, int durationS, boolean sms, String imei,
                   String cell, boolean international) {
}

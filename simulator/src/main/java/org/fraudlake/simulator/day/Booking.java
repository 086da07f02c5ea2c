package org.fraudlake.simulator.day;

import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Enums.Channel;

/**
 * One row of a partner bank's {@code bank_transactions}: a transfer as one side's bank books it.
 *
 * @param txnId        unique within the bank
 * @param account      the bank's own account
 * @param in           IN or OUT
 * @param amount       cents, positive
 * @param time         epoch milliseconds
 * @param counterparty the other account, or {@code null} for cash
 * @param channel      channel
 * @param device       device id (the payer's bank sees the payer's device; ATMs and POS terminals too)
 * @param ip           address the payer used, or {@code null}
 * @param city         city code
 * @param balanceAfter balance of {@code account} after the booking, cents
 * @param remark       memo text, or {@code null}
 */
public record Booking(String txnId, Account account, boolean in, long amount, long time, Account counterparty,
                      Channel channel, String device, String ip, String city, long balanceAfter, String remark) {
}

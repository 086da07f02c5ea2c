package org.fraudlake.simulator.day;

import java.time.LocalDate;
import java.util.List;
import org.fraudlake.simulator.day.Rows.AccountRow;
import org.fraudlake.simulator.day.Rows.CompanyRow;
import org.fraudlake.simulator.day.Rows.SubscriberRow;

/**
 * Everything one simulated day delivers, ready to be written while the next day is simulated. Rows only
 * reference immutable data (record snapshots, bookings, calls), so writers on other threads see a stable
 * day.
 *
 * @param date        business date
 * @param day         0-based day index
 * @param accounts    bank_accounts rows per partner bank
 * @param bookings    bank_transactions rows per partner bank, in time order
 * @param subscribers subscribers rows per carrier
 * @param calls       call_records rows per carrier, in time order
 * @param incidents   incidents received
 * @param labels      case labels confirmed
 * @param companies   companies registered or changed
 * @param bids        bids of tenders awarded
 */
public record DayOutput(LocalDate date, int day, List<List<AccountRow>> accounts, List<List<Booking>> bookings,
                        List<List<SubscriberRow>> subscribers, List<List<Call>> calls, List<Incident> incidents,
                        List<CaseLabel> labels, List<CompanyRow> companies, List<Bid> bids) {
}

package org.fraudlake.simulator.day;

import java.time.LocalDate;

/** Snapshots of registry records as a day's deliveries carry them, taken at the end of the day. */
public final class Rows {
    private Rows() {
    }

    /** A {@code bank_accounts} row. */
    public record AccountRow(String accountNo, String holderId, String holderName, boolean company,
                             LocalDate holderBirth, String phone, LocalDate openDate, String status, String type,
                             String branch, long updatedAt) {
    }

    /** A {@code subscribers} row. */
    public record SubscriberRow(String phone, String holderId, LocalDate activatedAt, String status, String plan,
                                boolean portedIn, long updatedAt) {
    }

    /** A {@code companies} row. */
    public record CompanyRow(String companyId, String name, String legalRepId, long capital, LocalDate regDate,
                             String address, String phone, String status) {
    }
}

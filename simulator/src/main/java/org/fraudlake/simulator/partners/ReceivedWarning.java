package org.fraudlake.simulator.partners;

import java.time.LocalDate;

/**
 * One row of a bank's {@code outbox/<bank>/<date>/warnings.csv}, as the bank reads it.
 *
 * @param received          the business date of the outbox folder (the bank fetches it the next morning)
 * @param accountNo         the bank's own account number
 * @param recommendedAction FREEZE, MONITOR or CONTACT_VICTIM
 */
public record ReceivedWarning(String warningId, LocalDate received, String accountNo, String warningType,
                              String recommendedAction, String score, String models, String validUntil) {

    /** Whether the warning asks the bank to reach a customer at risk rather than stop an offender. */
    public boolean aboutVictim() {
        return "CONTACT_VICTIM".equals(recommendedAction) || "VICTIM_AT_RISK".equals(warningType);
    }
}

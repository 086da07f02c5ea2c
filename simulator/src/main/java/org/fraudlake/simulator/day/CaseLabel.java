package org.fraudlake.simulator.day;

import org.fraudlake.simulator.model.Account;
import org.fraudlake.simulator.model.Phone;

/**
 * An investigation outcome as {@code case_labels} carries it. {@code account} and {@code phone} are the
 * labelled objects, so that banks can freeze and carriers suspend them; they never reach the feed.
 *
 * @param entityType  ACCOUNT, PHONE, PERSON or COMPANY
 * @param entityId    {@code BANK:account_no} for accounts, else the number or ID
 * @param label       contract label
 * @param confirmedAt epoch ms
 * @param caseNo      case number
 * @param account     the account labelled, or {@code null}
 * @param phone       the number labelled, or {@code null}
 */
public record CaseLabel(String entityType, String entityId, String label, long confirmedAt, String caseNo,
                        Account account, Phone phone) {
}

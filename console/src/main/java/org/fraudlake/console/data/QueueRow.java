package org.fraudlake.console.data;

import java.time.LocalDate;
import java.util.List;

/**
 * One decision of a day's queue: a row of published/intercept_list or published/victim_warnings. For a victim
 * warning {@link #personId} is the person at risk, and the disposition is about that person.
 */
public record QueueRow(String warningId, LocalDate businessDate, String partner, String entityType, String entityId,
                       String personId, String warningType, String action, double score, List<String> models,
                       List<String> reasons, String status, boolean sent, boolean victim) {

    /** The strongest model that fired, or an empty string. */
    public String topModel() {
        return models.isEmpty() ? "" : models.get(0);
    }

    /** The entity a disposition of this warning is about: the person at risk of a victim warning, else the warned one. */
    public String subjectType() {
        return victim && personId != null ? "PERSON" : entityType;
    }

    public String subjectId() {
        return victim && personId != null ? personId : entityId;
    }
}

package org.fraudlake.console.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a console user may do. Analysts review the queue, entities, leads, series and models and record
 * dispositions; supervisors do the same and may reveal raw identifiers (each reveal audited); a partner user (one
 * per bank or carrier) sees and downloads only its own outbox folder.
 */
public enum Role {
    ANALYST, SUPERVISOR, PARTNER;

    /** The role of a name, case-insensitive; an unknown name fails listing the valid ones. */
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "'; use one of "
                    + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")), e);
        }
    }

    /** Whether the role may open the analyst pages (queue, entities, leads, series, models, dispositions). */
    public boolean reviews() {
        return this != PARTNER;
    }

    /** Whether the role may see raw identifiers from the vault. */
    public boolean reveals() {
        return this == SUPERVISOR;
    }

    /** Lower-case name, as shown and stored. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

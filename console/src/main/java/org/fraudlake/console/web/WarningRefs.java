package org.fraudlake.console.web;

import java.util.List;
import java.util.Optional;
import org.fraudlake.console.auth.LoginSessions.Session;
import org.fraudlake.console.auth.ServerSecret;
import org.fraudlake.console.data.QueueRow;

/**
 * How the console names a warning to its users. A published {@code warning_id} is also a column of the partner's
 * {@code warnings.csv}, next to the raw account number or phone, so showing it next to a token would join the token
 * to the raw value. Analysts therefore see (and their forms carry) only an opaque reference, a MAC of the id under
 * this process's {@link ServerSecret}, which matches nothing in any file; supervisors, whose raw reveals and partner
 * downloads are audited, also see the id itself.
 */
public final class WarningRefs {
    private static final String PURPOSE = "warning-ref";
    private static final int LENGTH = 16;
    private final ServerSecret secret;

    public WarningRefs(ServerSecret secret) {
        this.secret = secret;
    }

    /** The opaque reference of a warning id: {@code wr_} and 16 characters, stable while the console runs. */
    public String ref(String warningId) {
        return "wr_" + secret.mac(PURPOSE, warningId).substring(0, LENGTH);
    }

    /** What the session's user is shown for a warning: the id to a supervisor, the reference to anyone else. */
    public String shown(String warningId, Session session) {
        return warningId == null ? null : session.user().role().reveals() ? warningId : ref(warningId);
    }

    /** The warning of the queue a reference (from a form) names; empty when none does. */
    public Optional<QueueRow> resolve(List<QueueRow> queue, String ref) {
        return ref == null ? Optional.empty()
                : queue.stream().filter(r -> ServerSecret.same(ref(r.warningId()), ref)).findFirst();
    }
}

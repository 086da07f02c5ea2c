package org.fraudlake.console.data;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.console.auth.ConsoleUser;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.tables.Ops.Reveals;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.schemas.tables.Silver.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reveals raw identifiers from the restricted vault (vault/identities, token to value) to users whose role allows
 * it, appending one row per reveal to the Delta table ops/reveals before the value is returned: no audit row, no
 * value. A supervisor's download of a partner's outbox file is audited the same way, before the first byte. Cost per reveal: one filtered read of the vault and one Delta commit.
 */
public final class RevealAudit {
    /** ops/reveals as written here. */
    public static final StructType SCHEMA = StructType.fromDDL(Reveals.REVEAL_ID + " STRING, " + Reveals.USER
            + " STRING, " + Reveals.ROLE + " STRING, " + Reveals.TOKEN + " STRING, " + Reveals.KIND + " STRING, "
            + Reveals.REASON + " STRING, " + Reveals.REVEALED_AT + " TIMESTAMP");
    /** The kind of the audit row of a partner outbox file downloaded by a supervisor. */
    public static final String OUTBOX_FILE = "OUTBOX_FILE";
    private static final Logger LOG = LoggerFactory.getLogger(RevealAudit.class);
    private final SparkSession spark;
    private final Lake lake;
    private final Clock clock;

    public RevealAudit(SparkSession spark, Lake lake, Clock clock) {
        this.spark = spark;
        this.lake = lake;
        this.clock = clock;
    }

    /** A revealed identifier: the vault's kind and raw value of a token. */
    public record Revealed(String token, String kind, String value) {
    }

    /**
     * The raw identifier of a token, after auditing the reveal; empty when the vault has no such token (nothing is
     * audited then, since nothing was shown).
     *
     * @throws SecurityException when the user's role may not reveal
     */
    public Optional<Revealed> reveal(ConsoleUser user, String token, String reason) {
        mayReveal(user, reason);
        if (!DeltaIO.exists(spark, lake.vaultIdentities())) {
            return Optional.empty();
        }
        List<Row> rows = DeltaIO.read(spark, lake.vaultIdentities()).filter(col(Vault.TOKEN).equalTo(token))
                .select(Vault.KIND, Vault.VALUE).limit(1).collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String kind = rows.get(0).getString(0);
        audit(user, token, kind, reason);
        LOG.info("reveal of {} ({}) to {}", token, kind, user.name());
        return Optional.of(new Revealed(token, kind, rows.get(0).getString(1)));
    }

    /**
     * Audits a supervisor's download of a partner's outbox file (which holds the partner's raw identifiers) as a
     * reveal of kind {@value #OUTBOX_FILE} whose token is the file's lake path; returns once the row is committed.
     * The caller serves the file only after this returns: no audit row, no bytes.
     *
     * @throws SecurityException when the user's role may not reveal
     * @throws RuntimeException  whatever the Delta commit threw, when the audit could not be written
     */
    public void auditDownload(ConsoleUser user, String lakePath, String reason) {
        mayReveal(user, reason);
        audit(user, lakePath, OUTBOX_FILE, reason);
        LOG.info("outbox download of {} audited for {}", lakePath, user.name());
    }

    private static void mayReveal(ConsoleUser user, String reason) {
        if (!user.role().reveals()) {
            throw new SecurityException("user " + user.name() + " (" + user.role().code()
                    + ") may not reveal raw identifiers; only supervisors may");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reveal needs a reason (the case or why the raw identifier is needed)");
        }
    }

    private void audit(ConsoleUser user, String token, String kind, String reason) {
        Row audit = RowFactory.create("r_" + UUID.randomUUID(), user.name(), user.role().code(), token, kind,
                reason.strip(), Timestamp.from(clock.instant()));
        DeltaIO.append(spark.createDataFrame(List.of(audit), SCHEMA), lake.ops(Ops.REVEALS));
    }
}

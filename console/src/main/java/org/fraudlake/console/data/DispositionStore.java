package org.fraudlake.console.data;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.DispositionLabels;
import org.fraudlake.schemas.tables.Ops.Dispositions;
import org.fraudlake.schemas.tables.Ops.Verdict;
import org.fraudlake.schemas.tables.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' dispositions: appended one row per decision to the Delta table ops/dispositions (schema {@link
 * DispositionLabels#SCHEMA}, which the next training reads as labels), and kept in memory, latest first, so the
 * queue shows who decided what without a query per page. The table is small (one row per human decision), so it is
 * read whole at start.
 */
public final class DispositionStore {
    private static final Logger LOG = LoggerFactory.getLogger(DispositionStore.class);
    private final SparkSession spark;
    private final String path;
    private final Clock clock;
    private final List<Disposition> all = new ArrayList<>();

    public DispositionStore(SparkSession spark, Lake lake, Clock clock) {
        this.spark = spark;
        this.path = lake.ops(Ops.DISPOSITIONS);
        this.clock = clock;
        reload();
    }

    /** Reads the table again (after another process wrote to it). */
    public synchronized void reload() {
        all.clear();
        if (!DeltaIO.exists(spark, path)) {
            return;
        }
        for (Row r : DeltaIO.read(spark, path).orderBy(col(Dispositions.DECIDED_AT)).collectAsList()) {
            all.add(fromRow(r));
        }
        LOG.info("{} dispositions read from {}", all.size(), path);
    }

    /** Records a decision: one appended Delta commit. Returns the stored row. */
    public synchronized Disposition record(QueueRow warning, Verdict verdict, String label, String note, String user) {
        Disposition d = new Disposition("d_" + UUID.randomUUID(), warning.subjectType(), warning.subjectId(),
                warning.warningId(), warning.topModel(), warning.warningType(), warning.businessDate(), verdict,
                verdict == Verdict.CONFIRMED && label != null && !label.isBlank() ? label : null,
                note == null || note.isBlank() ? null : note.strip(), user, clock.instant());
        Row row = RowFactory.create(d.dispositionId(), d.entityType(), d.entityId(), d.warningId(), d.model(),
                d.warningType(), Date.valueOf(d.businessDate()), d.verdict().name(), d.label(), d.note(),
                d.decidedBy(), Timestamp.from(d.decidedAt()));
        DeltaIO.append(spark.createDataFrame(List.of(row), DispositionLabels.SCHEMA), path);
        all.add(d);
        LOG.info("disposition {} {} on {} {} by {}", d.dispositionId(), verdict, d.entityType(), d.entityId(), user);
        return d;
    }

    /** The latest disposition per warning id. */
    public synchronized Map<String, Disposition> latestByWarning() {
        Map<String, Disposition> out = new HashMap<>();
        for (Disposition d : all) {
            if (d.warningId() != null) {
                out.put(d.warningId(), d);
            }
        }
        return out;
    }

    /** Every disposition of an entity, latest first. */
    public synchronized List<Disposition> ofEntity(String entityId) {
        return all.stream().filter(d -> entityId.equals(d.entityId()))
                .sorted(Comparator.comparing(Disposition::decidedAt).reversed()).toList();
    }

    /** The latest dispositions, latest first. */
    public synchronized List<Disposition> latest(int limit) {
        return all.stream().sorted(Comparator.comparing(Disposition::decidedAt).reversed()).limit(limit).toList();
    }

    private static Disposition fromRow(Row r) {
        Date date = r.getAs(Dispositions.BUSINESS_DATE);
        Timestamp at = r.getAs(Dispositions.DECIDED_AT);
        return new Disposition(r.getAs(Dispositions.DISPOSITION_ID), r.getAs(Dispositions.ENTITY_TYPE),
                r.getAs(Dispositions.ENTITY_ID), r.getAs(Dispositions.WARNING_ID), r.getAs(Dispositions.MODEL),
                r.getAs(Dispositions.WARNING_TYPE), date == null ? null : date.toLocalDate(),
                Verdict.valueOf(r.getAs(Dispositions.VERDICT)), r.getAs(Dispositions.LABEL),
                r.getAs(Dispositions.NOTE), r.getAs(Dispositions.DECIDED_BY), at.toInstant());
    }
}

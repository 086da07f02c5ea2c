package org.fraudlake.models;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.Ops.Dispositions;
import org.fraudlake.schemas.tables.Ops.Verdict;
import org.fraudlake.schemas.tables.Silver.CaseLabels;

/**
 * Analysts' dispositions (ops/dispositions, written by the review console) as the third label source. CONFIRMED
 * gives the analyst's label (or, when none was chosen, the label the warning type gives, {@link
 * FeedbackLabels#labelOf}); FALSE_POSITIVE gives a CLEARED label, which withdraws earlier labels exactly as a
 * CLEARED case label does; ESCALATED gives none. A label is dated by {@code decided_at}, so {@link Labels} applies
 * the same point-in-time rule as to case labels: a decision taken after the as-of date is not known on it.
 *
 * <p>A pure {@code Dataset -> Dataset} function over the small dispositions table; {@link Labels} does the reading.
 */
public final class DispositionLabels {
    /** The {@code case_no} prefix of disposition labels: {@code disposition:<disposition_id>}. */
    public static final String CASE_NO_PREFIX = "disposition:";
    /** ops/dispositions as the console writes it. */
    public static final StructType SCHEMA = StructType.fromDDL(Dispositions.DISPOSITION_ID + " STRING, "
            + Dispositions.ENTITY_TYPE + " STRING, " + Dispositions.ENTITY_ID + " STRING, " + Dispositions.WARNING_ID
            + " STRING, " + Dispositions.MODEL + " STRING, " + Dispositions.WARNING_TYPE + " STRING, "
            + Dispositions.BUSINESS_DATE + " DATE, " + Dispositions.VERDICT + " STRING, " + Dispositions.LABEL
            + " STRING, " + Dispositions.NOTE + " STRING, " + Dispositions.DECIDED_BY + " STRING, "
            + Dispositions.DECIDED_AT + " TIMESTAMP");

    private DispositionLabels() {
    }

    /**
     * The labels dispositions give, in the columns of silver/case_labels: entity_type, entity_id, label,
     * confirmed_at (= decided_at), case_no ({@code disposition:<id>}). Escalations and confirmations whose label
     * cannot be told are left out.
     */
    public static Dataset<Row> labels(Dataset<Row> dispositions) {
        Column verdict = col(Dispositions.VERDICT);
        Column label = when(verdict.equalTo(Verdict.FALSE_POSITIVE.name()), lit(Labels.CLEARED))
                .when(verdict.equalTo(Verdict.CONFIRMED.name()),
                        coalesce(col(Dispositions.LABEL), FeedbackLabels.labelOf(col(Dispositions.WARNING_TYPE))));
        return dispositions.select(col(Dispositions.ENTITY_TYPE).as(CaseLabels.ENTITY_TYPE),
                        col(Dispositions.ENTITY_ID).as(CaseLabels.ENTITY_ID), label.as(CaseLabels.LABEL),
                        col(Dispositions.DECIDED_AT).as(CaseLabels.CONFIRMED_AT),
                        concat(lit(CASE_NO_PREFIX), col(Dispositions.DISPOSITION_ID)).as(CaseLabels.CASE_NO))
                .filter(col(CaseLabels.LABEL).isNotNull().and(col(CaseLabels.ENTITY_ID).isNotNull()));
    }
}

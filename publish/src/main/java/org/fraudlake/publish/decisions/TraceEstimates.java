package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Warnings;

/**
 * What traced victim money held on an account is worth as evidence, learned from the lake's own history rather than
 * set once: money a victim paid straight to an account (hop 1) sits with the scheme's own accounts, while money a
 * mule passed on mixes with everybody the mule pays, so a fixed precision for "holds traced money" is right for the
 * first hop and wrong for the later ones, by amounts that depend on the city.
 *
 * <p>The estimate is kept per group: the account's nearest hop and whether a case label already named it (a standing
 * non-CLEARED label on the account). For the accounts traced in the last {@link DecisionsJob.TraceLearning#historyDays} dates up to
 * {@link DecisionsJob.TraceLearning#maturityDays} before D (each account once, at its first traced date in that span, with its
 * nearest hop and label state on that date), {@code n} counts them and {@code positives} those whose latest case
 * label known by the end of D is not CLEARED. The estimate is the posterior mean with the setting as the prior:
 * {@code (positives + prior * weight) / (n + weight)}, so a new lake starts at the prior and the lake's outcomes take
 * over as they come in. Pure transforms; two aggregations.
 */
final class TraceEstimates {
    /** The nearest hop at which the account holds traced money. */
    static final String HOP = "_hop";
    /** Whether a standing case label names the account. */
    static final String LABELLED = "_labelled";
    /** Earlier traced accounts of the group, and those labelled since. */
    static final String N = "_n";
    static final String POSITIVES = "_positives";
    /** The estimated precision of the group. */
    static final String ESTIMATE = "_estimate";

    private static final String ACCOUNT = "_account";
    private static final String FIRST_LABEL = "_first_label";
    private static final String STANDING = "_standing";

    private TraceEstimates() {
    }

    /**
     * Accounts with a case label known by the end of D ({@code _account}): {@code _first_label}, the business date
     * of the first non-CLEARED one, and {@code _standing}, whether the latest one is not CLEARED.
     */
    static Dataset<Row> labelled(Dataset<Row> labels, AsOf asOf) {
        return labels.filter(col(CaseLabels.ENTITY_TYPE).equalTo(Warnings.ACCOUNT)
                        .and(col(Silver.BUSINESS_DATE).leq(asOf.day()))
                        .and(col(CaseLabels.CONFIRMED_AT).lt(lit(asOf.endOfDay()))))
                .groupBy(col(CaseLabels.ENTITY_ID).as(ACCOUNT))
                .agg(min(when(col(CaseLabels.LABEL).notEqual(StateAsOf.CLEARED), col(Silver.BUSINESS_DATE)))
                                .as(FIRST_LABEL),
                        max_by(col(CaseLabels.LABEL), col(CaseLabels.CONFIRMED_AT)).notEqual(StateAsOf.CLEARED)
                                .as(STANDING));
    }

    /**
     * The estimate per group ({@link #HOP}, {@link #LABELLED}, {@link #N}, {@link #POSITIVES}, {@link #ESTIMATE})
     * from earlier fund traces (any dates; those outside the learning span are ignored).
     *
     * @param traces   gold/fund_traces rows (account_id, hop, amount_held, business_date)
     * @param labelled {@link #labelled} as of D
     * @param prior    the estimate before any outcome (the configured trace precision)
     */
    static Dataset<Row> learned(Dataset<Row> traces, Dataset<Row> labelled, AsOf asOf, double prior,
                                DecisionsJob.TraceLearning learning) {
        Column date = col(GraphTables.BUSINESS_DATE);
        Dataset<Row> first = traces.filter(col(FundTraces.AMOUNT_HELD).gt(0)
                        .and(date.geq(lit(Date.valueOf(asOf.date().minusDays(learning.historyDays() - 1L)))))
                        .and(date.leq(lit(Date.valueOf(asOf.date().minusDays(learning.maturityDays()))))))
                .groupBy(col(FundTraces.ACCOUNT_ID).as(ACCOUNT), date.as("_date"))
                .agg(min(FundTraces.HOP).as(HOP))
                .groupBy(col(ACCOUNT))
                .agg(min_by(col(HOP), col("_date")).as(HOP), min(col("_date")).as("_date"));
        Column positive = coalesce(col(STANDING), lit(false));
        return first.join(labelled, new String[]{ACCOUNT}, "left")
                .withColumn(LABELLED, coalesce(col(FIRST_LABEL).leq(col("_date")), lit(false)))
                .groupBy(col(HOP), col(LABELLED))
                .agg(count(lit(1)).as(N), sum(when(positive, 1).otherwise(0)).cast("long").as(POSITIVES))
                .withColumn(ESTIMATE, col(POSITIVES).plus(lit(prior * learning.priorWeight()))
                        .divide(col(N).plus(lit(learning.priorWeight()))));
    }

    /**
     * Today's traced accounts ({@code account}: the column given, {@link #HOP}) with their group's {@link #LABELLED},
     * {@link #N}, {@link #POSITIVES} and {@link #ESTIMATE}; a group without history gets n = 0 and the prior.
     */
    static Dataset<Row> estimate(Dataset<Row> held, String account, Dataset<Row> labelled, Dataset<Row> learned,
                                 double prior) {
        return held.join(labelled.withColumnRenamed(ACCOUNT, account), new String[]{account}, "left")
                .withColumn(LABELLED, coalesce(col(STANDING), lit(false)))
                .drop(FIRST_LABEL, STANDING)
                .join(learned, new String[]{HOP, LABELLED}, "left")
                .withColumn(N, coalesce(col(N), lit(0L)))
                .withColumn(POSITIVES, coalesce(col(POSITIVES), lit(0L)))
                .withColumn(ESTIMATE, coalesce(col(ESTIMATE), lit(prior)));
    }
}

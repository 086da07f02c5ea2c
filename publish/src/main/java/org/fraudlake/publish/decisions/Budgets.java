package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.publish.decisions.DecisionsJob.Budget;
import org.fraudlake.publish.decisions.DecisionsJob.Settings;
import org.fraudlake.schemas.tables.Published.Action;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Subscribers;

/**
 * The analysts' budgets: per partner, night and action, the most new warnings (NEW or ESCALATED) detections may
 * send, scaled to the partner's size ({@link Budget#of}). Pure transforms; one small aggregation per partner kind
 * and one window over the night's new warnings.
 */
final class Budgets {
    /** Column of {@link #of}: the number of new detected warnings the partner takes for the action tonight. */
    static final String BUDGET = "budget";
    /** Column of {@link #of}: the partner's accounts (banks) or numbers (carriers). */
    static final String SIZE = "size";
    private static final String PARTNER_KEY = "_budget_partner";
    private static final List<Action> BANK_ACTIONS = List.of(Action.FREEZE, Action.MONITOR, Action.CONTACT_VICTIM);
    private static final List<Action> CARRIER_ACTIONS = List.of(Action.BLOCK, Action.MONITOR);

    private Budgets() {
    }

    /**
     * {@code partner}, {@code action}, {@link #SIZE}, {@link #BUDGET}: for each bank (its accounts opened by D) the
     * FREEZE, MONITOR and CONTACT_VICTIM budgets; for each carrier (the numbers it holds) BLOCK and MONITOR; for the
     * numbers no partner carrier holds (null partner, sent to every carrier's gateway) the floors.
     *
     * @param accounts    silver accounts as of D: account_id, bank
     * @param subscribers silver subscribers: phone, carrier
     */
    static Dataset<Row> of(Dataset<Row> accounts, Dataset<Row> subscribers, Settings settings) {
        Dataset<Row> banks = accounts.groupBy(col(Accounts.BANK).as(InterceptList.PARTNER)).agg(count(lit(1)).as(SIZE))
                .withColumn(InterceptList.ACTION, explode(actions(BANK_ACTIONS)));
        StructType noPartner = new StructType().add(InterceptList.PARTNER, DataTypes.StringType)
                .add(SIZE, DataTypes.LongType);
        Dataset<Row> carriers = subscribers.groupBy(col(Subscribers.CARRIER).as(InterceptList.PARTNER))
                .agg(count(lit(1)).as(SIZE))
                .unionByName(subscribers.sparkSession().createDataFrame(List.of(RowFactory.create(null, 0L)), noPartner))
                .withColumn(InterceptList.ACTION, explode(actions(CARRIER_ACTIONS)));
        Column budget = lit(0);
        for (Action a : Action.values()) {
            Budget b = settings.budget(a);
            Column scaled = round(col(SIZE).multiply(b.per10k()).divide(10_000.0)).cast("int");
            budget = when(col(InterceptList.ACTION).equalTo(a.name()),
                    least(greatest(scaled, lit(b.floor())), lit(b.cap()))).otherwise(budget);
        }
        return banks.unionByName(carriers).withColumn(BUDGET, budget);
    }

    /**
     * Fills the budgets: of the night's new warnings ({@code fresh}: status NEW or ESCALATED, sent), the detected
     * ones ({@link InterceptList#KNOWN_BY} null) are ranked per partner and action by {@code risk} descending, then
     * entity type, entity and person (deterministic ties); those ranked past the budget become
     * {@link Status#QUEUED}, not sent. Echoes are never queued and take no budget. A partner and action without a
     * budget row queue every detection.
     */
    static Dataset<Row> apply(Dataset<Row> fresh, Dataset<Row> budgets, String risk) {
        Column detected = col(InterceptList.KNOWN_BY).isNull();
        Column partnerKey = coalesce(col(InterceptList.PARTNER), lit(""));
        Column rank = row_number().over(Window.partitionBy(partnerKey, col(InterceptList.ACTION), detected)
                .orderBy(col(risk).desc_nulls_last(), col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID),
                        col(VictimWarnings.PERSON_ID).asc_nulls_first()));
        Dataset<Row> limits = budgets.select(coalesce(col(InterceptList.PARTNER), lit("")).as(PARTNER_KEY),
                col(InterceptList.ACTION).as("_budget_action"), col(BUDGET).as("_budget"));
        Column over = detected.and(col("_rank").gt(coalesce(col("_budget"), lit(0))));
        return fresh.withColumn("_rank", rank)
                .join(broadcast(limits), partnerKey.equalTo(col(PARTNER_KEY))
                        .and(col(InterceptList.ACTION).equalTo(col("_budget_action"))), "left")
                .withColumn(InterceptList.STATUS, when(over, lit(Status.QUEUED.name())).otherwise(col(InterceptList.STATUS)))
                .withColumn(InterceptList.SENT, not(over))
                .drop("_rank", PARTNER_KEY, "_budget_action", "_budget");
    }

    private static Column actions(List<Action> actions) {
        return array(actions.stream().map(a -> lit(a.name())).toArray(Column[]::new));
    }
}

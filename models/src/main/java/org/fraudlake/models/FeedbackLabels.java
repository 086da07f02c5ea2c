package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Silver.BankFeedback;
import org.fraudlake.schemas.tables.Silver.CaseLabels;

/**
 * Bank feedback as a label source, and the published warnings the feedback answers. An answer is an outcome, not
 * a verdict: only LOSS_PREVENTED (the bank found and stopped the crime the warning named) confirms the warned entity
 * (a positive label of the warning's type, see {@link #labelOf}); CLEARED refutes it (a CLEARED label, which withdraws
 * earlier labels exactly as a CLEARED case label does). FROZEN is the action our own warning asked for: taking it as
 * a label would let the models learn their own warnings, so it gives none, like MONITORED, VICTIM_CONTACTED and
 * NOT_FOUND.
 *
 * <p>The labelled entity is the warned one: the account of an intercept-list warning, the person at risk of a
 * victim warning ({@code person_id}; the account when the person is unknown). A label is dated by the bank's
 * {@code acted_at} and carries the business date its delivery arrived on, so {@link Labels} applies one
 * point-in-time rule to both sources: nothing acted or delivered after the as-of date is used.
 *
 * <p>Pure {@code Dataset -> Dataset} functions; {@link Labels} does the reading. Cost: a window over the published
 * warning rows (one row per warning and valid day) and a join of the small feedback table to its result.
 */
public final class FeedbackLabels {
    /** Column of {@link #sentWarnings}: whether the warning is a victim warning (published/victim_warnings). */
    public static final String VICTIM_WARNING = "victim_warning";
    /** Column of {@link #sentWarnings}: the business date the warning was first sent to its partner. */
    public static final String FIRST_SENT = "first_sent";
    /** Column of {@link #answered}: the warning's recommended action (the feedback keeps {@code action}). */
    public static final String WARNING_ACTION = "warning_action";
    /** The feedback action that follows a FREEZE warning: an action taken, not a confirmation (no label). */
    public static final String FROZEN = "FROZEN";
    /** The feedback action that confirms the warned entity. */
    public static final String LOSS_PREVENTED = "LOSS_PREVENTED";
    /** The feedback action, and the label, that refutes. */
    public static final String CLEARED = Labels.CLEARED;
    /** The {@code case_no} prefix of feedback labels: {@code feedback:<bank>:<warning_id>}. */
    public static final String CASE_NO_PREFIX = "feedback";

    /** The published warning columns read, as the decisions write them. */
    public static final StructType INTERCEPT_LIST_SCHEMA = StructType.fromDDL(InterceptList.WARNING_ID + " STRING, "
            + InterceptList.PARTNER + " STRING, " + InterceptList.ENTITY_TYPE + " STRING, " + InterceptList.ENTITY_ID
            + " STRING, " + InterceptList.WARNING_TYPE + " STRING, " + InterceptList.ACTION + " STRING, "
            + InterceptList.SCORE + " DOUBLE, " + InterceptList.MODELS + " ARRAY<STRING>, " + InterceptList.REASONS
            + " ARRAY<STRING>, " + InterceptList.VALID_FROM + " DATE, " + InterceptList.VALID_UNTIL + " DATE, "
            + InterceptList.STATUS + " STRING, " + InterceptList.SENT + " BOOLEAN, " + Published.BUSINESS_DATE
            + " DATE");
    public static final StructType VICTIM_WARNINGS_SCHEMA = INTERCEPT_LIST_SCHEMA.add(VictimWarnings.PERSON_ID,
            "string");
    /** silver/bank_feedback as conform writes it. */
    public static final StructType BANK_FEEDBACK_SCHEMA = StructType.fromDDL(BankFeedback.BANK + " STRING, "
            + BankFeedback.WARNING_ID + " STRING, " + BankFeedback.ACTION + " STRING, " + BankFeedback.ACTED_AT
            + " TIMESTAMP, " + BankFeedback.AMOUNT_PROTECTED + " DECIMAL(18,2), " + BankFeedback.NOTE + " STRING, "
            + Silver.BUSINESS_DATE + " DATE");

    /**
     * Warning types to the label a confirmation gives; a type not listed gives no positive label (a CLEARED still
     * refutes). Sorted, so the expression built from it is always the same.
     */
    private static final Map<String, String> LABEL_OF_TYPE = new TreeMap<>(Map.of(
            "FRAUD_ACCOUNT", "FRAUD_ACCOUNT",
            "MONEY_MULE", "MONEY_MULE",
            "LAUNDERING", "LAUNDERING",
            "FRAUD_PHONE", "FRAUD_PHONE",
            "HANDSET_FARM", "FRAUD_PHONE",
            "ECONOMIC_CRIME", "ECONOMIC_CRIME",
            "VICTIM", "VICTIM",
            "VICTIM_AT_RISK", "VICTIM"));

    private FeedbackLabels() {
    }

    /**
     * One row per warning ever sent to a partner, from the intercept list and the victim warnings: its first sent
     * row ({@code sent = true}, the earliest business date), with {@link #FIRST_SENT}, {@link #VICTIM_WARNING} and
     * {@link VictimWarnings#PERSON_ID} (null for intercept-list rows). Columns: warning_id, partner, entity_type,
     * entity_id, warning_type, action, score, models, valid_from, valid_until, person_id, victim_warning,
     * first_sent.
     */
    public static Dataset<Row> sentWarnings(Dataset<Row> interceptList, Dataset<Row> victimWarnings) {
        Dataset<Row> all = warningColumns(interceptList, lit(null).cast("string"), false)
                .unionByName(warningColumns(victimWarnings, col(VictimWarnings.PERSON_ID), true))
                .filter(col(InterceptList.SENT).equalTo(true));
        return all.withColumn("_rn", row_number().over(Window.partitionBy(InterceptList.WARNING_ID)
                        .orderBy(col(Published.BUSINESS_DATE).asc(), col(VICTIM_WARNING).desc(),
                                col(InterceptList.PARTNER).asc_nulls_last(), col(InterceptList.ENTITY_ID).asc())))
                .filter(col("_rn").equalTo(1))
                .select(col(InterceptList.WARNING_ID), col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE),
                        col(InterceptList.ENTITY_ID), col(InterceptList.WARNING_TYPE), col(InterceptList.ACTION),
                        col(InterceptList.SCORE), col(InterceptList.MODELS), col(InterceptList.VALID_FROM),
                        col(InterceptList.VALID_UNTIL), col(VictimWarnings.PERSON_ID), col(VICTIM_WARNING),
                        col(Published.BUSINESS_DATE).as(FIRST_SENT));
    }

    private static Dataset<Row> warningColumns(Dataset<Row> published, Column personId, boolean victim) {
        return published.select(col(InterceptList.WARNING_ID), col(InterceptList.PARTNER),
                col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID), col(InterceptList.WARNING_TYPE),
                col(InterceptList.ACTION), col(InterceptList.SCORE), col(InterceptList.MODELS),
                col(InterceptList.VALID_FROM), col(InterceptList.VALID_UNTIL), col(InterceptList.SENT),
                col(Published.BUSINESS_DATE), personId.as(VictimWarnings.PERSON_ID), lit(victim).as(VICTIM_WARNING));
    }

    /**
     * The bank feedback joined to the warnings it answers ({@link #sentWarnings}): a feedback row counts only for a
     * warning sent to the bank that answers ({@code bank = partner}); answers to unknown warning ids, or to another
     * bank's, are dropped. Keeps the feedback columns (bank, warning_id, action, acted_at, amount_protected, note,
     * business_date = the day the answer arrived) and adds every warning column but the partner, the warning's
     * action as {@link #WARNING_ACTION}.
     */
    public static Dataset<Row> answered(Dataset<Row> feedback, Dataset<Row> warnings) {
        Dataset<Row> w = warnings.withColumnRenamed(InterceptList.WARNING_ID, "_wid")
                .withColumnRenamed(InterceptList.ACTION, WARNING_ACTION);
        return feedback.join(w, feedback.col(BankFeedback.WARNING_ID).equalTo(w.col("_wid"))
                        .and(feedback.col(BankFeedback.BANK).equalTo(w.col(InterceptList.PARTNER))))
                .drop("_wid", InterceptList.PARTNER);
    }

    /**
     * The labels bank feedback gives, in the columns of silver/case_labels (entity_type, entity_id, label,
     * confirmed_at = acted_at, case_no = {@code feedback:<bank>:<warning_id>}) plus the business date the feedback
     * arrived on. Confirmations of a warning type without a label ({@link #labelOf}) give none.
     */
    public static Dataset<Row> labels(Dataset<Row> feedback, Dataset<Row> warnings) {
        Column action = col(BankFeedback.ACTION);
        Column label = when(action.equalTo(CLEARED), lit(CLEARED))
                .when(action.equalTo(LOSS_PREVENTED),
                        when(col(VICTIM_WARNING), lit("VICTIM")).otherwise(labelOf(col(InterceptList.WARNING_TYPE))));
        Column person = col(VICTIM_WARNING).and(col(VictimWarnings.PERSON_ID).isNotNull());
        return answered(feedback.filter(action.isin(LOSS_PREVENTED, CLEARED)), warnings)
                .select(when(person, lit(EntityKind.PERSON.labelType())).otherwise(col(InterceptList.ENTITY_TYPE))
                                .as(CaseLabels.ENTITY_TYPE),
                        when(person, col(VictimWarnings.PERSON_ID)).otherwise(col(InterceptList.ENTITY_ID))
                                .as(CaseLabels.ENTITY_ID),
                        label.as(CaseLabels.LABEL),
                        col(BankFeedback.ACTED_AT).as(CaseLabels.CONFIRMED_AT),
                        concat_ws(":", lit(CASE_NO_PREFIX), col(BankFeedback.BANK), col(BankFeedback.WARNING_ID))
                                .as(CaseLabels.CASE_NO),
                        col(Silver.BUSINESS_DATE))
                .filter(col(CaseLabels.LABEL).isNotNull().and(col(CaseLabels.ENTITY_ID).isNotNull()));
    }

    /**
     * The label a confirmed warning of this type gives: the case label of the same name (FRAUD_ACCOUNT, MONEY_MULE,
     * LAUNDERING, FRAUD_PHONE, ECONOMIC_CRIME, VICTIM), FRAUD_PHONE for HANDSET_FARM, VICTIM for VICTIM_AT_RISK;
     * null for any other type.
     */
    public static Column labelOf(Column warningType) {
        Column out = lit(null).cast("string");
        for (Map.Entry<String, String> e : LABEL_OF_TYPE.entrySet()) {
            out = when(warningType.equalTo(e.getKey()), lit(e.getValue())).otherwise(out);
        }
        return out;
    }
}

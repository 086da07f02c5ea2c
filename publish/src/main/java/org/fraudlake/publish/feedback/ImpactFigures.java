package org.fraudlake.publish.feedback;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.models.Labels;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.BankFeedback;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Transactions;

/**
 * The pure transforms behind {@link FeedbackJob}: {@code Dataset -> Dataset}, no reads or writes, so tests call
 * them on tiny frames. See {@link FeedbackJob} for the definitions of the figures.
 */
public final class ImpactFigures {
    /** {@link FeedbackImpact#MODEL} of a bank's total row. */
    public static final String ALL = "ALL";
    /** Columns of {@link #outcomes}, one row per counted warning. */
    public static final String ACTED = "acted";
    public static final String IS_FROZEN = "is_frozen";
    public static final String IS_CLEARED = "is_cleared";
    public static final String CONTACTED_AT = "contacted_at";
    public static final String AMOUNT = "amount";
    /** Column of {@link #firstLosses}: the first known loss of the person after the warning. */
    public static final String FIRST_LOSS = "first_loss";
    public static final String IN_TIME = "in_time";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String VICTIM_CONTACTED = "VICTIM_CONTACTED";
    static final String TELECOM_FRAUD = "TELECOM_FRAUD";
    static final String OUT = "OUT";
    private static final String AMOUNT_TYPE = "decimal(18,2)";

    private ImpactFigures() {
    }

    private static Column day(LocalDate date) {
        return lit(Date.valueOf(date));
    }

    /**
     * The warnings counted on {@code date}: every warning of a partner bank (entity type ACCOUNT, partner set) whose
     * first sent date is on or before the date, from {@link FeedbackLabels#sentWarnings}.
     */
    public static Dataset<Row> counted(Dataset<Row> sentWarnings, LocalDate date) {
        return sentWarnings.filter(col(FeedbackLabels.FIRST_SENT).leq(day(date))
                .and(col(InterceptList.ENTITY_TYPE).equalTo(EntityKind.ACCOUNT.labelType()))
                .and(col(InterceptList.PARTNER).isNotNull()));
    }

    /**
     * silver/bank_feedback as known at the end of {@code date}: delivered on or before it ({@code business_date})
     * and acted on or before it (city date of {@code acted_at}).
     */
    public static Dataset<Row> feedbackAsOf(Dataset<Row> feedback, LocalDate date) {
        return feedback.filter(col(Silver.BUSINESS_DATE).leq(day(date))
                .and(Labels.cityDate(col(BankFeedback.ACTED_AT)).leq(day(date))));
    }

    /**
     * One row per counted warning with what its bank did by the date: {@link #ACTED} (1 when any answer but
     * NOT_FOUND), {@link #IS_FROZEN}, {@link #IS_CLEARED} (0/1), {@link #CONTACTED_AT} (victim warnings: the first
     * VICTIM_CONTACTED or LOSS_PREVENTED, else null) and {@link #AMOUNT} (sum of amount_protected, 0 when none).
     * Only the bank the warning was sent to is heard ({@link FeedbackLabels#answered}).
     */
    public static Dataset<Row> outcomes(Dataset<Row> counted, Dataset<Row> feedbackAsOf) {
        Column action = col(BankFeedback.ACTION);
        Dataset<Row> perWarning = FeedbackLabels.answered(feedbackAsOf, counted)
                .groupBy(col(BankFeedback.WARNING_ID).as("_wid"))
                .agg(max(when(action.notEqual(NOT_FOUND), 1L).otherwise(0L)).as(ACTED),
                        max(when(action.equalTo(FeedbackLabels.FROZEN), 1L).otherwise(0L)).as(IS_FROZEN),
                        max(when(action.equalTo(FeedbackLabels.CLEARED), 1L).otherwise(0L)).as(IS_CLEARED),
                        min(when(col(FeedbackLabels.VICTIM_WARNING)
                                        .and(action.isin(VICTIM_CONTACTED, FeedbackLabels.LOSS_PREVENTED)),
                                col(BankFeedback.ACTED_AT))).as(CONTACTED_AT),
                        sum(coalesce(col(BankFeedback.AMOUNT_PROTECTED), lit(0)).cast(AMOUNT_TYPE)).as(AMOUNT));
        return counted.join(perWarning, counted.col(InterceptList.WARNING_ID).equalTo(perWarning.col("_wid")), "left")
                .drop("_wid")
                .withColumn(ACTED, coalesce(col(ACTED), lit(0L)))
                .withColumn(IS_FROZEN, coalesce(col(IS_FROZEN), lit(0L)))
                .withColumn(IS_CLEARED, coalesce(col(IS_CLEARED), lit(0L)))
                .withColumn(AMOUNT, coalesce(col(AMOUNT), lit(0)).cast(AMOUNT_TYPE));
    }

    /**
     * Accounts known as fraud or mule accounts at the end of the date, one column {@link FeatureStore#ENTITY_ID}: the
     * label positives given (MONEY_MULE or FRAUD_ACCOUNT, from {@link Labels#positives}) and the suspect accounts
     * of TELECOM_FRAUD police reports received by the date.
     */
    public static Dataset<Row> fraudAccounts(Dataset<Row> labelled, Dataset<Row> incidents, LocalDate date) {
        Dataset<Row> suspects = incidents.filter(col(Incidents.CATEGORY).equalTo(TELECOM_FRAUD)
                        .and(Labels.cityDate(col(Incidents.REPORTED_AT)).leq(day(date))))
                .select(explode(col(Incidents.SUSPECT_ACCOUNTS)).as(FeatureStore.ENTITY_ID));
        return labelled.select(FeatureStore.ENTITY_ID).unionByName(suspects)
                .filter(col(FeatureStore.ENTITY_ID).isNotNull()).distinct();
    }

    /**
     * For each contacted victim warning of {@code outcomes}, the person's first known loss after the warning
     * ({@link #FIRST_LOSS}, null when none is known by the date): the earlier of (a) the first OUT transfer from
     * the warned account or any account the person holds to a {@link #fraudAccounts fraud account}, and (b) the
     * occurrence time of a TELECOM_FRAUD police report received by the date that names the person as victim; both
     * only when on a city date after the warning's valid_from (the night it was published: a loss that day came
     * before the bank could have acted). {@code transactions} should already be limited to the dates that matter.
     */
    public static Dataset<Row> firstLosses(Dataset<Row> outcomes, Dataset<Row> accounts, Dataset<Row> transactions,
                                           Dataset<Row> fraudAccounts, Dataset<Row> incidents, LocalDate date) {
        Dataset<Row> victims = outcomes.filter(col(CONTACTED_AT).isNotNull())
                .select(col(InterceptList.WARNING_ID), col(InterceptList.ENTITY_ID), col(VictimWarnings.PERSON_ID),
                        col(InterceptList.VALID_FROM));
        Dataset<Row> held = victims.join(accounts,
                        victims.col(VictimWarnings.PERSON_ID).equalTo(accounts.col(Accounts.HOLDER_ID)))
                .select(col(InterceptList.WARNING_ID), col(Accounts.ACCOUNT_ID).as("_account"),
                        col(InterceptList.VALID_FROM))
                .unionByName(victims.select(col(InterceptList.WARNING_ID), col(InterceptList.ENTITY_ID).as("_account"),
                        col(InterceptList.VALID_FROM)))
                .distinct();
        Dataset<Row> toFraud = transactions.filter(col(Transactions.DIRECTION).equalTo(OUT))
                .join(fraudAccounts, col(Transactions.COUNTERPARTY_ACCOUNT_ID).equalTo(col(FeatureStore.ENTITY_ID)),
                        "left_semi");
        Dataset<Row> transferLosses = held.join(toFraud, col("_account").equalTo(col(Transactions.ACCOUNT_ID)))
                .filter(Labels.cityDate(col(Transactions.TXN_TIME)).gt(col(InterceptList.VALID_FROM)))
                .select(col(InterceptList.WARNING_ID), col(Transactions.TXN_TIME).as(FIRST_LOSS));
        Dataset<Row> reported = incidents.filter(col(Incidents.CATEGORY).equalTo(TELECOM_FRAUD)
                        .and(Labels.cityDate(col(Incidents.REPORTED_AT)).leq(day(date)))
                        .and(col(Incidents.OCCURRED_AT).isNotNull()));
        Dataset<Row> reportedLosses = victims.join(reported,
                        victims.col(VictimWarnings.PERSON_ID).equalTo(reported.col(Incidents.VICTIM_ID)))
                .filter(Labels.cityDate(col(Incidents.OCCURRED_AT)).gt(col(InterceptList.VALID_FROM)))
                .select(col(InterceptList.WARNING_ID), col(Incidents.OCCURRED_AT).as(FIRST_LOSS));
        return transferLosses.unionByName(reportedLosses)
                .groupBy(col(InterceptList.WARNING_ID).as("_loss_wid")).agg(min(FIRST_LOSS).as(FIRST_LOSS));
    }

    /**
     * {@code outcomes} with {@link #IN_TIME}: 1 for a contacted victim warning, not cleared, whose first contact
     * came before the person's first known loss after the warning (or with no loss known), else 0.
     */
    public static Dataset<Row> withInTime(Dataset<Row> outcomes, Dataset<Row> firstLosses) {
        Column inTime = col(CONTACTED_AT).isNotNull().and(col(IS_CLEARED).equalTo(0L))
                .and(col(FIRST_LOSS).isNull().or(col(CONTACTED_AT).lt(col(FIRST_LOSS))));
        return outcomes.join(firstLosses, col(InterceptList.WARNING_ID).equalTo(col("_loss_wid")), "left")
                .withColumn(IN_TIME, when(inTime, 1L).otherwise(0L))
                .drop("_loss_wid");
    }

    /**
     * The published/feedback_impact rows of {@code date}: per bank, one row per model that fired on its counted
     * warnings and one with model {@link #ALL}; a warning counts once in each of its models' rows and once in ALL.
     */
    public static Dataset<Row> figures(Dataset<Row> outcomesWithInTime, LocalDate date) {
        Column models = coalesce(col(InterceptList.MODELS), array().cast("array<string>"));
        return outcomesWithInTime
                .withColumn(FeedbackImpact.MODEL, explode(array_union(models, array(lit(ALL)))))
                .groupBy(col(InterceptList.PARTNER).as(FeedbackImpact.BANK), col(FeedbackImpact.MODEL))
                .agg(count(lit(1)).as(FeedbackImpact.WARNINGS_SENT),
                        sum(col(ACTED)).as(FeedbackImpact.ACTED_ON),
                        sum(col(IS_FROZEN)).as(FeedbackImpact.FROZEN),
                        sum(when(col(CONTACTED_AT).isNotNull(), 1L).otherwise(0L)).as(FeedbackImpact.VICTIMS_CONTACTED),
                        sum(col(IN_TIME)).as(FeedbackImpact.VICTIMS_IN_TIME),
                        sum(col(IS_CLEARED)).as(FeedbackImpact.CLEARED),
                        sum(col(AMOUNT)).cast(AMOUNT_TYPE).as(FeedbackImpact.AMOUNT_PROTECTED))
                .withColumn(Published.BUSINESS_DATE, day(date))
                .select(FeedbackImpact.BANK, FeedbackImpact.MODEL, FeedbackImpact.WARNINGS_SENT,
                        FeedbackImpact.ACTED_ON, FeedbackImpact.FROZEN, FeedbackImpact.VICTIMS_CONTACTED,
                        FeedbackImpact.VICTIMS_IN_TIME, FeedbackImpact.CLEARED, FeedbackImpact.AMOUNT_PROTECTED,
                        Published.BUSINESS_DATE)
                .orderBy(FeedbackImpact.BANK, FeedbackImpact.MODEL);
    }
}

package org.fraudlake.publish.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.models.EntityKind;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.schemas.tables.Silver.BankFeedback;
import org.fraudlake.schemas.tables.Silver.CaseLabels;

/**
 * The report's aggregations, each a {@code Dataset -> Dataset} function over one table that returns a small frame
 * (one row per feed and source, per model and day, per bin...). No reads, no writes, no collects: {@link ReportJob}
 * reads the tables and collects these results. Every output is sorted, so a collect is deterministic.
 */
public final class ReportQueries {
    /** Column of {@link #thresholds} frames: the champion's registry threshold. */
    public static final String CHAMPION_THRESHOLD = "champion_threshold";
    public static final String SCORED = "scored";
    public static final String ALERTS = "alerts";
    public static final String BIN = "bin";
    public static final String ROWS = "rows";
    public static final String SENT = "sent_rows";
    public static final String LOADED_VERSION = "loaded_version";
    public static final String REJECTED = "rejected";
    public static final String CONFIRMED = "confirmed";
    public static final String CLEARED = "cleared";
    /** Warnings answered FROZEN: the action our warning asked for, shown apart from confirmations. */
    public static final String ACTED_ON = "acted_on";
    public static final String AT_RISK = "at_risk";
    public static final String CANDIDATES = "candidates";
    public static final String WITHIN_BUDGET = "within_budget";
    public static final String SENT_DETECTED = "sent_detected";
    public static final String SENT_ECHO = "sent_echo";
    public static final String SENT_ALL = "sent";
    public static final String CONFIRMED_DETECTED = "confirmed_detected";
    public static final String CLEARED_DETECTED = "cleared_detected";
    /** Columns of {@link #warningColumns}: the entity a label on the warning would name. */
    public static final String LABEL_TYPE = "label_type";
    public static final String LABEL_ID = "label_id";
    public static final String MEMBER_COUNT = "member_count";
    public static final String AMOUNT = "amount";
    /** Partner shown for warnings with no partner (a number no partner carrier holds). */
    public static final String NO_PARTNER = "(none)";

    /** The columns of gold/scores the funnel reads: what an absent table reads as (no rows). */
    public static final StructType SCORED_ENTITIES = StructType.fromDDL(Published.BUSINESS_DATE + " DATE, "
            + Scores.ENTITY_TYPE + " STRING, " + Scores.ENTITY_ID + " STRING, " + Scores.PARTNERS + " ARRAY<STRING>");
    /** The columns of gold/entity_risk the funnel reads: what an absent table reads as (no rows). */
    public static final StructType RISK_ENTITIES = SCORED_ENTITIES.add(EntityRisk.FIRES, "boolean");
    /** The label columns {@link #sentOutcomes} reads (silver/case_labels, and dispositions as labels). */
    public static final StructType CASE_LABELS = StructType.fromDDL(CaseLabels.ENTITY_TYPE + " STRING, "
            + CaseLabels.ENTITY_ID + " STRING, " + CaseLabels.LABEL + " STRING, " + CaseLabels.CONFIRMED_AT
            + " TIMESTAMP");

    /** bank_feedback actions ({@link Feeds.BankFeedback#ACTIONS}) that confirm or clear a warning. */
    static final String FEEDBACK_FROZEN = "FROZEN";
    static final String FEEDBACK_LOSS_PREVENTED = "LOSS_PREVENTED";
    static final String FEEDBACK_CLEARED = "CLEARED";

    private static final String RANK = "_rank";
    private static final String IS_CLEARED = "_is_cleared";
    private static final String IS_CONFIRMED = "_is_confirmed";
    private static final String IS_FROZEN = "_is_frozen";
    private static final String DETECTED = "_detected";
    /** The case-label entity type of a person. */
    private static final String PERSON_LABEL_TYPE = EntityKind.PERSON.labelType();
    /** Statuses of a warning that something fired for (sent, or queued over budget). */
    private static final String[] FIRED = {Published.Status.NEW.name(), Published.Status.ESCALATED.name(),
            Published.Status.QUEUED.name()};
    /** Statuses of a fired warning within its partner's budget. */
    private static final String[] WITHIN = {Published.Status.NEW.name(), Published.Status.ESCALATED.name()};

    private ReportQueries() {
    }

    static Column onDate(String column, LocalDate date) {
        return col(column).equalTo(lit(Date.valueOf(date)));
    }

    static Column between(String column, LocalDate from, LocalDate to) {
        return col(column).between(lit(Date.valueOf(from)), lit(Date.valueOf(to)));
    }

    /**
     * The ledger ({@code ops/deliveries}) for {@code date}, one row per feed and source: the latest decision's
     * status and files, the latest loaded version with its row counts (what bronze holds), and how many
     * rejections were recorded. Latest is by {@code decided_at}, then version.
     */
    public static Dataset<Row> deliveries(Dataset<Row> ledger, LocalDate date) {
        Dataset<Row> day = ledger.filter(onDate(DeliveryLedger.BUSINESS_DATE, date));
        WindowSpec latestFirst = Window.partitionBy(DeliveryLedger.FEED, DeliveryLedger.SOURCE)
                .orderBy(col(DeliveryLedger.DECIDED_AT).desc(), col(DeliveryLedger.VERSION).desc());
        Dataset<Row> latest = day.withColumn(RANK, row_number().over(latestFirst)).filter(col(RANK).equalTo(1))
                .select(col(DeliveryLedger.FEED), col(DeliveryLedger.SOURCE), col(DeliveryLedger.STATUS),
                        col(DeliveryLedger.FILES).cast("long").as(DeliveryLedger.FILES),
                        col(DeliveryLedger.ROWS_IN_FILES));
        Dataset<Row> loaded = day.filter(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.LOADED))
                .withColumn(RANK, row_number().over(latestFirst)).filter(col(RANK).equalTo(1))
                .select(col(DeliveryLedger.FEED), col(DeliveryLedger.SOURCE),
                        col(DeliveryLedger.VERSION).as(LOADED_VERSION), col(DeliveryLedger.ROWS_LOADED),
                        col(DeliveryLedger.ROWS_QUARANTINED));
        Dataset<Row> rejected = day.filter(col(DeliveryLedger.STATUS).equalTo(DeliveryLedger.REJECTED))
                .withColumn(RANK, row_number().over(latestFirst))
                .groupBy(DeliveryLedger.FEED, DeliveryLedger.SOURCE)
                .agg(count(lit(1)).as(REJECTED),
                        max(when(col(RANK).equalTo(1), col(DeliveryLedger.REASON_CODE))).as(DeliveryLedger.REASON_CODE),
                        max(when(col(RANK).equalTo(1), col(DeliveryLedger.REASON))).as(DeliveryLedger.REASON));
        String[] key = {DeliveryLedger.FEED, DeliveryLedger.SOURCE};
        return latest.join(loaded, seq(key), "left").join(rejected, seq(key), "left")
                .select(col(DeliveryLedger.FEED), col(DeliveryLedger.SOURCE), col(DeliveryLedger.STATUS),
                        col(LOADED_VERSION), col(DeliveryLedger.FILES), col(DeliveryLedger.ROWS_IN_FILES),
                        coalesce(col(DeliveryLedger.ROWS_LOADED), lit(0L)).as(DeliveryLedger.ROWS_LOADED),
                        coalesce(col(DeliveryLedger.ROWS_QUARANTINED), lit(0L)).as(DeliveryLedger.ROWS_QUARANTINED),
                        coalesce(col(REJECTED), lit(0L)).as(REJECTED), col(DeliveryLedger.REASON_CODE),
                        col(DeliveryLedger.REASON))
                .orderBy(col(DeliveryLedger.FEED), col(DeliveryLedger.SOURCE));
    }

    /** Quarantined rows of {@code date} per feed and reason code. */
    public static Dataset<Row> quarantineReasons(Dataset<Row> quarantineRows, LocalDate date) {
        return quarantineRows.filter(onDate(Quarantine.BUSINESS_DATE, date))
                .groupBy(Quarantine.FEED, Quarantine.REASON_CODE).agg(count(lit(1)).as(ROWS))
                .orderBy(col(Quarantine.FEED), col(ROWS).desc(), col(Quarantine.REASON_CODE));
    }

    /** Rejected deliveries of {@code date} ({@code quarantine/deliveries}), by feed, source and delivery. */
    public static Dataset<Row> rejections(Dataset<Row> quarantineDeliveries, LocalDate date) {
        return quarantineDeliveries.filter(onDate(Quarantine.BUSINESS_DATE, date))
                .select(Quarantine.FEED, Quarantine.SOURCE, Quarantine.DELIVERY_ID, Quarantine.REASON_CODE,
                        Quarantine.REASON)
                .distinct()
                .orderBy(Quarantine.FEED, Quarantine.SOURCE, Quarantine.DELIVERY_ID, Quarantine.REASON_CODE);
    }

    /**
     * Scored rows and alerts per model and day over {@code from..to}. A row alerts when its score is at least the
     * model's champion threshold ({@code thresholds}: {@link Scores#MODEL}, {@link #CHAMPION_THRESHOLD}); a model
     * without a champion falls back to each row's stored threshold. {@code thresholds} is small and broadcast.
     */
    public static Dataset<Row> alertsPerDay(Dataset<Row> scores, Dataset<Row> thresholds, LocalDate from,
                                            LocalDate to) {
        Column threshold = coalesce(col(CHAMPION_THRESHOLD), col(Scores.THRESHOLD));
        return scores.filter(between(Published.BUSINESS_DATE, from, to))
                .join(broadcast(thresholds), Scores.MODEL, "left")
                .groupBy(col(Scores.MODEL), col(Published.BUSINESS_DATE))
                .agg(count(lit(1)).as(SCORED),
                        sum(when(col(Scores.SCORE).geq(threshold), 1L).otherwise(0L)).as(ALERTS))
                .orderBy(Scores.MODEL, Published.BUSINESS_DATE);
    }

    /**
     * Rows per model and score bin on {@code date}: {@code bins} equal bins over [0, 1]; a score of exactly 1
     * falls in the last bin, anything outside [0, 1] in the first or last.
     */
    public static Dataset<Row> scoreHistogram(Dataset<Row> scores, LocalDate date, int bins) {
        Column bin = least(greatest(floor(col(Scores.SCORE).multiply(bins)), lit(0L)), lit((long) bins - 1))
                .cast("int");
        return scores.filter(onDate(Published.BUSINESS_DATE, date))
                .groupBy(col(Scores.MODEL), bin.as(BIN)).agg(count(lit(1)).as(ROWS))
                .orderBy(Scores.MODEL, BIN);
    }

    /**
     * A warnings table ({@code intercept_list} or {@code victim_warnings}) on {@code date}: rows and sent rows per
     * partner, action and status. A null partner is {@link #NO_PARTNER}.
     */
    public static Dataset<Row> decisions(Dataset<Row> warnings, LocalDate date) {
        return warnings.filter(onDate(Published.BUSINESS_DATE, date))
                .groupBy(coalesce(col(InterceptList.PARTNER), lit(NO_PARTNER)).as(InterceptList.PARTNER),
                        col(InterceptList.ACTION), col(InterceptList.STATUS))
                .agg(count(lit(1)).as(ROWS),
                        sum(when(col(InterceptList.SENT), 1L).otherwise(0L)).as(SENT))
                .orderBy(InterceptList.PARTNER, InterceptList.ACTION, InterceptList.STATUS);
    }

    /** The {@code n} highest-scoring warnings on {@code date}, those sent that night first (ties by warning id). */
    public static Dataset<Row> topWarnings(Dataset<Row> warnings, LocalDate date, int n) {
        return warnings.filter(onDate(Published.BUSINESS_DATE, date))
                .select(col(InterceptList.WARNING_ID), col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE),
                        col(InterceptList.ENTITY_ID), col(InterceptList.WARNING_TYPE), col(InterceptList.ACTION),
                        col(InterceptList.STATUS), coalesce(col(InterceptList.SENT), lit(false)).as(InterceptList.SENT),
                        col(InterceptList.SCORE).cast("double").as(InterceptList.SCORE), col(InterceptList.MODELS),
                        col(InterceptList.REASONS))
                .orderBy(col(InterceptList.SENT).desc(), col(InterceptList.SCORE).desc_nulls_last(),
                        col(InterceptList.WARNING_ID))
                .limit(n);
    }

    /** Leads on {@code date} per typology: how many, and the sum of their evidence amounts. */
    public static Dataset<Row> leadsByTypology(Dataset<Row> leads, LocalDate date) {
        return leads.filter(onDate(Published.BUSINESS_DATE, date))
                .groupBy(Leads.TYPOLOGY)
                .agg(count(lit(1)).as(ROWS), sum(col(Leads.TOTAL_AMOUNT)).cast("decimal(38,2)").as(AMOUNT))
                .orderBy(col(ROWS).desc(), col(Leads.TYPOLOGY));
    }

    /** The {@code n} highest-scoring leads on {@code date} (ties by lead id). */
    public static Dataset<Row> topLeads(Dataset<Row> leads, LocalDate date, int n) {
        return leads.filter(onDate(Published.BUSINESS_DATE, date))
                .select(col(Leads.LEAD_ID), col(Leads.TYPOLOGY), size(col(Leads.MEMBERS)).cast("long").as(MEMBER_COUNT),
                        col(Leads.TOTAL_AMOUNT).cast("decimal(38,2)").as(AMOUNT),
                        col(Leads.TXN_COUNT).cast("long").as(Leads.TXN_COUNT),
                        col(Leads.SCORE).cast("double").as(Leads.SCORE))
                .orderBy(col(Leads.SCORE).desc(), col(Leads.LEAD_ID)).limit(n);
    }

    /** The {@code n} largest incident series on {@code date} (ties by series id). */
    public static Dataset<Row> topSeries(Dataset<Row> series, LocalDate date, int n) {
        return series.filter(onDate(Published.BUSINESS_DATE, date))
                .select(col(IncidentSeries.SERIES_ID), col(IncidentSeries.CATEGORY),
                        col(IncidentSeries.MEMBER_COUNT).cast("long").as(IncidentSeries.MEMBER_COUNT),
                        col(IncidentSeries.COMMUNITIES), col(IncidentSeries.MODUS_OPERANDI),
                        col(IncidentSeries.FIRST_OCCURRED), col(IncidentSeries.LAST_OCCURRED),
                        col(IncidentSeries.OPEN))
                .orderBy(col(IncidentSeries.MEMBER_COUNT).desc(), col(IncidentSeries.SERIES_ID)).limit(n);
    }

    /** Series on {@code date}: how many, and how many are still open. */
    public static Dataset<Row> seriesCounts(Dataset<Row> series, LocalDate date) {
        return series.filter(onDate(Published.BUSINESS_DATE, date))
                .agg(count(lit(1)).as(ROWS), sum(when(col(IncidentSeries.OPEN), 1L).otherwise(0L)).as(IncidentSeries.OPEN));
    }

    /**
     * The feedback impact rows of {@code date}, counts as longs and the amount as an exact decimal, by bank then
     * model ({@link FeedbackImpact}).
     */
    public static Dataset<Row> feedbackImpact(Dataset<Row> impact, LocalDate date) {
        return impact.filter(onDate(Published.BUSINESS_DATE, date))
                .select(col(FeedbackImpact.BANK), col(FeedbackImpact.MODEL),
                        col(FeedbackImpact.WARNINGS_SENT).cast("long").as(FeedbackImpact.WARNINGS_SENT),
                        col(FeedbackImpact.ACTED_ON).cast("long").as(FeedbackImpact.ACTED_ON),
                        col(FeedbackImpact.FROZEN).cast("long").as(FeedbackImpact.FROZEN),
                        col(FeedbackImpact.VICTIMS_CONTACTED).cast("long").as(FeedbackImpact.VICTIMS_CONTACTED),
                        col(FeedbackImpact.VICTIMS_IN_TIME).cast("long").as(FeedbackImpact.VICTIMS_IN_TIME),
                        col(FeedbackImpact.CLEARED).cast("long").as(FeedbackImpact.CLEARED),
                        coalesce(col(FeedbackImpact.AMOUNT_PROTECTED), lit(0)).cast("decimal(38,2)")
                                .as(FeedbackImpact.AMOUNT_PROTECTED))
                .orderBy(FeedbackImpact.BANK, FeedbackImpact.MODEL);
    }

    /**
     * Bank feedback ({@code silver/bank_feedback}) over {@code from..to} by the business date it arrived: per day,
     * warnings confirmed (LOSS_PREVENTED: the bank found and stopped the crime), cleared (CLEARED) and acted on
     * (FROZEN). FROZEN is only the action our warning asked for, not a verdict, so it is counted apart and never
     * as a confirmation (as in {@code FeedbackLabels}). A warning counts once a day: cleared if it was cleared
     * that day, else confirmed if a loss was prevented. Other answers (MONITORED, VICTIM_CONTACTED, NOT_FOUND) are
     * left out.
     */
    public static Dataset<Row> feedbackVerdicts(Dataset<Row> feedback, LocalDate from, LocalDate to) {
        Column action = col(BankFeedback.ACTION);
        return feedback.filter(between(Published.BUSINESS_DATE, from, to))
                .filter(action.isin(FEEDBACK_FROZEN, FEEDBACK_LOSS_PREVENTED, FEEDBACK_CLEARED))
                .groupBy(col(Published.BUSINESS_DATE), col(BankFeedback.BANK), col(BankFeedback.WARNING_ID))
                .agg(flag(action.equalTo(FEEDBACK_CLEARED)).as(IS_CLEARED),
                        flag(action.equalTo(FEEDBACK_LOSS_PREVENTED)).as(IS_CONFIRMED),
                        flag(action.equalTo(FEEDBACK_FROZEN)).as(IS_FROZEN))
                .groupBy(Published.BUSINESS_DATE)
                .agg(sum(when(col(IS_CLEARED).equalTo(0).and(col(IS_CONFIRMED).equalTo(1)), 1L).otherwise(0L))
                                .as(CONFIRMED),
                        sum(col(IS_CLEARED).cast("long")).as(CLEARED),
                        sum(col(IS_FROZEN).cast("long")).as(ACTED_ON))
                .orderBy(Published.BUSINESS_DATE);
    }

    /** 1 when {@code condition} holds for any row of the group, else 0 (an aggregate). */
    private static Column flag(Column condition) {
        return max(when(condition, 1).otherwise(0));
    }

    /**
     * The columns of a published warnings table the funnel and the outcomes read, with {@link
     * InterceptList#KNOWN_BY} null (a detection) where the table predates that column, and the entity a label
     * would name ({@link #LABEL_TYPE}, {@link #LABEL_ID}): the person of a victim warning when known, else the
     * warned entity.
     */
    public static Dataset<Row> warningColumns(Dataset<Row> warnings) {
        java.util.List<String> columns = java.util.Arrays.asList(warnings.columns());
        Column knownBy = columns.contains(InterceptList.KNOWN_BY) ? col(InterceptList.KNOWN_BY)
                : lit(null).cast("string");
        Column person = columns.contains(VictimWarnings.PERSON_ID) ? col(VictimWarnings.PERSON_ID)
                : lit(null).cast("string");
        return warnings.select(col(Published.BUSINESS_DATE), col(InterceptList.WARNING_ID),
                coalesce(col(InterceptList.PARTNER), lit(NO_PARTNER)).as(InterceptList.PARTNER),
                col(InterceptList.STATUS), coalesce(col(InterceptList.SENT), lit(false)).as(InterceptList.SENT),
                knownBy.as(InterceptList.KNOWN_BY),
                when(person.isNotNull(), lit(PERSON_LABEL_TYPE)).otherwise(col(InterceptList.ENTITY_TYPE))
                        .as(LABEL_TYPE),
                coalesce(person, col(InterceptList.ENTITY_ID)).as(LABEL_ID));
    }

    /**
     * The funnel of {@code date}, one row per partner: entities scored ({@link #SCORED}: distinct entities of
     * the partner in gold/scores, any model), at risk ({@link #AT_RISK}: distinct entities of the partner whose
     * gold/entity_risk row fires), candidate warnings ({@link #CANDIDATES}: rows whose status is NEW, ESCALATED or
     * QUEUED, i.e. something fired), within budget ({@link #WITHIN_BUDGET}: NEW and ESCALATED) and sent, split into
     * detections ({@link #SENT_DETECTED}, {@code known_by} null) and echoes of what was known ({@link #SENT_ECHO}).
     * An entity with no partner, and a warning with none, count for {@link #NO_PARTNER}.
     *
     * <p>{@code warnings} is both published tables through {@link #warningColumns}, unioned. Cost: one group-by per
     * input (scores and entity risk after exploding their partners) and two full outer joins of the per-partner
     * results, which have a row per partner.
     */
    public static Dataset<Row> funnel(Dataset<Row> scores, Dataset<Row> entityRisk, Dataset<Row> warnings,
                                      LocalDate date) {
        Dataset<Row> scored = entitiesPerPartner(scores.filter(onDate(Published.BUSINESS_DATE, date)), SCORED);
        Dataset<Row> atRisk = entitiesPerPartner(entityRisk.filter(onDate(Published.BUSINESS_DATE, date))
                .filter(col(EntityRisk.FIRES).equalTo(true)), AT_RISK);
        Column status = col(InterceptList.STATUS);
        Column sent = col(InterceptList.SENT);
        Dataset<Row> decided = warnings.filter(onDate(Published.BUSINESS_DATE, date))
                .groupBy(InterceptList.PARTNER)
                .agg(rowsWhere(status.isin(FIRED)), rowsWhere(status.isin(WITHIN)),
                        sum(when(sent.and(col(InterceptList.KNOWN_BY).isNull()), 1L).otherwise(0L)),
                        sum(when(sent.and(col(InterceptList.KNOWN_BY).isNotNull()), 1L).otherwise(0L)))
                .toDF(InterceptList.PARTNER, CANDIDATES, WITHIN_BUDGET, SENT_DETECTED, SENT_ECHO);
        Dataset<Row> all = scored.join(atRisk, seq(InterceptList.PARTNER), "full_outer")
                .join(decided, seq(InterceptList.PARTNER), "full_outer");
        return all.select(col(InterceptList.PARTNER), zero(SCORED), zero(AT_RISK), zero(CANDIDATES),
                        zero(WITHIN_BUDGET), zero(SENT_DETECTED), zero(SENT_ECHO))
                .orderBy(InterceptList.PARTNER);
    }

    /** Rows of the group where {@code condition} holds, as a long (a null condition counts as false). */
    private static Column rowsWhere(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    private static Column zero(String column) {
        return coalesce(col(column), lit(0L)).as(column);
    }

    /** Distinct entities per partner, each entity counted for every partner it has (or {@link #NO_PARTNER}). */
    private static Dataset<Row> entitiesPerPartner(Dataset<Row> rows, String as) {
        return rows.select(col(Scores.ENTITY_TYPE), col(Scores.ENTITY_ID),
                        explode_outer(col(Scores.PARTNERS)).as(InterceptList.PARTNER))
                .groupBy(coalesce(col(InterceptList.PARTNER), lit(NO_PARTNER)).as(InterceptList.PARTNER))
                .agg(countDistinct(col(Scores.ENTITY_TYPE), col(Scores.ENTITY_ID)).as(as));
    }

    /** The {@link #CASE_LABELS} columns of a labels frame (silver/case_labels, or dispositions as labels). */
    public static Dataset<Row> labelColumns(Dataset<Row> labels) {
        return labels.select(col(CaseLabels.ENTITY_TYPE), col(CaseLabels.ENTITY_ID), col(CaseLabels.LABEL),
                col(CaseLabels.CONFIRMED_AT));
    }

    /**
     * What became of the warnings sent over {@code from..to}, by the day they were sent: one row per day with
     * warnings sent ({@link #SENT_ALL}) and those later confirmed ({@link #CONFIRMED}) or cleared ({@link
     * #CLEARED}), and the same for the detections alone ({@link #SENT_DETECTED}, {@link #CONFIRMED_DETECTED},
     * {@link #CLEARED_DETECTED}: warnings whose {@code known_by} is null, the not-yet-named).
     *
     * <p>A warning is confirmed by a LOSS_PREVENTED answer of its partner ({@code feedback}, silver/bank_feedback
     * arrived by {@code to}), or by a positive label on the entity it names ({@code labels}: entity_type,
     * entity_id, label, confirmed_at, as silver/case_labels and the analysts' dispositions give them) dated from
     * the day it was sent to {@code to}. It is cleared by a CLEARED answer or a CLEARED label in that time; cleared
     * wins over confirmed, as in {@link #feedbackVerdicts}. FROZEN confirms nothing. {@code warnings} is both
     * tables through {@link #warningColumns}. Cost: two small joins and two group-bys over the sent rows.
     */
    public static Dataset<Row> sentOutcomes(Dataset<Row> warnings, Dataset<Row> feedback, Dataset<Row> labels,
                                            LocalDate from, LocalDate to) {
        Dataset<Row> sent = warnings.filter(between(Published.BUSINESS_DATE, from, to))
                .filter(col(InterceptList.SENT))
                .select(col(Published.BUSINESS_DATE), col(InterceptList.WARNING_ID), col(InterceptList.PARTNER),
                        col(LABEL_TYPE), col(LABEL_ID), col(InterceptList.KNOWN_BY).isNull().as(DETECTED));
        Column action = col(BankFeedback.ACTION);
        Dataset<Row> answers = feedback.filter(col(Published.BUSINESS_DATE).leq(lit(Date.valueOf(to))))
                .filter(action.isin(FEEDBACK_LOSS_PREVENTED, FEEDBACK_CLEARED))
                .groupBy(col(BankFeedback.BANK).as("_bank"), col(BankFeedback.WARNING_ID).as("_wid"))
                .agg(flag(action.equalTo(FEEDBACK_LOSS_PREVENTED)).as("_fb_confirmed"),
                        flag(action.equalTo(FEEDBACK_CLEARED)).as("_fb_cleared"));
        Dataset<Row> dated = labels.select(col(CaseLabels.ENTITY_TYPE).as("_type"),
                col(CaseLabels.ENTITY_ID).as("_id"), col(CaseLabels.LABEL).as("_label"),
                AsOf.cityDate(col(CaseLabels.CONFIRMED_AT)).as("_label_date"))
                .filter(col("_label_date").leq(lit(Date.valueOf(to))));
        Dataset<Row> joined = sent
                .join(answers, col(InterceptList.WARNING_ID).equalTo(col("_wid"))
                        .and(col(InterceptList.PARTNER).equalTo(col("_bank"))), "left")
                .join(dated, col(LABEL_TYPE).equalTo(col("_type")).and(col(LABEL_ID).equalTo(col("_id")))
                        .and(col("_label_date").geq(col(Published.BUSINESS_DATE))), "left");
        Column labelCleared = col("_label").equalTo(FEEDBACK_CLEARED);
        Dataset<Row> perWarning = joined
                .groupBy(col(Published.BUSINESS_DATE), col(InterceptList.WARNING_ID), col(DETECTED))
                .agg(flag(col("_fb_confirmed").equalTo(1).or(col("_label").isNotNull().and(not(labelCleared))))
                                .as(IS_CONFIRMED),
                        flag(col("_fb_cleared").equalTo(1).or(labelCleared)).as(IS_CLEARED));
        Column confirmed = col(IS_CONFIRMED).equalTo(1).and(col(IS_CLEARED).equalTo(0));
        Column cleared = col(IS_CLEARED).equalTo(1);
        Column detected = col(DETECTED);
        return perWarning.groupBy(Published.BUSINESS_DATE)
                .agg(count(lit(1)).as(SENT_ALL), rowsWhere(confirmed).as(CONFIRMED), rowsWhere(cleared).as(CLEARED),
                        rowsWhere(detected).as(SENT_DETECTED), rowsWhere(detected.and(confirmed)).as(CONFIRMED_DETECTED),
                        rowsWhere(detected.and(cleared)).as(CLEARED_DETECTED))
                .orderBy(Published.BUSINESS_DATE);
    }

    private static scala.collection.immutable.Seq<String> seq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
    }
}

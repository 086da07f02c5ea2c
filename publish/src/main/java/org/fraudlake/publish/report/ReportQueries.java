package org.fraudlake.publish.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
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
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.schemas.tables.Silver.BankFeedback;

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
    public static final String MEMBER_COUNT = "member_count";
    public static final String AMOUNT = "amount";
    /** Partner shown for warnings with no partner (a number no partner carrier holds). */
    public static final String NO_PARTNER = "(none)";

    /** bank_feedback actions ({@link Feeds.BankFeedback#ACTIONS}) that confirm or clear a warning. */
    static final String FEEDBACK_FROZEN = "FROZEN";
    static final String FEEDBACK_LOSS_PREVENTED = "LOSS_PREVENTED";
    static final String FEEDBACK_CLEARED = "CLEARED";

    private static final String RANK = "_rank";
    private static final String IS_CLEARED = "_is_cleared";

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
     * Bank feedback ({@code silver/bank_feedback}) over {@code from..to} by the business date it arrived: warnings
     * confirmed (FROZEN or LOSS_PREVENTED) and cleared (CLEARED) per day. A warning counts once a day: cleared if
     * it was cleared that day, else confirmed. Other answers (MONITORED, VICTIM_CONTACTED, NOT_FOUND) say nothing
     * about precision and are left out.
     */
    public static Dataset<Row> feedbackVerdicts(Dataset<Row> feedback, LocalDate from, LocalDate to) {
        return feedback.filter(between(Published.BUSINESS_DATE, from, to))
                .filter(col(BankFeedback.ACTION).isin(FEEDBACK_FROZEN, FEEDBACK_LOSS_PREVENTED, FEEDBACK_CLEARED))
                .groupBy(col(Published.BUSINESS_DATE), col(BankFeedback.BANK), col(BankFeedback.WARNING_ID))
                .agg(max(when(col(BankFeedback.ACTION).equalTo(FEEDBACK_CLEARED), 1).otherwise(0)).as(IS_CLEARED))
                .groupBy(Published.BUSINESS_DATE)
                .agg(sum(when(col(IS_CLEARED).equalTo(0), 1L).otherwise(0L)).as(CONFIRMED),
                        sum(col(IS_CLEARED).cast("long")).as(CLEARED))
                .orderBy(Published.BUSINESS_DATE);
    }

    private static scala.collection.immutable.Seq<String> seq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toSeq();
    }
}

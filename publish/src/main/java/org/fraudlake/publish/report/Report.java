package org.fraudlake.publish.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The numbers of one nightly report, as {@code report.json} holds them and {@code report.html} shows them. Plain
 * immutable values, collected once by {@link ReportJob#collect}; both renderers read only this. Every field
 * derives from the lake's tables for the business date, never from the clock, so the same lake gives the same
 * report. Fractions that are undefined (no positives, no feedback) are {@code null}, never NaN.
 *
 * @param businessDate   the night's business date D
 * @param windowDays     days of the alert-volume window, ending on D
 * @param feedbackDays   days of the precision-over-days window, ending on D
 * @param warmUp         whether D is a warm-up night (no champion model yet), its days of history and when the
 *                       models first train
 * @param inputs         the delivery ledger and quarantine for D
 * @param models         the registry's champions and their validation metrics
 * @param alerts         alerts per model and day over the window, at each champion's registry threshold
 * @param scores         score histograms per model on D
 * @param interceptList  published/intercept_list on D by action and partner
 * @param victimWarnings published/victim_warnings on D by action and partner
 * @param funnel         per partner on D: entities scored, at risk, warnings fired, within budget and sent
 * @param leads          published/leads on D
 * @param incidentSeries published/incident_series on D
 * @param feedback       published/feedback_impact on D: what the warnings achieved, amount protected
 * @param precision      confirmed versus cleared feedback per day over the feedback window
 * @param outcomes       what became of the warnings sent each day of the feedback window, all of them and the
 *                       detections (the not-yet-named) alone
 */
public record Report(LocalDate businessDate, int windowDays, int feedbackDays, Section<WarmUp> warmUp,
                     Section<Inputs> inputs, Section<Models> models, Section<AlertVolumes> alerts,
                     Section<ScoreDistributions> scores, Section<Decisions> interceptList,
                     Section<Decisions> victimWarnings, Section<Funnel> funnel, Section<Leads> leads,
                     Section<IncidentSeries> incidentSeries, Section<Feedback> feedback,
                     Section<Precision> precision, Section<Outcomes> outcomes) {

    /** What a section says when its source table does not exist yet. */
    public static final String NOT_RUN_YET = "not run yet";
    public static final String OK = "ok";
    /** The source exists but could not be read as expected; {@link Section#note} says why. */
    public static final String FAILED = "failed";

    /**
     * One part of the report.
     *
     * @param status {@link #OK}, {@link #NOT_RUN_YET} or {@link #FAILED}
     * @param note   which table was missing or what went wrong; null when ok
     * @param data   the figures; null unless ok
     */
    public record Section<T>(String status, String note, T data) {
        public static <T> Section<T> ok(T data) {
            return new Section<>(OK, null, data);
        }

        public static <T> Section<T> notRunYet(String missingTable) {
            return new Section<>(NOT_RUN_YET, missingTable + " " + NOT_RUN_YET, null);
        }

        public static <T> Section<T> failed(String why) {
            return new Section<>(FAILED, why, null);
        }

        public boolean isOk() {
            return OK.equals(status);
        }
    }

    /**
     * Warm-up: the nights before the first models train, when warnings come from traced victim money only.
     *
     * @param warmUp         true while the registry holds no champion (the score stage skips; no model fires)
     * @param historyDays    days of features up to D (gold/features_account_daily)
     * @param firstTrainDays days of features the first training needs ({@code train.first-after-days})
     * @param trained        whether any model version is registered (trained, but maybe none a champion)
     * @param modelsFrom     the first night whose train stage has enough history, one feature day per night
     *                       assumed; D + 1 once there is enough; null after warm-up
     * @param line           the report's one-line statement of it; null after warm-up
     */
    public record WarmUp(boolean warmUp, long historyDays, int firstTrainDays, boolean trained, LocalDate modelsFrom,
                         String line) {
    }

    /**
     * From scores to warnings on D, per partner.
     *
     * @param partners one row per partner with anything scored, at risk or decided, by partner
     * @param total    the rows summed (an entity of several partners counts for each)
     */
    public record Funnel(List<FunnelStep> partners, FunnelStep total) {
    }

    /**
     * One partner's funnel on D.
     *
     * @param scored       distinct entities of the partner in gold/scores (any model)
     * @param atRisk       of those, entities whose gold/entity_risk fires (0 while that table does not exist)
     * @param fired        warnings something fired for: status NEW, ESCALATED or QUEUED (the operating points)
     * @param withinBudget of those, NEW and ESCALATED (QUEUED ones are over the partner's budget, not sent)
     * @param sentDetected warnings sent that no label, police report or trace had named ({@code known_by} null)
     * @param sentEcho     warnings sent that echo what was known
     */
    public record FunnelStep(String partner, long scored, long atRisk, long fired, long withinBudget,
                             long sentDetected, long sentEcho) {
    }

    /**
     * What became of the warnings sent each day over the feedback window: confirmed (LOSS_PREVENTED, or a later
     * positive case label or analyst's CONFIRMED disposition on the entity) or cleared, for all warnings sent
     * and for the detections alone ({@code known_by} null: the not-yet-named, what the models add).
     *
     * @param days only days with warnings sent
     * @param total the days summed (date null)
     */
    public record Outcomes(LocalDate from, LocalDate to, List<OutcomeDay> days, OutcomeDay total) {
    }

    public record OutcomeDay(LocalDate date, long sent, long confirmed, long cleared, Double precision,
                             long sentDetected, long confirmedDetected, long clearedDetected,
                             Double precisionDetected) {
    }

    /**
     * The delivery ledger for D.
     *
     * @param deliveries        one row per feed and source that delivered for D
     * @param feeds             the same summed per feed, in ingest order
     * @param feedsWithout      feeds of the contract with no delivery decided for D
     * @param quarantineReasons quarantined rows of D per feed and reason code (empty when quarantine/rows does not
     *                          exist: no bad row has been seen yet)
     * @param rejections        the rejected deliveries of D with their reasons
     */
    public record Inputs(List<Delivery> deliveries, List<FeedTotals> feeds, List<String> feedsWithout,
                         List<ReasonCount> quarantineReasons, List<Rejection> rejections, FeedTotals total) {
    }

    /**
     * One feed and source for D.
     *
     * @param status          the latest decision: LOADED or REJECTED
     * @param loadedVersion   the version of the latest loaded delivery (the one bronze holds); null if none
     * @param rowsLoaded      rows of that delivery in bronze
     * @param rowsQuarantined bad rows of that delivery in quarantine/rows
     * @param rejected        rejected deliveries (decisions) for this feed, source and date
     * @param reasonCode      reason of the latest rejection; null if none
     */
    public record Delivery(String feed, String source, String status, Integer loadedVersion, long files,
                           long rowsInFiles, long rowsLoaded, long rowsQuarantined, long rejected, String reasonCode,
                           String reason) {
    }

    /** Sums over the sources of a feed (or over all feeds, with feed {@code ALL}). */
    public record FeedTotals(String feed, long sources, long loaded, long rejected, long rowsLoaded,
                             long rowsQuarantined) {
    }

    public record ReasonCount(String feed, String reasonCode, long rows) {
    }

    public record Rejection(String feed, String source, String deliveryId, String reasonCode, String reason) {
    }

    /**
     * The registry.
     *
     * @param champions       one per model with a champion, by model name
     * @param withoutChampion models in the registry with no champion (all versions challengers or retired)
     */
    public record Models(List<Champion> champions, List<String> withoutChampion) {
    }

    /**
     * A champion and its metrics on its own validation window (group ALL unless said otherwise).
     *
     * @param aucPrUnknown        AUC-PR over the entities no label or police report had named when scored
     * @param precisionAtK        share of positives among the k highest scores
     * @param baseRate            share of positives among the entities evaluated
     * @param challengers         versions of the model that are challengers
     */
    public record Champion(String model, int version, String entity, String algorithm, LocalDate asOf,
                           LocalDate validFrom, LocalDate validTo, Double threshold, Double aucPr,
                           Double aucPrUnknown, Integer k, Double precisionAtK, Double precisionAtKUnknown,
                           Double baseRate, Long entities, Long positives, Long alertsAtThreshold,
                           Double precisionAtThreshold, Double recallAtThreshold, long challengers) {
    }

    /**
     * Alerts over the window: gold/scores rows with score at or above the model's champion threshold.
     *
     * @param days      every day of the window, oldest first
     * @param perDay    alerts of all models per day, aligned with {@code days}
     */
    public record AlertVolumes(LocalDate from, LocalDate to, List<LocalDate> days, List<Long> perDay,
                               List<AlertSeries> models) {
    }

    /**
     * One model's alerts per day, aligned with {@link AlertVolumes#days}.
     *
     * @param threshold       the champion's registry threshold; null when the model has no champion
     * @param thresholdSource {@code registry v<N>}, or {@code scores} when each row's stored threshold was used
     * @param scored          rows scored per day (0: the model did not score that day)
     */
    public record AlertSeries(String model, Double threshold, String thresholdSource, List<Long> scored,
                              List<Long> alerts, long totalAlerts) {
    }

    /**
     * Score histograms on D: {@code bins} equal bins over [0, 1], the last one closed.
     *
     * @param edges {@code bins + 1} bin edges, 0 to 1
     */
    public record ScoreDistributions(int bins, List<Double> edges, List<Histogram> models) {
    }

    public record Histogram(String model, Double threshold, long scored, long alerts, List<Long> counts) {
    }

    /**
     * A published warnings table on D: every row still valid on D (status NEW, ESCALATED, ACTIVE, WITHDRAWN).
     *
     * @param sent rows in that night's outbox
     * @param top  the highest-scoring warnings, those sent that night first
     */
    public record Decisions(long warnings, long sent, List<ActionCount> byAction, List<StatusCount> byStatus,
                            List<PartnerAction> byPartnerAction, List<Warning> top) {
    }

    /** One warning as published; {@code entityId} is a token, never a raw identifier. */
    public record Warning(String warningId, String partner, String entityType, String entityId, String warningType,
                          String action, String status, boolean sent, double score, List<String> models,
                          List<String> reasons) {
    }

    public record ActionCount(String action, long warnings, long sent) {
    }

    public record StatusCount(String status, long warnings) {
    }

    /** Partner {@code (none)} is a number no partner carrier holds. */
    public record PartnerAction(String partner, String action, long warnings, long sent, long newWarnings,
                                long escalated, long active, long withdrawn) {
    }

    /** Leads on D: counts and amounts per typology and the highest-scoring ones. */
    public record Leads(long total, List<TypologyCount> byTypology, List<Lead> top) {
    }

    public record TypologyCount(String typology, long leads, BigDecimal totalAmount) {
    }

    public record Lead(String leadId, String typology, long members, BigDecimal totalAmount, long txnCount,
                       double score) {
    }

    /** Incident series on D, the largest first. */
    public record IncidentSeries(long total, long open, List<Series> top) {
    }

    /** Times are UTC, ISO-8601. */
    public record Series(String seriesId, String category, long memberCount, List<String> communities,
                         List<String> modusOperandi, String firstOccurred, String lastOccurred, boolean open) {
    }

    /**
     * published/feedback_impact on D.
     *
     * @param byBank  each bank's total (model {@code ALL})
     * @param byModel each model summed over the banks (bank {@code ALL}); a warning several models fired on
     *                counts for each, so these do not add up to the total
     * @param total   the bank totals summed (bank and model {@code ALL})
     */
    public record Feedback(List<Impact> byBank, List<Impact> byModel, Impact total) {
    }

    public record Impact(String bank, String model, long warningsSent, long actedOn, long frozen,
                         long victimsContacted, long victimsInTime, long cleared, BigDecimal amountProtected) {
    }

    /**
     * Warnings the banks confirmed (LOSS_PREVENTED) versus cleared (CLEARED), by the business date the feedback
     * arrived; a warning counts once per day, as cleared if it was cleared that day. Warnings answered FROZEN are
     * counted apart as acted on: a freeze is the action the warning asked for, not a verdict on it.
     *
     * @param days only days with such feedback
     */
    public record Precision(LocalDate from, LocalDate to, List<PrecisionDay> days, long confirmed, long cleared,
                            Double precision, long actedOn) {
    }

    public record PrecisionDay(LocalDate date, long confirmed, long cleared, Double precision, long actedOn) {
    }

    /** {@code confirmed / (confirmed + cleared)}; null when both are 0. */
    static Double share(long confirmed, long cleared) {
        long n = confirmed + cleared;
        return n == 0 ? null : (double) confirmed / n;
    }
}

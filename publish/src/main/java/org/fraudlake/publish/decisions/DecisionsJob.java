package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.Registry;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Published.Action;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.BankFeedback;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver;

/**
 * The decisions of business date D: one warning per entity from the champions' scores, the fund traces and the
 * leads of D, written as {@code published/intercept_list} (accounts and numbers) and
 * {@code published/victim_warnings} (the accounts of persons at risk), each replacing D's partition only.
 *
 * <p><b>When a model fires.</b> On the entity it scored when the score of its champion version (gold/scores of D)
 * is at or above that version's operating threshold in the model registry, chosen at validation (not the threshold
 * copied into gold/scores), with at least one reason, as {@code gold/scores.alert} requires. Scores of a version
 * that is not the champion do not count (reported), nor do models missing from the catalog.
 *
 * <p><b>Where a warning goes.</b> Account models warn on the account (partner: its bank); phone models on the
 * number (partner: the carrier holding it in silver subscribers, null when no partner carrier does, so every carrier
 * blocks it at its gateway; the current holder is used even on a re-run of an old date, since a null would hand a
 * carrier's customer to every carrier). Person and company models (account renting, the economic-crime lead models)
 * warn on every account the person or company holds; a lead model also on the accounts running the scheme
 * ({@link Evidence#SUSPECT_ROLES}) in the day's published leads of its typology that name the scored entity. Victim
 * models (CONTACT_VICTIM) warn in victim_warnings, one row per account the person holds, at that account's bank.
 * Traced victim money still held at the end of D (gold/fund_traces, amount_held &gt; 0) is evidence on the account by
 * itself, named {@code fund_trace} among the models, with score {@link Settings#traceScore}, where its precision
 * learned from the lake's labels per hop ({@code TraceEstimates}) reaches {@link TraceLearning#minPrecision}. The
 * persons a number flagged tonight talked to at length in the last days get victim warnings too, before they pay
 * ({@code FlaggedCallers}, named {@code flagged_caller}), scored by the share of such persons that police reports
 * named as victims after earlier nights' lists ({@link CallerWarnings}).
 *
 * <p><b>Entity risk.</b> gold/entity_risk of D (the score stage's stacks, {@code EntityRiskJob}) is evidence by
 * itself where an entity's risk reached its stack's operating point (model {@code entity_risk}, with the estimated
 * precision of that risk and the reasons of the models that drove it), and the published score and the budgets'
 * ranking are the warned entity's risk wherever it has one ({@link Decide#rankedByRisk}).
 *
 * <p><b>One decision per entity.</b> score = the entity's risk, else the highest score among the evidence; models = the evidence by score
 * descending (name on a tie); warning_type = the strongest model's, from its typology ({@link ModelRule#warningType});
 * reasons = the first {@link Settings#reasonsPerModel} reasons of each model in that order, distinct, at most
 * {@link Settings#maxReasons}. Accounts are FROZEN and numbers BLOCKED only on estimated precision: some freeze or
 * block evidence whose precision (the model's precision at its threshold on the not-yet-named entities of its
 * validation window, from the registry; for traced money held, the estimate learned per hop) reaches
 * {@link Settings#freezeMinPrecision} (accounts) or {@link Settings#blockMinPrecision} (numbers); else MONITOR.
 * How many models agree does not count: account scorecards share features. A champion without an operating point
 * never fires. Victims: CONTACT_VICTIM.
 *
 * <p><b>Named and detected.</b> A decision that echoes what was known by the end of D carries
 * {@link InterceptList#KNOWN_BY} ({@link Echoes}): CASE_LABEL, POLICE_REPORT or FUND_TRACE; a detection carries
 * null. Echoes are sent like detections (they protect money) and counted apart ({@code <table>.sent.echo}).
 *
 * <p><b>Budgets.</b> The night's new warnings (NEW and ESCALATED) that are detections are ranked per partner and
 * action by risk (today the decision's score), ties by entity; past the partner's {@link Budget} they are QUEUED:
 * in the table for the console, not sent, and not held (the next night decides them afresh); a queued escalation
 * leaves the held warning ACTIVE. Echoes take no budget: their number is bounded by the day's reports, labels
 * and traces, not by any threshold, and a known mule holding victim money must not wait for a detection to be
 * worked. Budgets are scaled to the partner's accounts (banks) or numbers (carriers); numbers no partner carrier
 * holds get the floors ({@link Budgets#of}). A warning is valid from its valid_from to valid_until = valid_from + the action's validity
 * ({@link Settings#validityDays}) inclusive.
 *
 * <p><b>Continuity.</b> The held warnings are the table's rows of the latest earlier date that are neither WITHDRAWN
 * nor QUEUED and still valid on D. For each key (partner, entity type, entity, person):
 * <ul>
 *   <li>held and cleared, by a CLEARED case label confirmed on or after its valid_from (standing at the end of D:
 *   no later non-CLEARED label; a label on the holding person or company counts for its accounts and numbers) or by
 *   the bank's CLEARED feedback on its warning_id (from the warning's partner; an answer to an id an escalation
 *   has since replaced does not withdraw the escalation): a WITHDRAWN row, never sent; the key is then suppressed
 *   while the withdrawn warning would have been valid;</li>
 *   <li>held, and tonight's decision is stronger (FREEZE/BLOCK over MONITOR, or the same rank in a higher
 *   {@link Settings#scoreBands} band than the held score): ESCALATED, a new warning_id and valid_from D, sent;</li>
 *   <li>held otherwise (firing or not): ACTIVE, the held row as it was sent (same warning_id, valid_from,
 *   valid_until, score, models), not sent again;</li>
 *   <li>not held (first time, or the last one expired) and firing: NEW, sent; unless suppressed by a withdrawal, or
 *   the entity's standing CLEARED label is less than {@link Settings#clearedQuietDays} days old;</li>
 *   <li>expired and not firing: no row.</li>
 * </ul>
 * warning_id = {@code "w_"} + hex SHA-256 of partner, entity type, entity, warning type and valid_from, so it is
 * stable across re-runs. Labels and feedback count when delivered by D and timed before the end of D, city time
 * (UTC+8); nothing later is read, and only dates before D of the table itself, so re-running D gives the same rows.
 *
 * <p><b>Costs.</b> One read of the day's scores (one tiny aggregate collected for the version check), the
 * registry (collected: a few dozen rows), silver accounts, subscribers, case labels and bank feedback, the day's
 * leads and traces, and the last {@link Settings#maxValidityDays} dates of each output table. The accounts, numbers,
 * fired scores and clearances both tables use are cached for the run (memory and disk) and freed at its end. A few
 * joins and two aggregations per table (shuffles); two Delta writes and one small count per table collected to the
 * driver.
 */
public final class DecisionsJob {
    /**
     * The count of accounts whose alerts fired on D but that no partner bank's {@code bank_accounts} delivery holds
     * yet: no bank to warn, so no warning (see {@code Evidence.accountsWithoutBank}).
     */
    public static final String ACCOUNTS_WITHOUT_BANK = "alerts.accounts_without_bank";
    private static final StructType LEADS = StructType.fromDDL(Leads.LEAD_ID + " STRING, " + Leads.TYPOLOGY
            + " STRING, " + Leads.MEMBERS + " ARRAY<STRUCT<id: STRING, kind: STRING, role: STRING>>, "
            + Published.BUSINESS_DATE + " DATE");
    private static final StructType RISKS = StructType.fromDDL(EntityRisk.ENTITY_TYPE + " STRING, "
            + EntityRisk.ENTITY_ID + " STRING, " + EntityRisk.RISK_GROUP + " STRING, " + EntityRisk.RISK + " DOUBLE, "
            + EntityRisk.PRECISION + " DOUBLE, " + EntityRisk.FIRES + " BOOLEAN, " + EntityRisk.DRIVERS
            + " ARRAY<STRING>, " + EntityRisk.REASONS + " ARRAY<STRING>, " + Gold.BUSINESS_DATE + " DATE");
    private static final StructType TRACES = StructType.fromDDL(FundTraces.TRACE_ID + " STRING, " + FundTraces.HOP
            + " INT, " + FundTraces.ACCOUNT_ID + " STRING, " + FundTraces.AMOUNT_HELD + " DECIMAL(18,2), "
            + GraphTables.BUSINESS_DATE + " DATE");
    private static final StructType LABELS = StructType.fromDDL(CaseLabels.ENTITY_TYPE + " STRING, "
            + CaseLabels.ENTITY_ID + " STRING, " + CaseLabels.LABEL + " STRING, " + CaseLabels.CONFIRMED_AT
            + " TIMESTAMP, " + Silver.BUSINESS_DATE + " DATE");
    private static final StructType INCIDENTS = StructType.fromDDL(Incidents.VICTIM_ID + " STRING, "
            + Incidents.VICTIM_PHONE + " STRING, " + Incidents.VICTIM_ACCOUNTS + " ARRAY<STRING>, "
            + Incidents.SUSPECT_ACCOUNTS + " ARRAY<STRING>, " + Incidents.SUSPECT_PHONES + " ARRAY<STRING>, "
            + Incidents.REPORTED_AT + " TIMESTAMP, " + Silver.BUSINESS_DATE + " DATE");
    private static final StructType CONTACTS = StructType.fromDDL(AggPhoneContactDaily.CALLER + " STRING, "
            + AggPhoneContactDaily.CALLEE + " STRING, " + AggPhoneContactDaily.VOICE_CNT + " BIGINT, "
            + AggPhoneContactDaily.DURATION_S + " BIGINT, " + Gold.BUSINESS_DATE + " DATE");
    private static final StructType FEEDBACK = StructType.fromDDL(BankFeedback.BANK + " STRING, "
            + BankFeedback.WARNING_ID + " STRING, " + BankFeedback.ACTION + " STRING, " + BankFeedback.ACTED_AT
            + " TIMESTAMP, " + Silver.BUSINESS_DATE + " DATE");

    private final Lake lake;
    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * A partner's nightly budget for one action: {@code round(per10k * size / 10,000)} new detected warnings, where
     * size is the bank's accounts or the carrier's numbers, at least {@code floor} and at most {@code cap}: what an
     * analyst team at the partner works in a day, not a share of the city.
     */
    public record Budget(double per10k, int floor, int cap) {
        public Budget {
            if (!(per10k >= 0) || floor < 0 || cap < floor) {
                throw new IllegalArgumentException("decision settings: a budget needs per10k >= 0 and 0 <= floor <= cap, "
                        + "got per10k=" + per10k + ", floor=" + floor + ", cap=" + cap);
            }
        }

        /** The budget of a partner of this size. */
        public int of(long size) {
            return (int) Math.min(cap, Math.max(floor, Math.round(per10k * size / 10_000.0)));
        }
    }

    /**
     * How traced money held learns its precision from the lake's outcomes ({@code TraceEstimates}).
     *
     * @param historyDays  dates of earlier traces learned from (default 60)
     * @param maturityDays the most recent dates left out: their accounts have not had time to be labelled (default 3)
     * @param priorWeight  how many traced accounts the prior ({@link DecisionsJob.Settings#tracePrecision}) counts as
     *                     (default 5)
     * @param minPrecision traced money at an estimate below this is no warning by itself (default 0.5); it still
     *                     counts in the entity's risk
     */
    public record TraceLearning(int historyDays, int maturityDays, double priorWeight, double minPrecision) {
        public static final TraceLearning DEFAULTS = new TraceLearning(60, 3, 5, 0.5);

        public TraceLearning {
            if (historyDays < 1 || maturityDays < 0 || maturityDays >= historyDays || !(priorWeight > 0)
                    || !(minPrecision >= 0 && minPrecision <= 1)) {
                throw new IllegalArgumentException("decision settings: trace learning needs historyDays >= 1, "
                        + "0 <= maturityDays < historyDays, priorWeight > 0 and minPrecision in [0, 1], got "
                        + historyDays + ", " + maturityDays + ", " + priorWeight + ", " + minPrecision);
            }
        }
    }

    /**
     * Victim warnings to the persons a number flagged tonight talked to ({@code FlaggedCallers}).
     *
     * @param days         dates of calls looked at, up to D (default 2: D and the day before)
     * @param minSeconds   answered voice talk with the number on one date, at least (default 120 s)
     * @param prior        the estimated share of them who are victims before the lake has outcomes (default 0.2)
     * @param priorWeight  how many persons the prior counts as (default 5)
     * @param historyDays  dates of earlier intercept lists learned from (default 60)
     * @param maturityDays the most recent of those dates left out: their victims have not had time to report (default
     *                     3)
     */
    public record CallerWarnings(int days, int minSeconds, double prior, double priorWeight, int historyDays,
                                 int maturityDays) {
        public static final CallerWarnings DEFAULTS = new CallerWarnings(2, 120, 0.2, 5, 60, 3);

        public CallerWarnings {
            if (days < 1 || days > 30 || minSeconds < 1 || !(prior >= 0 && prior <= 1) || !(priorWeight > 0)
                    || historyDays < 1 || maturityDays < 0 || maturityDays >= historyDays) {
                throw new IllegalArgumentException("decision settings: caller warnings need days in 1..30, "
                        + "minSeconds >= 1, prior in [0, 1], priorWeight > 0 and 0 <= maturityDays < historyDays, got "
                        + days + ", " + minSeconds + ", " + prior + ", " + priorWeight + ", " + historyDays + ", "
                        + maturityDays);
            }
        }
    }

    /**
     * The decision rules' settings; {@link #DEFAULTS} are what a night uses unless configured.
     *
     * @param freezeDays         days a FREEZE stays valid after valid_from (default 7)
     * @param blockDays          days a BLOCK stays valid (default 7)
     * @param monitorDays        days a MONITOR stays valid (default 3)
     * @param contactDays        days a CONTACT_VICTIM stays valid (default 3)
     * @param freezeMinPrecision estimated precision freeze evidence needs to FREEZE an account (default 0.8);
     *                           below it, MONITOR
     * @param blockMinPrecision  estimated precision block evidence needs to BLOCK a number (default 0.9); below it,
     *                           MONITOR
     * @param tracePrecision     the prior estimate of the precision of traced victim money held (default 0.9), which
     *                           the lake's outcomes replace as they come in ({@link #traceLearning})
     * @param budgets            per action, the partner's nightly budget of new detected warnings (defaults: FREEZE
     *                           10 per 10k accounts, 2..50; MONITOR 20 per 10k accounts or numbers, 5..100;
     *                           CONTACT_VICTIM 10 per 10k accounts, 3..50; BLOCK 10 per 10k numbers, 2..50)
     * @param scoreBands         ascending score edges; a higher band than the held warning's escalates it (default
     *                           0.5, 0.7, 0.9)
     * @param traceScore         the score of traced victim money held, a fact rather than an estimate (default 0.95)
     * @param reasonsPerModel    reasons taken from each model that fired (default 2)
     * @param maxReasons         reasons per warning (default 5)
     * @param clearedQuietDays   days after a standing CLEARED label during which the entity gets no new warning
     *                           (default 7)
     * @param traceLearning      how traced money held learns its precision per hop from the lake's labels
     * @param callerWarnings     victim warnings to the persons a number flagged tonight talked to
     */
    public record Settings(int freezeDays, int blockDays, int monitorDays, int contactDays, double freezeMinPrecision,
                           double blockMinPrecision, double tracePrecision, Map<Action, Budget> budgets,
                           List<Double> scoreBands, double traceScore, int reasonsPerModel, int maxReasons,
                           int clearedQuietDays, TraceLearning traceLearning, CallerWarnings callerWarnings) {
        /** The default budgets, per action. */
        public static final Map<Action, Budget> DEFAULT_BUDGETS = Map.of(Action.FREEZE, new Budget(10, 2, 50),
                Action.MONITOR, new Budget(20, 5, 100), Action.CONTACT_VICTIM, new Budget(10, 3, 50),
                Action.BLOCK, new Budget(10, 2, 50));
        public static final Settings DEFAULTS = new Settings(7, 7, 3, 3, 0.8, 0.9, 0.9, DEFAULT_BUDGETS,
                List.of(0.5, 0.7, 0.9), 0.95, 2, 5, 7, TraceLearning.DEFAULTS, CallerWarnings.DEFAULTS);

        public Settings {
            scoreBands = List.copyOf(scoreBands);
            budgets = Map.copyOf(budgets);
            for (int days : new int[]{freezeDays, blockDays, monitorDays, contactDays}) {
                require(days >= 0 && days <= 90, "validity days must be 0..90", days);
            }
            for (double p : new double[]{freezeMinPrecision, blockMinPrecision, tracePrecision}) {
                require(p >= 0 && p <= 1, "freezeMinPrecision, blockMinPrecision and tracePrecision must be in [0, 1]",
                        p);
            }
            for (Action a : Action.values()) {
                require(budgets.containsKey(a), "budgets needs every action " + java.util.Arrays.toString(
                        Action.values()), budgets.keySet());
            }
            for (int i = 0; i < scoreBands.size(); i++) {
                double e = scoreBands.get(i);
                require(e > 0 && e <= 1 && (i == 0 || e > scoreBands.get(i - 1)),
                        "scoreBands must be ascending edges in (0, 1]", scoreBands);
            }
            require(traceScore > 0 && traceScore <= 1, "traceScore must be in (0, 1]", traceScore);
            require(reasonsPerModel >= 1, "reasonsPerModel must be at least 1", reasonsPerModel);
            require(maxReasons >= 1, "maxReasons must be at least 1", maxReasons);
            java.util.Objects.requireNonNull(traceLearning, "traceLearning");
            java.util.Objects.requireNonNull(callerWarnings, "callerWarnings");
            require(clearedQuietDays >= 0 && clearedQuietDays <= 365, "clearedQuietDays must be 0..365",
                    clearedQuietDays);
        }

        private static void require(boolean ok, String what, Object value) {
            if (!ok) {
                throw new IllegalArgumentException("decision settings: " + what + ", got " + value);
            }
        }

        /** These settings with other budgets and minimum precisions. */
        public Settings withGates(Map<Action, Budget> newBudgets, double freezeMin, double blockMin,
                                  double tracePrecisionEstimate) {
            return new Settings(freezeDays, blockDays, monitorDays, contactDays, freezeMin, blockMin,
                    tracePrecisionEstimate, newBudgets, scoreBands, traceScore, reasonsPerModel, maxReasons,
                    clearedQuietDays, traceLearning, callerWarnings);
        }

        /** These settings with another way of learning the precision of traced money. */
        public Settings withTraceLearning(TraceLearning learning) {
            return new Settings(freezeDays, blockDays, monitorDays, contactDays, freezeMinPrecision,
                    blockMinPrecision, tracePrecision, budgets, scoreBands, traceScore, reasonsPerModel, maxReasons,
                    clearedQuietDays, learning, callerWarnings);
        }

        /** These settings with other victim warnings for the persons flagged numbers talked to. */
        public Settings withCallerWarnings(CallerWarnings warnings) {
            return new Settings(freezeDays, blockDays, monitorDays, contactDays, freezeMinPrecision,
                    blockMinPrecision, tracePrecision, budgets, scoreBands, traceScore, reasonsPerModel, maxReasons,
                    clearedQuietDays, traceLearning, warnings);
        }

        /** The nightly budget of an action. */
        public Budget budget(Action action) {
            return budgets.get(action);
        }

        /** Days a warning with this action stays valid after its valid_from. */
        public int validityDays(Action action) {
            return switch (action) {
                case FREEZE -> freezeDays;
                case BLOCK -> blockDays;
                case MONITOR -> monitorDays;
                case CONTACT_VICTIM -> contactDays;
            };
        }

        /** The longest validity: how far back a warning can still be valid, and the dates of history read. */
        public int maxValidityDays() {
            return Math.max(Math.max(freezeDays, blockDays), Math.max(monitorDays, contactDays));
        }
    }

    public DecisionsJob(Lake lake, Consumer<String> progress) {
        this(lake, Settings.DEFAULTS, progress);
    }

    public DecisionsJob(Lake lake, Settings settings, Consumer<String> progress) {
        this.lake = lake;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Decides and publishes the warnings of {@code date}.
     *
     * @return {@link #ACCOUNTS_WITHOUT_BANK}, then per table ({@code intercept_list}, {@code victim_warnings}): the
     *         rows of D under the table name, then {@code <table>.NEW}, {@code .ESCALATED}, {@code .ACTIVE},
     *         {@code .WITHDRAWN} and {@code <table>.sent} (the rows for that night's outbox)
     */
    public Map<String, Long> run(SparkSession spark, LocalDate date) {
        AsOf asOf = new AsOf(date);
        Checkpoints stored = new Checkpoints();
        try {
            spark.sparkContext().setJobDescription("decisions inputs " + date);
            List<ModelRule> rules = ModelRule.ofChampions(new Registry(spark, lake).all(), ModelCatalog.all(),
                    progress);
            Dataset<Row> scores = scores(spark, date, rules);
            Dataset<Row> accounts = stored.materialize(StateAsOf.accounts(required(spark, lake.silver(Silver.ACCOUNTS),
                    date), asOf).select(col(Accounts.ACCOUNT_ID), col(Accounts.BANK), col(Accounts.HOLDER_ID)));
            Dataset<Row> subscribers = stored.materialize(required(spark, lake.silver(Silver.SUBSCRIBERS), date)
                    .select(col(Subscribers.PHONE), col(Subscribers.CARRIER), col(Subscribers.HOLDER_ID)));
            Dataset<Row> risks = stored.materialize(ofDate(spark, lake.gold(Gold.ENTITY_RISK), RISKS, date));
            Dataset<Row> fired = stored.materialize(Evidence.fired(scores, ModelRule.frame(spark, rules))
                    .unionByName(Evidence.risky(risks, ModelCatalog.all())));
            Dataset<Row> labels = DeltaIO.readOrEmpty(spark, lake.silver(Silver.CASE_LABELS), LABELS);
            Dataset<Row> clearances = stored.materialize(Continuity.clearances(labels, accounts, subscribers, asOf));
            Dataset<Row> known = stored.materialize(Echoes.known(labels, DeltaIO.readOrEmpty(spark,
                    lake.silver(Silver.INCIDENTS), INCIDENTS), accounts, subscribers, asOf));
            Dataset<Row> budgets = stored.materialize(Budgets.of(accounts, subscribers, settings));
            Dataset<Row> banks = stored.materialize(Continuity.clearedByBanks(
                    DeltaIO.readOrEmpty(spark, lake.silver(Silver.BANK_FEEDBACK), FEEDBACK), asOf));

            Dataset<Row> intercept = Evidence.intercept(fired, accounts, subscribers,
                            ofDate(spark, lake.published(Published.LEADS), LEADS, date))
                    .unionByName(Evidence.traces(since(spark, lake.gold(GraphTables.FUND_TRACES), TRACES,
                                    date.minusDays(settings.traceLearning().historyDays() - 1L), date), labels,
                            accounts, asOf, settings.traceScore(), settings.tracePrecision(),
                            settings.traceLearning()));
            CallerWarnings callers = settings.callerWarnings();
            Dataset<Row> contacts = DeltaIO.readOrEmpty(spark, lake.gold(Gold.AGG_PHONE_CONTACT_DAILY), CONTACTS);
            Column day = col(Gold.BUSINESS_DATE);
            Dataset<Row> learned = stored.materialize(FlaggedCallers.learned(
                    DeltaIO.readOrEmpty(spark, lake.published(Published.INTERCEPT_LIST), WarningTable.INTERCEPT_LIST
                            .schema()),
                    contacts.filter(day.gt(lit(Date.valueOf(date.minusDays(callers.historyDays() + callers.days()))))
                            .and(day.leq(lit(Date.valueOf(date))))),
                    subscribers, DeltaIO.readOrEmpty(spark, lake.silver(Silver.INCIDENTS), INCIDENTS), asOf, callers));
            Dataset<Row> victims = Evidence.victims(fired, accounts).unionByName(FlaggedCallers.evidence(fired,
                    contacts.filter(day.gt(lit(Date.valueOf(date.minusDays(callers.days()))))
                            .and(day.leq(lit(Date.valueOf(date))))),
                    subscribers, accounts, learned, asOf, callers));

            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(ACCOUNTS_WITHOUT_BANK, Evidence.accountsWithoutBank(fired, accounts).count());
            Inputs inputs = new Inputs(clearances, banks, known, budgets, risks);
            publish(spark, WarningTable.INTERCEPT_LIST, intercept, inputs, date, counts);
            publish(spark, WarningTable.VICTIM_WARNINGS, victims, inputs, date, counts);
            return counts;
        } finally {
            stored.release();
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** The frames both tables are decided with. */
    private record Inputs(Dataset<Row> clearances, Dataset<Row> banks, Dataset<Row> known, Dataset<Row> budgets,
                          Dataset<Row> risks) {
    }

    /**
     * Decides one table from its evidence, replaces D's partition and adds its counts. The write merges the schema,
     * so a table published before {@link InterceptList#KNOWN_BY} existed gains the column (null on its old rows).
     */
    private void publish(SparkSession spark, WarningTable table, Dataset<Row> evidence, Inputs inputs,
                         LocalDate date, Map<String, Long> counts) {
        spark.sparkContext().setJobDescription("decisions published/" + table.table() + " " + date);
        String path = lake.published(table.table());
        Dataset<Row> candidates = Echoes.mark(Decide.rankedByRisk(Decide.candidates(evidence, settings),
                inputs.risks(), table.withPerson()), inputs.known());
        Dataset<Row> rows = Continuity.resolve(table, candidates, DeltaIO.readOrEmpty(spark, path, table.schema()),
                inputs.clearances(), inputs.banks(), inputs.budgets(), date, settings);
        Column[] order = {col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID),
                col(InterceptList.WARNING_ID)};
        rows.repartition(1).sortWithinPartitions(order).write().format("delta").mode(SaveMode.Overwrite)
                .option("replaceWhere", Published.BUSINESS_DATE + " = DATE'" + date + "'")
                .option("mergeSchema", "true")
                .partitionBy(Published.BUSINESS_DATE)
                .save(path);
        count(spark, table, path, date, counts);
    }

    private void count(SparkSession spark, WarningTable table, String path, LocalDate date, Map<String, Long> counts) {
        String name = table.table();
        Map<String, Long> byStatus = new TreeMap<>();
        long sent = 0;
        long echoes = 0;
        for (Row r : DeltaIO.read(spark, path).filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .groupBy(col(InterceptList.STATUS), col(InterceptList.SENT),
                        col(InterceptList.KNOWN_BY).isNotNull().as("_echo")).count().collectAsList()) {
            byStatus.merge(r.getString(0), r.getLong(3), Long::sum);
            sent += r.getBoolean(1) ? r.getLong(3) : 0;
            echoes += r.getBoolean(1) && r.getBoolean(2) ? r.getLong(3) : 0;
        }
        counts.put(name, byStatus.values().stream().mapToLong(Long::longValue).sum());
        for (Status s : Status.values()) {
            counts.put(name + "." + s.name(), byStatus.getOrDefault(s.name(), 0L));
        }
        counts.put(name + ".sent", sent);
        counts.put(name + ".sent.detected", sent - echoes);
        counts.put(name + ".sent.echo", echoes);
        progress.accept(String.format("  published/%-16s %,8d rows for %s: %,d new, %,d escalated, %,d active, "
                        + "%,d withdrawn, %,d queued over budget; %,d to send (%,d detected, %,d echoing what was "
                        + "known)", name, counts.get(name), date, counts.get(name + ".NEW"),
                counts.get(name + ".ESCALATED"), counts.get(name + ".ACTIVE"), counts.get(name + ".WITHDRAWN"),
                counts.get(name + ".QUEUED"), sent, sent - echoes, echoes));
    }

    /**
     * The scores of D. Fails when champions exist but nothing was scored on D (the score stage has not run);
     * reports models scored by a version that is not (or no longer) the champion, whose scores do not count.
     */
    private Dataset<Row> scores(SparkSession spark, LocalDate date, List<ModelRule> rules) {
        String path = lake.gold(Gold.SCORES);
        if (rules.isEmpty()) {
            progress.accept("  no champion in the registry: decisions from fund traces only (run fraudlake train)");
        }
        if (!DeltaIO.exists(spark, path)) {
            if (rules.isEmpty()) {
                return spark.createDataFrame(List.of(), StructType.fromDDL(Scores.MODEL + " STRING, " + Scores.VERSION
                        + " INT, " + Scores.ENTITY_TYPE + " STRING, " + Scores.ENTITY_ID + " STRING, " + Scores.SCORE
                        + " DOUBLE, " + Scores.REASONS + " ARRAY<STRING>"));
            }
            throw new IllegalStateException("decisions for " + date + " need gold/scores, not found at " + path
                    + ": run fraudlake score --date " + date + " first");
        }
        Dataset<Row> scores = DeltaIO.read(spark, path).filter(col(Gold.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))));
        List<Row> versions = scores.select(Scores.MODEL, Scores.VERSION).distinct().orderBy(Scores.MODEL).collectAsList();
        if (versions.isEmpty() && !rules.isEmpty()) {
            throw new IllegalStateException("gold/scores at " + path + " has no rows for " + date
                    + ": run fraudlake score --date " + date + " first");
        }
        List<String> stale = new ArrayList<>();
        for (Row v : versions) {
            boolean champion = rules.stream().anyMatch(r -> r.model().equals(v.getString(0)) && r.version() == v.getInt(1));
            if (!champion) {
                stale.add(v.getString(0) + " v" + v.getInt(1));
            }
        }
        if (!stale.isEmpty()) {
            progress.accept("  scores of " + date + " not from the registry's champion, not used: "
                    + String.join(", ", stale) + " (run fraudlake score --date " + date + " again)");
        }
        return scores;
    }

    private static Dataset<Row> required(SparkSession spark, String path, LocalDate date) {
        if (!DeltaIO.exists(spark, path)) {
            throw new IllegalStateException("decisions for " + date + " need " + path
                    + ", not found: run conform for " + date + " first");
        }
        return DeltaIO.read(spark, path);
    }

    /** The partitions from {@code from} to D of an optional table (empty when the table does not exist yet). */
    private static Dataset<Row> since(SparkSession spark, String path, StructType schema, LocalDate from,
                                      LocalDate date) {
        Column day = col(Published.BUSINESS_DATE);
        return DeltaIO.readOrEmpty(spark, path, schema)
                .filter(day.geq(lit(Date.valueOf(from))).and(day.leq(lit(Date.valueOf(date)))));
    }

    /** D's partition of an optional table (empty when the table does not exist yet). */
    private static Dataset<Row> ofDate(SparkSession spark, String path, StructType schema, LocalDate date) {
        return DeltaIO.readOrEmpty(spark, path, schema)
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))));
    }
}

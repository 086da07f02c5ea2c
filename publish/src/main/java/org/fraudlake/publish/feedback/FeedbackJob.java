package org.fraudlake.publish.feedback;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.models.LabelSpec;
import org.fraudlake.models.Labels;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Transactions;
import org.fraudlake.schemas.tables.Silver;

/**
 * Feedback impact for one business date D: what the warnings sent to the partner banks achieved, from the banks'
 * answers (silver/bank_feedback), written to {@code published/feedback_impact}, replacing D's partition.
 *
 * <p><b>Cumulative as of the end of D.</b> Each row of D counts every warning first sent to the bank on or before
 * D, and every answer to it that had arrived by D (a bank_feedback delivery dated on or before D) and was acted on
 * or before D (city date, UTC+8, of {@code acted_at}). The change from D-1 to D is what D added, except that
 * {@code victims_in_time} is as known on D: it drops when a loss before the contact comes to light (a later police
 * report, a newly labelled mule). A re-run of D over the same lake gives the same rows, and answers delivered
 * after D never enter D's (silver/bank_feedback is a state table: a bank restating an answer on a later date moves
 * that answer to the later date).
 *
 * <p>Rows: per bank, one per model that fired on the bank's counted warnings (the warning's {@code models}) and
 * one with model {@code ALL}; a warning counts once in each of its models' rows and once in ALL, so model rows do
 * not add up to ALL. A bank with no warning sent yet has no row. Only the bank the warning was sent to is heard;
 * answers to unknown warning ids, or to another bank's, are ignored. Per warning (and then counted):
 * <ul>
 *   <li>{@code warnings_sent}: the warning itself (intercept-list and victim warnings on the bank's accounts).</li>
 *   <li>{@code acted_on}: it has an answer other than NOT_FOUND (MONITORED and CLEARED count: the bank
 *       looked).</li>
 *   <li>{@code frozen}: it has a FROZEN answer.</li>
 *   <li>{@code victims_contacted}: a victim warning with a VICTIM_CONTACTED or LOSS_PREVENTED answer; the first of
 *       them is the contact time.</li>
 *   <li>{@code victims_in_time}: a contacted victim warning, not CLEARED, whose contact came before the person's
 *       first known loss after the warning, or with no loss known by D. A loss is an OUT transfer from the warned
 *       account or any account the person holds to an account known by D as a fraud or mule account (a positive
 *       MONEY_MULE/FRAUD_ACCOUNT label, case or feedback, or a suspect account of a TELECOM_FRAUD police report),
 *       or the occurrence of a TELECOM_FRAUD report naming the person as victim; counted only on a city date after
 *       the warning's valid_from, the night it was published (see {@link ImpactFigures#firstLosses}).</li>
 *   <li>{@code cleared}: it has a CLEARED answer.</li>
 *   <li>{@code amount_protected}: the sum of amount_protected over its counted answers, exact decimal(18,2).</li>
 * </ul>
 *
 * <p>Cost: reads of the published warning tables and silver/bank_feedback (small); when some victim was
 * contacted, silver/accounts, silver/incidents, the account labels, and the transactions of the dates from the
 * earliest contacted warning's valid_from to D (pruned by date, joined to the few victims' accounts). One small
 * collect for that date bound, one of the bank totals; one Delta commit.
 */
public final class FeedbackJob {
    private static final LabelSpec FRAUD_ACCOUNTS = LabelSpec.of(EntityKind.ACCOUNT,
            CaseLabel.MONEY_MULE, CaseLabel.FRAUD_ACCOUNT);
    private static final StructType ACCOUNTS = StructType.fromDDL(Accounts.ACCOUNT_ID + " STRING, "
            + Accounts.HOLDER_ID + " STRING");
    private static final StructType TRANSACTIONS = StructType.fromDDL(Transactions.ACCOUNT_ID + " STRING, "
            + Transactions.DIRECTION + " STRING, " + Transactions.COUNTERPARTY_ACCOUNT_ID + " STRING, "
            + Transactions.TXN_TIME + " TIMESTAMP, " + Silver.BUSINESS_DATE + " DATE");
    private static final StructType INCIDENTS = StructType.fromDDL(Incidents.CATEGORY + " STRING, "
            + Incidents.REPORTED_AT + " TIMESTAMP, " + Incidents.OCCURRED_AT + " TIMESTAMP, " + Incidents.VICTIM_ID
            + " STRING, " + Incidents.SUSPECT_ACCOUNTS + " ARRAY<STRING>");
    private static final StructType NO_LOSSES = StructType.fromDDL("_loss_wid STRING, "
            + ImpactFigures.FIRST_LOSS + " TIMESTAMP");

    private final Lake lake;
    private final Consumer<String> progress;

    /** A bank's total ({@code ALL}) row of the date. */
    public record BankTotal(String bank, long warningsSent, long actedOn, long frozen, long victimsContacted,
                            long victimsInTime, long cleared, BigDecimal amountProtected) {
    }

    /** What a run wrote: the number of rows and each bank's total, by bank. */
    public record Result(LocalDate date, long rows, List<BankTotal> banks) {
        public Result {
            banks = List.copyOf(banks);
        }
    }

    public FeedbackJob(Lake lake, Consumer<String> progress) {
        this.lake = lake;
        this.progress = progress;
    }

    /** Computes D's figures and replaces D's partition of published/feedback_impact with them. */
    public Result run(SparkSession spark, LocalDate date) {
        long t0 = System.nanoTime();
        Dataset<Row> outcomes = null;
        Dataset<Row> figures = null;
        try {
            spark.sparkContext().setJobDescription("feedback impact " + date + ": warnings and answers");
            outcomes = ImpactFigures.outcomes(ImpactFigures.counted(sentWarnings(spark, date), date),
                            ImpactFigures.feedbackAsOf(DeltaIO.readOrEmpty(spark, lake.silver(Silver.BANK_FEEDBACK),
                                    FeedbackLabels.BANK_FEEDBACK_SCHEMA), date))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            spark.sparkContext().setJobDescription("feedback impact " + date + ": victims' first losses");
            Dataset<Row> losses = firstLosses(spark, outcomes, date);
            figures = ImpactFigures.figures(ImpactFigures.withInTime(outcomes, losses), date).coalesce(1)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            spark.sparkContext().setJobDescription("feedback impact " + date + ": write");
            DeltaIO.replaceWhere(figures, lake.published(Published.FEEDBACK_IMPACT),
                    Published.BUSINESS_DATE + " = DATE'" + date + "'", Published.BUSINESS_DATE);
            Result result = new Result(date, figures.count(), totals(figures));
            report(result, t0);
            return result;
        } finally {
            if (figures != null) {
                figures.unpersist();
            }
            if (outcomes != null) {
                outcomes.unpersist();
            }
            spark.sparkContext().setJobDescription(null);
        }
    }

    private Dataset<Row> sentWarnings(SparkSession spark, LocalDate date) {
        return FeedbackLabels.sentWarnings(
                upTo(DeltaIO.readOrEmpty(spark, lake.published(Published.INTERCEPT_LIST),
                        FeedbackLabels.INTERCEPT_LIST_SCHEMA), date),
                upTo(DeltaIO.readOrEmpty(spark, lake.published(Published.VICTIM_WARNINGS),
                        FeedbackLabels.VICTIM_WARNINGS_SCHEMA), date));
    }

    private static Dataset<Row> upTo(Dataset<Row> published, LocalDate date) {
        return published.filter(col(Published.BUSINESS_DATE).leq(lit(Date.valueOf(date))));
    }

    /** The contacted victims' first losses; reads accounts, incidents and transactions only when someone was. */
    private Dataset<Row> firstLosses(SparkSession spark, Dataset<Row> outcomes, LocalDate date) {
        Row bound = outcomes.filter(col(ImpactFigures.CONTACTED_AT).isNotNull())
                .agg(min(col(InterceptList.VALID_FROM))).first();
        if (bound.isNullAt(0)) {
            return spark.createDataFrame(List.of(), NO_LOSSES);
        }
        LocalDate from = bound.getDate(0).toLocalDate();
        Dataset<Row> transactions = DeltaIO.readOrEmpty(spark, lake.silver(Silver.TRANSACTIONS), TRANSACTIONS)
                .filter(col(Silver.BUSINESS_DATE).geq(lit(Date.valueOf(from)))
                        .and(col(Silver.BUSINESS_DATE).leq(lit(Date.valueOf(date)))));
        Dataset<Row> incidents = DeltaIO.readOrEmpty(spark, lake.silver(Silver.INCIDENTS), INCIDENTS);
        Dataset<Row> fraudAccounts = ImpactFigures.fraudAccounts(
                new Labels(spark, lake).positives(FRAUD_ACCOUNTS, date), incidents, date);
        return ImpactFigures.firstLosses(outcomes,
                DeltaIO.readOrEmpty(spark, lake.silver(Silver.ACCOUNTS), ACCOUNTS), transactions, fraudAccounts,
                incidents, date);
    }

    private static List<BankTotal> totals(Dataset<Row> figures) {
        return figures.filter(col(FeedbackImpact.MODEL).equalTo(ImpactFigures.ALL)).orderBy(FeedbackImpact.BANK)
                .collectAsList().stream()
                .map(r -> new BankTotal(r.getAs(FeedbackImpact.BANK), r.<Long>getAs(FeedbackImpact.WARNINGS_SENT),
                        r.<Long>getAs(FeedbackImpact.ACTED_ON), r.<Long>getAs(FeedbackImpact.FROZEN),
                        r.<Long>getAs(FeedbackImpact.VICTIMS_CONTACTED), r.<Long>getAs(FeedbackImpact.VICTIMS_IN_TIME),
                        r.<Long>getAs(FeedbackImpact.CLEARED), r.<BigDecimal>getAs(FeedbackImpact.AMOUNT_PROTECTED)))
                .toList();
    }

    private void report(Result result, long t0) {
        long sent = result.banks().stream().mapToLong(BankTotal::warningsSent).sum();
        long acted = result.banks().stream().mapToLong(BankTotal::actedOn).sum();
        long frozen = result.banks().stream().mapToLong(BankTotal::frozen).sum();
        long inTime = result.banks().stream().mapToLong(BankTotal::victimsInTime).sum();
        BigDecimal amount = result.banks().stream().map(BankTotal::amountProtected).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        progress.accept(String.format("  published/feedback_impact %s: %d rows, %d banks; to date %,d warnings "
                        + "sent, %,d acted on, %,d frozen, %,d victims in time, %s protected (%.1f s)", result.date(),
                result.rows(), result.banks().size(), sent, acted, frozen, inTime, amount.toPlainString(),
                (System.nanoTime() - t0) / 1e9));
    }
}

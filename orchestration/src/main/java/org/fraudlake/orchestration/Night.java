package org.fraudlake.orchestration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.ConfigProperty;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.spark.Sessions;
import org.fraudlake.graph.GraphJob;
import org.fraudlake.graph.leads.LeadRules;
import org.fraudlake.graph.leads.LeadsJob;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.EntityRiskJob;
import org.fraudlake.models.RiskModel;
import org.fraudlake.models.ScoreJob;
import org.fraudlake.models.TrainJob;
import org.fraudlake.models.catalog.ModelCatalog;
import org.fraudlake.pipelines.conform.ConformJob;
import org.fraudlake.pipelines.conform.Pseudonymizer;
import org.fraudlake.pipelines.features.FeaturesJob;
import org.fraudlake.pipelines.features.ReportingLines;
import org.fraudlake.pipelines.ingest.DeliveryOutcome;
import org.fraudlake.pipelines.ingest.IngestJob;
import org.fraudlake.pipelines.ingest.IngestReport;
import org.fraudlake.publish.decisions.DecisionsJob;
import org.fraudlake.publish.feedback.FeedbackJob;
import org.fraudlake.publish.outbox.OutboxVerifier;
import org.fraudlake.publish.outbox.OutboxWriter;
import org.fraudlake.publish.outbox.Publication;
import org.fraudlake.publish.outbox.SigningKey;
import org.fraudlake.publish.outbox.Verification;
import org.fraudlake.publish.report.ReportJob;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.simulator.SimulationConfig;
import org.fraudlake.simulator.partners.PartnerResponder;

/** The stages of the night that exist so far, run for one business date with progress on {@code out}. */
public final class Night {
    /** Leads (per typology) and incident series printed after the leads step. */
    private static final int SHOWN = 3;
    private final FraudlakeConfig config;
    private final Lake lake;
    private final PrintStream out;
    private final List<IngestReport> ingested = new java.util.ArrayList<>();

    public Night(FraudlakeConfig config, PrintStream out) {
        this.config = config;
        this.lake = new Lake(config.get(FraudlakeConfig.LAKE_ROOT));
        this.out = out;
        org.fraudlake.core.time.AsOf.useCityZone(config.get(FraudlakeConfig.CITY_TIME_ZONE));
    }

    public Lake lake() {
        return lake;
    }

    /** What every ingest run through this object reported, in order. */
    public List<IngestReport> ingested() {
        return List.copyOf(ingested);
    }

    public SparkSession spark() {
        return Sessions.create("fraudlake", config.get(FraudlakeConfig.SPARK_MASTER),
                config.get(FraudlakeConfig.SHUFFLE_PARTITIONS));
    }

    public IngestReport ingest(SparkSession spark, LocalDate date) throws IOException {
        out.println("ingest " + date);
        long t0 = System.nanoTime();
        IngestReport report = new IngestJob(lake, config.ingest(), line -> out.println("  " + line)).run(spark, date);
        out.printf("ingest %s done in %.1f s: %,d rows loaded, %,d quarantined, %d deliveries rejected, %d waiting%n",
                date, (System.nanoTime() - t0) / 1e9, report.loaded(), report.quarantined(),
                report.count(DeliveryOutcome.Status.REJECTED), report.count(DeliveryOutcome.Status.WAITING));
        ingested.add(report);
        return report;
    }

    public Map<String, Long> conform(SparkSession spark, LocalDate date) throws IOException {
        out.println("conform " + date);
        long t0 = System.nanoTime();
        Pseudonymizer p = LakeKeys.pseudonymizer(config, lake, spark.sparkContext().hadoopConfiguration(),
                "conform " + date);
        Map<String, Long> counts = new ConformJob(lake, p, out::println).run(spark, date);
        out.printf("conform %s done in %.1f s%n", date, (System.nanoTime() - t0) / 1e9);
        return counts;
    }

    public FeaturesJob.Result features(SparkSession spark, LocalDate date) {
        out.println("features " + date);
        long t0 = System.nanoTime();
        FeaturesJob.Result result = new FeaturesJob(lake, line -> out.println("  " + line), config.reportingLines(),
                config.signals())
                .run(spark, date);
        out.printf("features %s done in %.1f s%n", date, (System.nanoTime() - t0) / 1e9);
        return result;
    }

    public Map<String, Long> graph(SparkSession spark, LocalDate date) {
        return graph(spark, date, GraphJob.Settings.DEFAULTS);
    }

    public Map<String, Long> graph(SparkSession spark, LocalDate date, GraphJob.Settings settings) {
        out.println("graph " + date);
        long t0 = System.nanoTime();
        Map<String, Long> counts = new GraphJob(lake, settings, line -> out.println("  " + line)).run(spark, date);
        out.printf("graph %s done in %.1f s: %s%n", date, (System.nanoTime() - t0) / 1e9, counts);
        return counts;
    }

    /** Leads and incident series for a date, printed by typology, and the detectors or steps that failed. */
    public LeadsJob.Result leads(SparkSession spark, LocalDate date) {
        return leads(lake, spark, date, config.reportingLines(), config.leadRules(), out);
    }

    /** One decision per entity from the day's champion scores, traces and leads (intercept list, victim warnings). */
    public Map<String, Long> decide(SparkSession spark, LocalDate date) {
        out.println("decide " + date);
        long t0 = System.nanoTime();
        Map<String, Long> counts = new DecisionsJob(lake, decisionSettings(), line -> out.println("  " + line))
                .run(spark, date);
        counts.forEach((k, v) -> out.printf("  %-32s %,8d%n", k, v));
        out.printf("decide %s done in %.1f s%n", date, (System.nanoTime() - t0) / 1e9);
        return counts;
    }

    /**
     * Decisions, then every partner's signed folder, verified as a partner would. A partner whose folder fails to
     * be written or verified is in {@link Publication#failures} (and out of its folders); the others are published.
     * When every folder fails, so does the publication.
     */
    public Publication publish(SparkSession spark, LocalDate date) throws IOException {
        decide(spark, date);
        Publication p = outbox(spark, date);
        List<PartFailure> unverified = unverified(p);
        if (unverified.isEmpty()) {
            return p;
        }
        RuntimeException all = PartFailure.whenAllFailed("partner folders", p.folders().size(), unverified);
        if (all != null) {
            throw all;
        }
        Map<String, String> folders = new java.util.TreeMap<>(p.folders());
        Map<String, Integer> rows = new java.util.TreeMap<>(p.rows());
        for (PartFailure f : unverified) {
            String partner = f.part().substring(OutboxWriter.PARTNER_PART.length());
            folders.remove(partner);
            rows.remove(partner);
        }
        List<PartFailure> failures = new java.util.ArrayList<>(p.failures());
        failures.addAll(unverified);
        return new Publication(p.date(), rows, folders, p.rewritten(), p.withheld(), failures);
    }

    /**
     * Every partner's signed folder for the date, signed with the key of {@code publish.signing-key}, which must be
     * the one the lake is bound to ({@link LakeKeys}); a missing key fails, telling to run {@code fraudlake keys init}.
     */
    public Publication outbox(SparkSession spark, LocalDate date) throws IOException {
        out.println("outbox " + date);
        long t0 = System.nanoTime();
        SigningKey key = LakeKeys.signingKey(config, lake, spark.sparkContext().hadoopConfiguration(),
                "publish " + date);
        Publication p = new OutboxWriter(lake, key, line -> out.println("  " + line)).publish(spark, date);
        p.rows().forEach((partner, rows) -> out.printf("  %-12s %,6d warnings  %s%n", partner, rows,
                p.folders().get(partner)));
        p.withheld().forEach(w -> out.printf("  withheld %s (%s, partner %s): %s%n", w.warningId(), w.entityType(),
                w.partner(), w.reason()));
        out.printf("outbox %s done in %.1f s: %,d rows for %d partners%n", date, (System.nanoTime() - t0) / 1e9,
                p.totalRows(), p.rows().size());
        return p;
    }

    /**
     * Checks every folder of a publication as a partner would; returns the folders that fail. Local lakes only
     * (a partner checks a folder it has fetched); on a remote lake it says so and checks nothing.
     */
    public int verifyOutbox(Publication p) throws IOException {
        return unverified(p).size();
    }

    /** {@link #verifyOutbox}: the partners ({@code partner <code>}) whose folder failed, each with what was wrong. */
    private List<PartFailure> unverified(Publication p) throws IOException {
        List<PartFailure> failed = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : p.folders().entrySet()) {
            String folder = e.getValue();
            if (folder.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !folder.startsWith("file:")) {
                out.println("outbox " + p.date() + ": not a local lake, folders not verified here");
                return List.of();
            }
            Verification v = OutboxVerifier.verify(Path.of(folder.replaceFirst("^file:(//)?", "")));
            if (!v.ok()) {
                out.printf("  FAIL %s: %s%n", folder, v.problems());
                failed.add(new PartFailure(OutboxWriter.PARTNER_PART + e.getKey(), new IllegalStateException(
                        folder + " failed verification: " + v.problems())));
            }
        }
        out.printf("outbox %s verified: %d folders, %d failed (manifest, checksums, Ed25519 signature)%n", p.date(),
                p.folders().size(), failed.size());
        return failed;
    }

    /** The simulated banks read their outbox of the date and send their feedback for the next date (demo only). */
    public void partnersAnswer(SimulationConfig sim, LocalDate published) throws IOException {
        PartnerResponder.Response r = PartnerResponder.respond(lake, sim, published);
        out.printf("partners answer the warnings of %s in their bank_feedback of %s: %s%n", published,
                r.deliveryDate(), r.answersByBank());
    }

    /** What the warnings achieved, from the banks' feedback known by the date. */
    public FeedbackJob.Result feedback(SparkSession spark, LocalDate date) {
        out.println("feedback " + date);
        long t0 = System.nanoTime();
        FeedbackJob.Result r = new FeedbackJob(lake, line -> out.println("  " + line)).run(spark, date);
        for (FeedbackJob.BankTotal b : r.banks()) {
            out.printf("  %-8s %s%n", b.bank(), b);
        }
        out.printf("feedback %s done in %.1f s%n", date, (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /** The nightly report; prints its path last. */
    public ReportJob.Output report(SparkSession spark, LocalDate date) throws IOException {
        out.println("report " + date);
        long t0 = System.nanoTime();
        ReportJob.Output written = new ReportJob(lake, config.firstTrainDays(), line -> out.println("  " + line))
                .run(spark, date);
        out.printf("report %s done in %.1f s (report.json beside it)%n", date, (System.nanoTime() - t0) / 1e9);
        out.println(written.html());
        return written;
    }

    /** The decision rules with the configured budgets and minimum precisions. */
    public DecisionsJob.Settings decisionSettings() {
        Map<Published.Action, DecisionsJob.Budget> budgets = new java.util.EnumMap<>(Published.Action.class);
        budgets.put(Published.Action.FREEZE, budget(FraudlakeConfig.FREEZE_BUDGET_PER_10K,
                FraudlakeConfig.FREEZE_BUDGET_FLOOR, FraudlakeConfig.FREEZE_BUDGET_CAP));
        budgets.put(Published.Action.MONITOR, budget(FraudlakeConfig.MONITOR_BUDGET_PER_10K,
                FraudlakeConfig.MONITOR_BUDGET_FLOOR, FraudlakeConfig.MONITOR_BUDGET_CAP));
        budgets.put(Published.Action.CONTACT_VICTIM, budget(FraudlakeConfig.CONTACT_VICTIM_BUDGET_PER_10K,
                FraudlakeConfig.CONTACT_VICTIM_BUDGET_FLOOR, FraudlakeConfig.CONTACT_VICTIM_BUDGET_CAP));
        budgets.put(Published.Action.BLOCK, budget(FraudlakeConfig.BLOCK_BUDGET_PER_10K,
                FraudlakeConfig.BLOCK_BUDGET_FLOOR, FraudlakeConfig.BLOCK_BUDGET_CAP));
        return DecisionsJob.Settings.DEFAULTS.withGates(budgets, config.get(FraudlakeConfig.FREEZE_MIN_PRECISION),
                config.get(FraudlakeConfig.BLOCK_MIN_PRECISION), config.get(FraudlakeConfig.TRACE_PRECISION))
                .withTraceLearning(new DecisionsJob.TraceLearning(config.get(FraudlakeConfig.TRACE_HISTORY_DAYS),
                        config.get(FraudlakeConfig.TRACE_MATURITY_DAYS), config.get(FraudlakeConfig.TRACE_PRIOR_WEIGHT),
                        config.get(FraudlakeConfig.TRACE_MIN_PRECISION)))
                .withCallerWarnings(new DecisionsJob.CallerWarnings(config.get(FraudlakeConfig.CALLER_WARNING_DAYS),
                        config.get(FraudlakeConfig.CALLER_WARNING_MIN_SECONDS),
                        config.get(FraudlakeConfig.CALLER_WARNING_PRIOR),
                        config.get(FraudlakeConfig.CALLER_WARNING_PRIOR_WEIGHT),
                        config.get(FraudlakeConfig.CALLER_WARNING_HISTORY_DAYS),
                        config.get(FraudlakeConfig.CALLER_WARNING_MATURITY_DAYS)));
    }

    private DecisionsJob.Budget budget(ConfigProperty<Double> per10k, ConfigProperty<Integer> floor,
                                       ConfigProperty<Integer> cap) {
        return new DecisionsJob.Budget(config.get(per10k), config.get(floor), config.get(cap));
    }

    public TrainJob.Settings trainSettings() {
        return new TrainJob.Settings(config.get(FraudlakeConfig.TRAIN_DAYS), config.get(FraudlakeConfig.VALID_DAYS),
                config.get(FraudlakeConfig.MAX_NEGATIVES), config.get(FraudlakeConfig.TOP_K),
                config.get(FraudlakeConfig.MIN_POSITIVES));
    }

    public TrainJob.Trained train(SparkSession spark, LocalDate asOf, List<RiskModel> models) {
        return train(spark, asOf, models, trainSettings());
    }

    /** Trains and registers the models; those that fail are in {@link TrainJob.Trained#failures}. */
    public TrainJob.Trained train(SparkSession spark, LocalDate asOf, List<RiskModel> models,
                                  TrainJob.Settings settings) {
        out.println("train as of " + asOf);
        long t0 = System.nanoTime();
        TrainJob.Trained results = new TrainJob(lake, settings, out::println).run(spark, asOf, models);
        out.printf("train %s done in %.1f s%n", asOf, (System.nanoTime() - t0) / 1e9);
        return results;
    }

    /** The entity-risk stacks' settings (risk.* and train.min-positives, train.top-k). */
    public EntityRiskJob.Settings riskSettings() {
        return new EntityRiskJob.Settings(config.get(FraudlakeConfig.RISK_WINDOW_DAYS),
                config.get(FraudlakeConfig.RISK_VALID_DAYS), config.get(FraudlakeConfig.RISK_MIN_FIT_DAYS),
                config.get(FraudlakeConfig.MIN_POSITIVES), config.get(FraudlakeConfig.TOP_K),
                config.get(FraudlakeConfig.RISK_DRIVERS), config.get(FraudlakeConfig.RISK_HISTORY_DAYS));
    }

    public ScoreJob.Scored score(SparkSession spark, LocalDate date) {
        return score(spark, date, ModelCatalog.all());
    }

    /** Every champion of {@code models} scores the date; those that fail are in {@link ScoreJob.Scored#failures}. */
    public ScoreJob.Scored score(SparkSession spark, LocalDate date, List<RiskModel> models) {
        out.println("score " + date);
        long t0 = System.nanoTime();
        ScoreJob.Scored scored = new ScoreJob(lake, out::println).run(spark, date, models);
        try {
            Map<String, Long> risks = new EntityRiskJob(lake, riskSettings(), out::println).run(spark, date, models);
            risks.forEach((stack, n) -> {
                if (!stack.endsWith(".fires")) {
                    out.printf("  risk %-22s %,9d entities %,7d at or above the operating point%n", stack, n,
                            risks.getOrDefault(stack + ".fires", 0L));
                }
            });
        } catch (RuntimeException e) {
            out.println("  entity risk FAILED, decisions rank by the models' scores tonight: " + ErrorText.describe(e));
            List<PartFailure> failures = new java.util.ArrayList<>(scored.failures());
            failures.add(new PartFailure(EntityRiskJob.MODEL, e));
            scored = new ScoreJob.Scored(scored.counts(), failures);
        }
        Map<String, Long> counts = scored.counts();
        out.printf("score %s done in %.1f s: %,d scores from %d models%s%n", date, (System.nanoTime() - t0) / 1e9,
                counts.values().stream().mapToLong(Long::longValue).sum(), counts.size(),
                scored.failures().isEmpty() ? "" : "; " + PartFailure.summary(scored.failures()));
        return scored;
    }

    /** Business dates with deliveries in landing. */
    public java.util.List<LocalDate> landedDates(SparkSession spark) throws IOException {
        return new IngestJob(lake, line -> { }).pendingDates(spark);
    }

    /**
     * Runs the leads job for a date and prints its leads by typology and its series, and what failed.
     */
    private static LeadsJob.Result leads(Lake lake, SparkSession spark, LocalDate date, ReportingLines lines,
                                         LeadRules rules, PrintStream out) {
        out.println("leads " + date);
        long t0 = System.nanoTime();
        LeadsJob.Result result = new LeadsJob(lake, line -> out.println("  " + line), lines, rules)
                .run(spark, date);
        out.printf("leads %s done in %.1f s%s%n", date, (System.nanoTime() - t0) / 1e9,
                result.failures().isEmpty() ? "" : "; " + PartFailure.summary(result.failures()));
        print(lake, spark, date, result.counts(), out);
        return result;
    }

    private static void print(Lake lake, SparkSession spark, LocalDate date, Map<String, Long> counts, PrintStream out) {
        out.printf("%-22s %6s%n", "typology", "leads");
        counts.forEach((k, v) -> {
            if (!k.equals(LeadsJob.SERIES_COUNT)) {
                out.printf("%-22s %6d%n", k, v);
            }
        });
        for (Row r : DeltaIO.read(spark, lake.published(Published.LEADS))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(col(Leads.TYPOLOGY), col(Leads.LEAD_ID), size(col(Leads.MEMBERS)), col(Leads.TOTAL_AMOUNT),
                        col(Leads.TXN_COUNT), col(Leads.SCORE))
                .orderBy(col(Leads.TYPOLOGY), col(Leads.SCORE).desc(), col(Leads.LEAD_ID)).limit(SHOWN * 6)
                .collectAsList()) {
            out.printf("  %-20s %s  %3d members  %,16.2f CNY in %4d txns  score %.2f%n", r.getString(0), r.getString(1),
                    r.getInt(2), r.getDecimal(3), r.getLong(4), r.getDouble(5));
        }
        out.printf("incident series: %d%n", counts.getOrDefault(LeadsJob.SERIES_COUNT, 0L));
        for (Row r : DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(col(IncidentSeries.SERIES_ID), col(IncidentSeries.CATEGORY), col(IncidentSeries.MEMBER_COUNT),
                        col(IncidentSeries.COMMUNITIES), col(IncidentSeries.MODUS_OPERANDI))
                .orderBy(col(IncidentSeries.MEMBER_COUNT).desc(), col(IncidentSeries.SERIES_ID)).limit(SHOWN * 2)
                .collectAsList()) {
            out.printf("  %s %-9s %2d incidents in %s, MO %s%n", r.getString(0), r.getString(1), r.getLong(2),
                    r.getList(3), r.getList(4));
        }
    }
}

package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.failure.Parts;
import org.fraudlake.core.failure.Transient;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.graph.series.SeriesLinker;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.features.ReportingLines;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Tenders;
import org.fraudlake.schemas.tables.Silver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Economic-crime leads and incident series for one business date D: reads the pooled, pseudonymized silver
 * tables over the rolling {@link #WINDOW_DAYS}-day window ending on D, runs one detector per
 * {@link Typology}, and replaces the D partition of {@code published/leads}; links incidents into series
 * ({@link SeriesLinker}) and replaces the D partition of {@code published/incident_series}. Running a date
 * again gives identical rows.
 *
 * <p>Cost: one scan of the window's transactions, reduced to transfers with one shuffle and cached for the
 * six detectors (each a few joins and aggregations over small candidate sets, see their Javadoc); the
 * registry, accounts and tenders are read whole; two Delta writes and two small counts per typology. The
 * detectors' and the linker's thresholds are {@link LeadRules} (settings {@code leads.*}).
 */
public final class LeadsJob {
    public static final int WINDOW_DAYS = 30;
    /** The key under which {@link #run} reports the number of incident series. */
    public static final String SERIES_COUNT = "incident_series";
    /** Prefix of a detector's part name in {@link Result#failures}. */
    public static final String DETECTOR_PART = "detector ";
    private static final Logger LOG = LoggerFactory.getLogger(LeadsJob.class);


    /** The part name of the incident-series step in {@link Result#failures}. */
    public static final String SERIES_PART = "incident series";

    /** One typology's detector over the window's inputs. */
    @FunctionalInterface
    interface Detector {
        Dataset<Row> detect(Inputs in, LocalDate date);
    }

    /**
     * What the detectors read: the window's transfers with holders, accounts, companies, and bids (or null); the
     * detectors materialize the frames they reuse in {@code keep}, which the run frees when it ends.
     */
    record Inputs(Dataset<Row> flows, Dataset<Row> accounts, Dataset<Row> companies, Dataset<Row> tenders,
            Checkpoints keep) {
    }

    /**
     * Every detector by typology code, under the default reporting lines and rules; bid rigging runs only when the
     * window has bids.
     */
    static final Map<String, Detector> DETECTORS = detectors(ReportingLines.DEFAULTS, LeadRules.DEFAULTS);

    /**
     * What {@link #run} published.
     *
     * @param counts   leads per typology code (every typology, 0 when none) and {@link #SERIES_COUNT} (absent when
     *                 the series step failed)
     * @param failures detectors ({@code detector <typology>}) and the series step ({@link #SERIES_PART}) that
     *                 failed; the others were published
     */
    public record Result(Map<String, Long> counts, List<PartFailure> failures) {
        public Result {
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            failures = List.copyOf(failures);
        }
    }

    private final Lake lake;
    private final Consumer<String> progress;
    private final Map<String, Detector> detectors;
    private final SeriesLinker.Settings seriesSettings;

    /** A job under the default reporting lines and rules. */
    public LeadsJob(Lake lake, Consumer<String> progress) {
        this(lake, progress, DETECTORS);
    }

    /**
     * A job whose structuring detector looks under the city's reporting lines and whose detectors and incident
     * series follow {@code rules}.
     */
    public LeadsJob(Lake lake, Consumer<String> progress, ReportingLines lines, LeadRules rules) {
        this(lake, progress, detectors(lines, rules), rules.series());
    }

    /** A job with other detectors (tests: one that throws), series under the default rules. */
    LeadsJob(Lake lake, Consumer<String> progress, Map<String, Detector> detectors) {
        this(lake, progress, detectors, LeadRules.DEFAULTS.series());
    }

    private LeadsJob(Lake lake, Consumer<String> progress, Map<String, Detector> detectors,
                     SeriesLinker.Settings series) {
        this.lake = lake;
        this.progress = progress;
        this.detectors = detectors;
        this.seriesSettings = series;
    }

    private static Map<String, Detector> detectors(ReportingLines lines, LeadRules rules) {
        Map<String, Detector> d = new LinkedHashMap<>();
        d.put(Typology.ROUND_TRIPPING.code(), (in, date) -> RoundTripping.detect(in.flows(), date, rules, in.keep()));
        d.put(Typology.UNDERGROUND_BANKING.code(),
                (in, date) -> UndergroundBanking.detect(in.flows(), date, rules, in.keep()));
        d.put(Typology.ILLEGAL_FUNDRAISING.code(), (in, date) -> IllegalFundraising.detect(in.flows(), date, rules));
        d.put(Typology.SHELL_COMPANY.code(),
                (in, date) -> ShellCompany.detect(in.companies(), in.accounts(), in.flows(), date, rules));
        d.put(Typology.STRUCTURING_RING.code(), (in, date) -> StructuringRing.detect(in.flows(), date, lines, rules));
        d.put(Typology.BID_RIGGING.code(), (in, date) -> in.tenders() == null ? null
                : BidRigging.detect(in.tenders(), in.accounts(), in.flows(), date, rules, in.keep()));
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Publishes the leads and incident series of {@code date}. A detector that fails is left out (its typology
     * counts 0) and reported with the series step's failure in {@link Result#failures}; the other detectors'
     * leads are published. When every detector fails, so does the run.
     */
    public Result run(SparkSession spark, LocalDate date) {
        LocalDate from = date.minusDays(WINDOW_DAYS - 1L);
        List<PartFailure> failures = new ArrayList<>();
        Checkpoints keep = new Checkpoints();
        try {
            spark.sparkContext().setJobDescription("leads transfers " + from + ".." + date);
            Dataset<Row> txns = DeltaIO.read(spark, lake.silver(Silver.TRANSACTIONS)).filter(col(Silver.BUSINESS_DATE)
                    .between(lit(Date.valueOf(from)), lit(Date.valueOf(date))));
            Dataset<Row> accounts = DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS));
            Dataset<Row> flows = keep.materialize(Flows.withHolders(Flows.transfers(txns), accounts));
            Dataset<Row> companies = DeltaIO.read(spark, lake.silver(Silver.COMPANIES));
            Dataset<Row> tenders = DeltaIO.exists(spark, lake.silver(Silver.TENDERS))
                    ? window(DeltaIO.read(spark, lake.silver(Silver.TENDERS)), col(Tenders.SUBMITTED_AT), from, date)
                    : null;

            spark.sparkContext().setJobDescription("leads detect and publish " + date);
            Inputs in = new Inputs(flows, accounts, companies, tenders, keep);
            Map<String, Supplier<Dataset<Row>>> parts = new LinkedHashMap<>();
            detectors.forEach((typology, detector) -> {
                if (typology.equals(Typology.BID_RIGGING.code()) && tenders == null) {
                    return;
                }
                parts.put(DETECTOR_PART + typology, () -> detector.detect(in, date));
            });
            Parts.writeUnion(Parts.build(parts, failures), leads -> DeltaIO.replaceWhere(leads.coalesce(1),
                    lake.published(Published.LEADS), Published.BUSINESS_DATE + " = '" + date + "'",
                    Published.BUSINESS_DATE), failures);
            failures.forEach(f -> progress.accept("leads " + date + " " + f.part() + " FAILED, left out: "
                    + ErrorText.describe(f.error())));
            RuntimeException all = PartFailure.whenAllFailed("lead detectors", parts.size(), failures);
            if (all != null) {
                throw all;
            }
            Map<String, Long> counts = counts(spark, date);
            counts.forEach((t, n) -> progress.accept("leads " + date + " " + t + ": " + n));

            try {
                spark.sparkContext().setJobDescription("incident series " + date);
                Dataset<Row> series = SeriesLinker.link(DeltaIO.read(spark, lake.silver(Silver.INCIDENTS)), date,
                        seriesSettings, keep);
                DeltaIO.replaceWhere(series, lake.published(Published.INCIDENT_SERIES),
                        Published.BUSINESS_DATE + " = '" + date + "'", Published.BUSINESS_DATE);
                long seriesCount = DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES))
                        .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)))).count();
                progress.accept("incident series " + date + ": " + seriesCount);
                counts.put(SERIES_COUNT, seriesCount);
            } catch (Exception e) { // Spark's AnalysisException is checked, thrown undeclared
                if (Transient.is(e)) {
                    throw e;
                }
                LOG.error("incident series {} failed; the leads are published", date, e);
                progress.accept("incident series " + date + " FAILED: " + ErrorText.describe(e));
                failures.add(new PartFailure(SERIES_PART, e));
            }
            return new Result(counts, failures);
        } finally {
            keep.release();
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** Rows of {@code frame} whose {@code time} falls on a city date in {@code [from, to]}. */
    static Dataset<Row> window(Dataset<Row> frame, Column time, LocalDate from, LocalDate to) {
        Column day = AsOf.cityDate(time);
        return frame.filter(day.between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
    }

    private Map<String, Long> counts(SparkSession spark, LocalDate date) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Typology t : Typology.values()) {
            counts.put(t.code(), 0L);
        }
        DeltaIO.read(spark, lake.published(Published.LEADS))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .groupBy(Leads.TYPOLOGY).count().collectAsList()
                .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }
}

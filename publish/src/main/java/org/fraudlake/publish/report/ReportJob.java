package org.fraudlake.publish.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.failure.ErrorText;
import org.fraudlake.core.failure.PartFailure;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.lake.Lake;
import org.fraudlake.models.DispositionLabels;
import org.fraudlake.models.FeedbackLabels;
import org.fraudlake.models.Metrics;
import org.fraudlake.models.Registry;
import org.fraudlake.models.RegistryEntry;
import org.fraudlake.publish.report.Report.Section;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.schemas.tables.DeliveryLedger;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.schemas.tables.Published.FeedbackImpact;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Quarantine;
import org.fraudlake.schemas.tables.Silver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fraudlake report --date D}: the nightly report, {@code reports/<D>/report.html} and {@code report.json}.
 * It reads what the night wrote for D (the delivery ledger and quarantine, the model registry, the account feature
 * dates, gold/scores and gold/entity_risk, the published warnings, leads, incident series and feedback impact,
 * silver/bank_feedback and case_labels, ops/dispositions), aggregates it with
 * {@link ReportQueries}, and renders the figures once as JSON ({@link ReportJson}) and once as a page that opens
 * from disk ({@link ReportHtml}: inline CSS and SVG charts, no script, no network).
 *
 * <p>Every section stands alone: a table that does not exist yet gives a section that says "not run yet", and a
 * table that cannot be read as expected gives a "failed" section with the error (also logged); neither stops
 * the report. The same lake gives byte-identical files: nothing reads the clock, and every list is sorted.
 *
 * <p>Cost: one filtered scan per table, and a group-by per section over D (the alert volumes over the
 * {@link #WINDOW_DAYS} days ending on D, the precision over the {@link #FEEDBACK_DAYS} days ending on D). Only
 * small aggregates reach the driver: rows per feed and source, per model and day, per model and score bin, per
 * partner, action and status, per bank and model, the top {@link #TOP} leads and series, and the registry
 * (one row per model version). The warm-up section counts the distinct feature dates; the funnel is a group-by per
 * input table joined on partner; the outcomes join the sent warnings of the feedback window to the answers and
 * labels (see {@link ReportQueries#sentOutcomes}). The two files are each written to a temporary file and renamed into place.
 */
public final class ReportJob {
    /** Days of alert volumes shown, ending on the business date. */
    public static final int WINDOW_DAYS = 14;
    /** Days of feedback precision shown, ending on the business date. */
    public static final int FEEDBACK_DAYS = 30;
    /** Equal-width score bins over [0, 1]. */
    public static final int BINS = 20;
    /** Leads and series listed. */
    public static final int TOP = 10;
    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";

    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL = "ALL";
    /** Prefix of a section's part name in {@link Output#failures}. */
    public static final String SECTION_PART = "section ";

    private final Lake lake;
    private final int firstTrainDays;
    private final Consumer<String> progress;

    /**
     * @param firstTrainDays days of features the night's first training needs ({@code train.first-after-days} as
     *                       the configuration resolves it); the warm-up line says when the models train
     */
    public ReportJob(Lake lake, int firstTrainDays, Consumer<String> progress) {
        if (firstTrainDays < 1) {
            throw new IllegalArgumentException("firstTrainDays must be at least 1, got " + firstTrainDays);
        }
        this.lake = lake;
        this.firstTrainDays = firstTrainDays;
        this.progress = progress;
    }

    /**
     * What {@link #run} wrote.
     *
     * @param html     the path of report.html
     * @param json     the path of report.json
     * @param failures the sections that failed ({@code section <name>}), each with its error; the report shows
     *                 them as "failed" and the others as usual
     */
    public record Output(Report report, String html, String json, List<PartFailure> failures) {
        public Output {
            failures = List.copyOf(failures);
        }
    }

    /** Collects the report for {@code date} and writes both files; returns their paths. */
    public Output run(SparkSession spark, LocalDate date) throws IOException {
        List<PartFailure> failures = new ArrayList<>();
        Report report = collect(spark, date, failures);
        String dir = lake.reports(date);
        ReportFiles files = new ReportFiles(spark.sparkContext().hadoopConfiguration());
        String json = files.writeAtomically(dir, JSON_FILE, ReportJson.render(report));
        String html = files.writeAtomically(dir, HTML_FILE, ReportHtml.render(report));
        return new Output(report, html, json, failures);
    }

    /** The report's figures for {@code date}, read from the lake; writes nothing. */
    public Report collect(SparkSession spark, LocalDate date) {
        return collect(spark, date, new ArrayList<>());
    }

    /** {@link #collect(SparkSession, LocalDate)}, adding each section that failed to {@code failures}. */
    Report collect(SparkSession spark, LocalDate date, List<PartFailure> failures) {
        Section<Report.Inputs> inputs = section(spark, date, "inputs", lake.deliveries(), () -> inputs(spark, date),
                failures);
        List<RegistryEntry> entries = new ArrayList<>();
        Section<Report.Models> models = section(spark, date, "models", lake.modelRegistry(), () -> {
            entries.addAll(new Registry(spark, lake).all());
            return Section.ok(models(entries));
        }, failures);
        Section<Report.WarmUp> warmUp = section(spark, date, "warm-up", lake.gold(Gold.FEATURES_ACCOUNT_DAILY),
                () -> Section.ok(warmUp(entries, historyDays(spark, date), firstTrainDays, date)), failures);
        Section<Report.AlertVolumes> alerts = section(spark, date, "alerts", lake.gold(Gold.SCORES),
                () -> alerts(spark, date, entries), failures);
        return new Report(date, WINDOW_DAYS, FEEDBACK_DAYS, warmUp,
                inputs, models, alerts,
                section(spark, date, "scores", lake.gold(Gold.SCORES), () -> histograms(spark, date, entries, alerts),
                        failures),
                section(spark, date, "intercept list", lake.published(Published.INTERCEPT_LIST),
                        () -> decisions(spark, lake.published(Published.INTERCEPT_LIST), date), failures),
                section(spark, date, "victim warnings", lake.published(Published.VICTIM_WARNINGS),
                        () -> decisions(spark, lake.published(Published.VICTIM_WARNINGS), date), failures),
                section(spark, date, "funnel", lake.published(Published.INTERCEPT_LIST), () -> funnel(spark, date),
                        failures),
                section(spark, date, "leads", lake.published(Published.LEADS), () -> leads(spark, date), failures),
                section(spark, date, "incident series", lake.published(Published.INCIDENT_SERIES),
                        () -> series(spark, date), failures),
                section(spark, date, "feedback impact", lake.published(Published.FEEDBACK_IMPACT),
                        () -> feedback(spark, date), failures),
                section(spark, date, "precision", lake.silver(Silver.BANK_FEEDBACK), () -> precision(spark, date), failures),
                section(spark, date, "outcomes", lake.published(Published.INTERCEPT_LIST),
                        () -> outcomes(spark, date), failures));
    }

    /**
     * Runs one section: "not run yet" when {@code table} does not exist; "failed" (logged, with the error as the
     * note) when reading it throws; else the section. The Spark UI shows the section as the job description.
     */
    private <T> Section<T> section(SparkSession spark, LocalDate date, String name, String table,
                                   Supplier<Section<T>> body, List<PartFailure> failures) {
        String relative = relative(table);
        if (!DeltaIO.exists(spark, table)) {
            progress.accept(String.format("%-16s %s not run yet", name, relative));
            return Section.notRunYet(relative);
        }
        spark.sparkContext().setJobDescription("report " + name + " " + date);
        try {
            Section<T> s = body.get();
            progress.accept(String.format("%-16s %s", name, s.status()));
            return s;
        } catch (Exception e) {
            // Spark's AnalysisException (a column missing, a type changed) is a checked exception thrown undeclared.
            LOG.warn("report section {} for {} failed reading {}", name, date, table, e);
            progress.accept(String.format("%-16s failed: %s", name, ErrorText.describe(e)));
            failures.add(new PartFailure(SECTION_PART + name, e));
            return Section.failed(relative + ": " + firstLine(e));
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private String relative(String table) {
        return table.startsWith(lake.root() + "/") ? table.substring(lake.root().length() + 1) : table;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private Section<Report.Inputs> inputs(SparkSession spark, LocalDate date) {
        List<Report.Delivery> deliveries = new ArrayList<>();
        for (Row r : ReportQueries.deliveries(DeltaIO.read(spark, lake.deliveries()), date).collectAsList()) {
            deliveries.add(new Report.Delivery(r.getAs(DeliveryLedger.FEED), r.getAs(DeliveryLedger.SOURCE),
                    r.getAs(DeliveryLedger.STATUS), r.getAs(ReportQueries.LOADED_VERSION),
                    r.<Long>getAs(DeliveryLedger.FILES), r.<Long>getAs(DeliveryLedger.ROWS_IN_FILES),
                    r.<Long>getAs(DeliveryLedger.ROWS_LOADED), r.<Long>getAs(DeliveryLedger.ROWS_QUARANTINED),
                    r.<Long>getAs(ReportQueries.REJECTED), r.getAs(DeliveryLedger.REASON_CODE),
                    r.getAs(DeliveryLedger.REASON)));
        }
        deliveries.sort(Comparator.comparingInt((Report.Delivery d) -> feedOrder(d.feed()))
                .thenComparing(Report.Delivery::feed).thenComparing(Report.Delivery::source));
        Map<String, List<Report.Delivery>> byFeed = new TreeMap<>(Comparator.comparingInt(ReportJob::feedOrder)
                .thenComparing(Comparator.naturalOrder()));
        deliveries.forEach(d -> byFeed.computeIfAbsent(d.feed(), f -> new ArrayList<>()).add(d));
        List<Report.FeedTotals> feeds = new ArrayList<>();
        byFeed.forEach((feed, ds) -> feeds.add(totals(feed, ds)));
        List<String> without = Feeds.names().stream().filter(f -> !byFeed.containsKey(f)).toList();
        List<Report.ReasonCount> reasons = new ArrayList<>();
        if (DeltaIO.exists(spark, lake.quarantineRowReasons())) {
            for (Row r : ReportQueries.quarantineReasons(DeltaIO.read(spark, lake.quarantineRowReasons()), date)
                    .collectAsList()) {
                reasons.add(new Report.ReasonCount(r.getAs(Quarantine.FEED), r.getAs(Quarantine.REASON_CODE),
                        r.<Long>getAs(ReportQueries.ROWS)));
            }
        }
        List<Report.Rejection> rejections = new ArrayList<>();
        if (DeltaIO.exists(spark, lake.quarantineDeliveries())) {
            for (Row r : ReportQueries.rejections(DeltaIO.read(spark, lake.quarantineDeliveries()), date)
                    .collectAsList()) {
                rejections.add(new Report.Rejection(r.getAs(Quarantine.FEED), r.getAs(Quarantine.SOURCE),
                        r.getAs(Quarantine.DELIVERY_ID), r.getAs(Quarantine.REASON_CODE), r.getAs(Quarantine.REASON)));
            }
        }
        return Section.ok(new Report.Inputs(deliveries, feeds, without, reasons, rejections, totals(ALL, deliveries)));
    }

    private static int feedOrder(String feed) {
        int i = Feeds.names().indexOf(feed);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static Report.FeedTotals totals(String feed, List<Report.Delivery> ds) {
        return new Report.FeedTotals(feed, ds.size(),
                ds.stream().filter(d -> DeliveryLedger.LOADED.equals(d.status())).count(),
                ds.stream().mapToLong(Report.Delivery::rejected).sum(),
                ds.stream().mapToLong(Report.Delivery::rowsLoaded).sum(),
                ds.stream().mapToLong(Report.Delivery::rowsQuarantined).sum());
    }

    /** The registry's champions with their validation metrics, parsed from each entry's metrics JSON. */
    static Report.Models models(List<RegistryEntry> entries) {
        Map<String, List<RegistryEntry>> byModel = new TreeMap<>();
        entries.forEach(e -> byModel.computeIfAbsent(e.model(), m -> new ArrayList<>()).add(e));
        List<Report.Champion> champions = new ArrayList<>();
        List<String> without = new ArrayList<>();
        byModel.forEach((model, versions) -> {
            long challengers = versions.stream().filter(e -> RegistryEntry.CHALLENGER.equals(e.status())).count();
            versions.stream().filter(RegistryEntry::isChampion).findFirst().ifPresentOrElse(
                    c -> champions.add(champion(c, challengers)), () -> without.add(model));
        });
        return new Report.Models(champions, without);
    }

    private static Report.Champion champion(RegistryEntry e, long challengers) {
        Map<String, JsonNode> groups = metricGroups(e);
        JsonNode all = groups.get(Metrics.ALL);
        JsonNode unknown = groups.get(Metrics.UNKNOWN);
        return new Report.Champion(e.model(), e.version(), e.entity(), e.algorithm(), e.asOf(), e.validFrom(),
                e.validTo(), number(e.threshold()), number(e.aucPr()), dbl(unknown, "aucPr"),
                all == null || !all.hasNonNull("k") ? null : all.get("k").asInt(), dbl(all, "precisionAtK"),
                dbl(unknown, "precisionAtK"), dbl(all, "baseRate"), lng(all, "entities"), lng(all, "positives"),
                lng(all, "alerts"), dbl(all, "precisionAtThreshold"), dbl(all, "recallAtThreshold"), challengers);
    }

    /** The entry's metrics ({@link Metrics} as a JSON array) by group; empty when absent or unreadable. */
    private static Map<String, JsonNode> metricGroups(RegistryEntry e) {
        Map<String, JsonNode> out = new HashMap<>();
        if (e.metrics() == null || e.metrics().isBlank()) {
            return out;
        }
        try {
            for (JsonNode m : JSON.readTree(e.metrics())) {
                out.put(m.path("group").asText(), m);
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("registry entry " + e.model() + " v" + e.version()
                    + " has unreadable metrics JSON: " + ex.getOriginalMessage(), ex);
        }
        return out;
    }

    /** A JSON number, or Jackson's quoted NaN/Infinity, as a finite Double; null when absent or not finite. */
    private static Double dbl(JsonNode group, String field) {
        if (group == null || !group.hasNonNull(field)) {
            return null;
        }
        JsonNode n = group.get(field);
        return n.isNumber() ? number(n.asDouble()) : null;
    }

    private static Long lng(JsonNode group, String field) {
        return group == null || !group.hasNonNull(field) || !group.get(field).isNumber() ? null
                : group.get(field).asLong();
    }

    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private Section<Report.AlertVolumes> alerts(SparkSession spark, LocalDate date, List<RegistryEntry> entries) {
        LocalDate from = date.minusDays(WINDOW_DAYS - 1L);
        List<LocalDate> days = from.datesUntil(date.plusDays(1)).toList();
        Map<String, RegistryEntry> champions = champions(entries);
        Dataset<Row> perDay = ReportQueries.alertsPerDay(DeltaIO.read(spark, lake.gold(Gold.SCORES)),
                thresholds(spark, champions), from, date);
        Map<String, long[][]> byModel = new TreeMap<>();
        for (Row r : perDay.collectAsList()) {
            long[][] counts = byModel.computeIfAbsent(r.getAs(Scores.MODEL), m -> new long[2][days.size()]);
            int i = days.indexOf(r.<java.sql.Date>getAs(Published.BUSINESS_DATE).toLocalDate());
            counts[0][i] = r.<Long>getAs(ReportQueries.SCORED);
            counts[1][i] = r.<Long>getAs(ReportQueries.ALERTS);
        }
        long[] total = new long[days.size()];
        List<Report.AlertSeries> series = new ArrayList<>();
        byModel.forEach((model, counts) -> {
            RegistryEntry c = champions.get(model);
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[1][i];
            }
            series.add(new Report.AlertSeries(model, c == null ? null : number(c.threshold()),
                    c == null ? "scores" : "registry v" + c.version(), boxed(counts[0]), boxed(counts[1]),
                    Arrays.stream(counts[1]).sum()));
        });
        return Section.ok(new Report.AlertVolumes(from, date, days, boxed(total), series));
    }

    private static Map<String, RegistryEntry> champions(List<RegistryEntry> entries) {
        Map<String, RegistryEntry> out = new TreeMap<>();
        entries.stream().filter(RegistryEntry::isChampion).forEach(e -> out.put(e.model(), e));
        return out;
    }

    private static Dataset<Row> thresholds(SparkSession spark, Map<String, RegistryEntry> champions) {
        StructType schema = new StructType().add(Scores.MODEL, DataTypes.StringType)
                .add(ReportQueries.CHAMPION_THRESHOLD, DataTypes.DoubleType);
        List<Row> rows = champions.values().stream()
                .map(e -> RowFactory.create(e.model(), number(e.threshold()))).toList();
        return spark.createDataFrame(rows, schema);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Histograms on D; the alerts on D come from the alert section, when it ran. */
    private Section<Report.ScoreDistributions> histograms(SparkSession spark, LocalDate date,
                                                          List<RegistryEntry> entries,
                                                          Section<Report.AlertVolumes> alerts) {
        Map<String, RegistryEntry> champions = champions(entries);
        Map<String, long[]> byModel = new TreeMap<>();
        for (Row r : ReportQueries.scoreHistogram(DeltaIO.read(spark, lake.gold(Gold.SCORES)), date, BINS)
                .collectAsList()) {
            byModel.computeIfAbsent(r.getAs(Scores.MODEL), m -> new long[BINS])[r.<Integer>getAs(ReportQueries.BIN)] =
                    r.<Long>getAs(ReportQueries.ROWS);
        }
        Map<String, Long> alertsOnDay = new HashMap<>();
        if (alerts.isOk()) {
            alerts.data().models().forEach(s -> alertsOnDay.put(s.model(), s.alerts().get(s.alerts().size() - 1)));
        }
        List<Report.Histogram> histograms = new ArrayList<>();
        byModel.forEach((model, counts) -> {
            RegistryEntry c = champions.get(model);
            histograms.add(new Report.Histogram(model, c == null ? null : number(c.threshold()),
                    Arrays.stream(counts).sum(), alertsOnDay.getOrDefault(model, 0L), boxed(counts)));
        });
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= BINS; i++) {
            edges.add(i / (double) BINS);
        }
        return Section.ok(new Report.ScoreDistributions(BINS, edges, histograms));
    }

    private static Section<Report.Decisions> decisions(SparkSession spark, String table, LocalDate date) {
        Map<String, long[]> byAction = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<List<String>, long[]> byPartnerAction = new TreeMap<>(Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        long warnings = 0;
        long sent = 0;
        for (Row r : ReportQueries.decisions(DeltaIO.read(spark, table), date).collectAsList()) {
            String action = r.getAs(InterceptList.ACTION);
            String status = r.getAs(InterceptList.STATUS);
            long rows = r.<Long>getAs(ReportQueries.ROWS);
            long sentRows = r.<Long>getAs(ReportQueries.SENT);
            warnings += rows;
            sent += sentRows;
            long[] a = byAction.computeIfAbsent(action, k -> new long[2]);
            a[0] += rows;
            a[1] += sentRows;
            byStatus.merge(status, rows, Long::sum);
            long[] p = byPartnerAction.computeIfAbsent(List.of(r.getAs(InterceptList.PARTNER), action),
                    k -> new long[6]);
            p[0] += rows;
            p[1] += sentRows;
            int s = statusIndex(status);
            if (s >= 0) {
                p[2 + s] += rows;
            }
        }
        List<Report.ActionCount> actions = new ArrayList<>();
        byAction.forEach((k, v) -> actions.add(new Report.ActionCount(k, v[0], v[1])));
        List<Report.StatusCount> statuses = new ArrayList<>();
        byStatus.forEach((k, v) -> statuses.add(new Report.StatusCount(k, v)));
        List<Report.PartnerAction> partners = new ArrayList<>();
        byPartnerAction.forEach((k, v) -> partners.add(new Report.PartnerAction(k.get(0), k.get(1), v[0], v[1],
                v[2], v[3], v[4], v[5])));
        List<Report.Warning> top = new ArrayList<>();
        for (Row r : ReportQueries.topWarnings(DeltaIO.read(spark, table), date, TOP).collectAsList()) {
            top.add(new Report.Warning(r.getAs(InterceptList.WARNING_ID), r.getAs(InterceptList.PARTNER),
                    r.getAs(InterceptList.ENTITY_TYPE), r.getAs(InterceptList.ENTITY_ID),
                    r.getAs(InterceptList.WARNING_TYPE), r.getAs(InterceptList.ACTION), r.getAs(InterceptList.STATUS),
                    r.<Boolean>getAs(InterceptList.SENT),
                    r.isNullAt(r.fieldIndex(InterceptList.SCORE)) ? 0 : r.<Double>getAs(InterceptList.SCORE),
                    strings(r, InterceptList.MODELS), strings(r, InterceptList.REASONS)));
        }
        return Section.ok(new Report.Decisions(warnings, sent, actions, statuses, partners, top));
    }

    /** Index of NEW, ESCALATED, ACTIVE, WITHDRAWN; -1 for any other status (QUEUED shows among the statuses). */
    private static int statusIndex(String status) {
        for (Published.Status s : Published.Status.values()) {
            if (s.name().equals(status) && s.ordinal() <= Published.Status.WITHDRAWN.ordinal()) {
                return s.ordinal();
            }
        }
        return -1;
    }

    private Section<Report.Leads> leads(SparkSession spark, LocalDate date) {
        Dataset<Row> table = DeltaIO.read(spark, lake.published(Published.LEADS));
        List<Report.TypologyCount> typologies = new ArrayList<>();
        long total = 0;
        for (Row r : ReportQueries.leadsByTypology(table, date).collectAsList()) {
            long n = r.<Long>getAs(ReportQueries.ROWS);
            total += n;
            typologies.add(new Report.TypologyCount(r.getAs(Leads.TYPOLOGY), n, amount(r, ReportQueries.AMOUNT)));
        }
        List<Report.Lead> top = new ArrayList<>();
        for (Row r : ReportQueries.topLeads(table, date, TOP).collectAsList()) {
            top.add(new Report.Lead(r.getAs(Leads.LEAD_ID), r.getAs(Leads.TYPOLOGY),
                    r.<Long>getAs(ReportQueries.MEMBER_COUNT), amount(r, ReportQueries.AMOUNT),
                    r.isNullAt(r.fieldIndex(Leads.TXN_COUNT)) ? 0 : r.<Long>getAs(Leads.TXN_COUNT),
                    r.isNullAt(r.fieldIndex(Leads.SCORE)) ? 0 : r.<Double>getAs(Leads.SCORE)));
        }
        return Section.ok(new Report.Leads(total, typologies, top));
    }

    private static BigDecimal amount(Row r, String field) {
        BigDecimal v = r.getAs(field);
        return v == null ? BigDecimal.ZERO.setScale(2) : v;
    }

    private Section<Report.IncidentSeries> series(SparkSession spark, LocalDate date) {
        Dataset<Row> table = DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES));
        Row counts = ReportQueries.seriesCounts(table, date).first();
        List<Report.Series> top = new ArrayList<>();
        for (Row r : ReportQueries.topSeries(table, date, TOP).collectAsList()) {
            top.add(new Report.Series(r.getAs(IncidentSeries.SERIES_ID), r.getAs(IncidentSeries.CATEGORY),
                    r.<Long>getAs(IncidentSeries.MEMBER_COUNT), strings(r, IncidentSeries.COMMUNITIES),
                    strings(r, IncidentSeries.MODUS_OPERANDI), instant(r, IncidentSeries.FIRST_OCCURRED),
                    instant(r, IncidentSeries.LAST_OCCURRED), Boolean.TRUE.equals(r.getAs(IncidentSeries.OPEN))));
        }
        return Section.ok(new Report.IncidentSeries(counts.getLong(0), counts.isNullAt(1) ? 0 : counts.getLong(1),
                top));
    }

    private static List<String> strings(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? List.of() : List.copyOf(r.<String>getList(i));
    }

    private static String instant(Row r, String field) {
        java.sql.Timestamp t = r.getAs(field);
        return t == null ? null : t.toInstant().toString();
    }

    private Section<Report.Feedback> feedback(SparkSession spark, LocalDate date) {
        List<Report.Impact> byBank = new ArrayList<>();
        Map<String, Report.Impact> byModel = new TreeMap<>();
        for (Row r : ReportQueries.feedbackImpact(DeltaIO.read(spark, lake.published(Published.FEEDBACK_IMPACT)), date)
                .collectAsList()) {
            Report.Impact i = impact(r);
            if (ALL.equals(i.model())) {
                byBank.add(i);
            } else {
                byModel.merge(i.model(), new Report.Impact(ALL, i.model(), i.warningsSent(), i.actedOn(), i.frozen(),
                        i.victimsContacted(), i.victimsInTime(), i.cleared(), i.amountProtected()), ReportJob::plus);
            }
        }
        Report.Impact total = byBank.stream().reduce(ReportJob::plus)
                .map(t -> new Report.Impact(ALL, ALL, t.warningsSent(), t.actedOn(), t.frozen(), t.victimsContacted(),
                        t.victimsInTime(), t.cleared(), t.amountProtected()))
                .orElse(new Report.Impact(ALL, ALL, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO.setScale(2)));
        return Section.ok(new Report.Feedback(byBank, new ArrayList<>(byModel.values()), total));
    }

    private static Report.Impact impact(Row r) {
        return new Report.Impact(r.getAs(FeedbackImpact.BANK), r.getAs(FeedbackImpact.MODEL),
                count(r, FeedbackImpact.WARNINGS_SENT), count(r, FeedbackImpact.ACTED_ON),
                count(r, FeedbackImpact.FROZEN), count(r, FeedbackImpact.VICTIMS_CONTACTED),
                count(r, FeedbackImpact.VICTIMS_IN_TIME), count(r, FeedbackImpact.CLEARED),
                amount(r, FeedbackImpact.AMOUNT_PROTECTED));
    }

    private static long count(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }

    private static Report.Impact plus(Report.Impact a, Report.Impact b) {
        return new Report.Impact(a.bank(), a.model(), a.warningsSent() + b.warningsSent(), a.actedOn() + b.actedOn(),
                a.frozen() + b.frozen(), a.victimsContacted() + b.victimsContacted(),
                a.victimsInTime() + b.victimsInTime(), a.cleared() + b.cleared(),
                a.amountProtected().add(b.amountProtected()));
    }

    private Section<Report.Precision> precision(SparkSession spark, LocalDate date) {
        LocalDate from = date.minusDays(FEEDBACK_DAYS - 1L);
        List<Report.PrecisionDay> days = new ArrayList<>();
        long confirmed = 0;
        long cleared = 0;
        long actedOn = 0;
        for (Row r : ReportQueries.feedbackVerdicts(DeltaIO.read(spark, lake.silver(Silver.BANK_FEEDBACK)), from, date)
                .collectAsList()) {
            long c = r.<Long>getAs(ReportQueries.CONFIRMED);
            long x = r.<Long>getAs(ReportQueries.CLEARED);
            long a = r.<Long>getAs(ReportQueries.ACTED_ON);
            confirmed += c;
            cleared += x;
            actedOn += a;
            days.add(new Report.PrecisionDay(r.<java.sql.Date>getAs(Published.BUSINESS_DATE).toLocalDate(), c, x,
                    Report.share(c, x), a));
        }
        return Section.ok(new Report.Precision(from, date, days, confirmed, cleared,
                Report.share(confirmed, cleared), actedOn));
    }

    /** Days of account features up to D: the history the train stage counts. */
    private long historyDays(SparkSession spark, LocalDate date) {
        return DeltaIO.read(spark, lake.gold(Gold.FEATURES_ACCOUNT_DAILY)).select(Gold.BUSINESS_DATE)
                .filter(org.apache.spark.sql.functions.col(Gold.BUSINESS_DATE).leq(java.sql.Date.valueOf(date)))
                .distinct().count();
    }

    /**
     * Whether D is a warm-up night and what the report says of it. D is warm-up while the registry holds no
     * champion: the score stage skips and no model fires, so the night's warnings come from traced victim money
     * only. The first models train on the first night whose as-of date (the day before) has {@code firstTrainDays}
     * days of features: with {@code historyDays} up to D and one more each night, night D + (firstTrainDays -
     * historyDays + 1), and never before D + 1.
     */
    static Report.WarmUp warmUp(List<RegistryEntry> entries, long historyDays, int firstTrainDays, LocalDate date) {
        boolean champion = entries.stream().anyMatch(RegistryEntry::isChampion);
        boolean trained = !entries.isEmpty();
        if (champion) {
            return new Report.WarmUp(false, historyDays, firstTrainDays, true, null, null);
        }
        String why = "warnings from traced victim money only";
        if (trained) {
            return new Report.WarmUp(true, historyDays, firstTrainDays, true, null, "warm-up: " + days(historyDays)
                    + " of history, models trained but none is a champion yet; " + why);
        }
        LocalDate from = date.plusDays(Math.max(1, firstTrainDays - historyDays + 1));
        return new Report.WarmUp(true, historyDays, firstTrainDays, false, from, "warm-up: " + days(historyDays)
                + " of history, models train from " + from + "; " + why);
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

    /** The funnel of D per partner, summed into a total row. */
    private Section<Report.Funnel> funnel(SparkSession spark, LocalDate date) {
        Dataset<Row> scores = DeltaIO.readOrEmpty(spark, lake.gold(Gold.SCORES), ReportQueries.SCORED_ENTITIES);
        Dataset<Row> risk = DeltaIO.readOrEmpty(spark, lake.gold(Gold.ENTITY_RISK), ReportQueries.RISK_ENTITIES);
        List<Report.FunnelStep> partners = new ArrayList<>();
        long[] t = new long[6];
        for (Row r : ReportQueries.funnel(scores, risk, warnings(spark), date).collectAsList()) {
            Report.FunnelStep p = new Report.FunnelStep(r.getAs(InterceptList.PARTNER),
                    r.<Long>getAs(ReportQueries.SCORED), r.<Long>getAs(ReportQueries.AT_RISK),
                    r.<Long>getAs(ReportQueries.CANDIDATES), r.<Long>getAs(ReportQueries.WITHIN_BUDGET),
                    r.<Long>getAs(ReportQueries.SENT_DETECTED), r.<Long>getAs(ReportQueries.SENT_ECHO));
            partners.add(p);
            long[] v = {p.scored(), p.atRisk(), p.fired(), p.withinBudget(), p.sentDetected(), p.sentEcho()};
            for (int i = 0; i < t.length; i++) {
                t[i] += v[i];
            }
        }
        return Section.ok(new Report.Funnel(partners, new Report.FunnelStep(ALL, t[0], t[1], t[2], t[3], t[4],
                t[5])));
    }

    /** Both published warning tables through {@link ReportQueries#warningColumns}; victim warnings may be absent. */
    private Dataset<Row> warnings(SparkSession spark) {
        return ReportQueries.warningColumns(DeltaIO.read(spark, lake.published(Published.INTERCEPT_LIST)))
                .unionByName(ReportQueries.warningColumns(DeltaIO.readOrEmpty(spark,
                        lake.published(Published.VICTIM_WARNINGS), FeedbackLabels.VICTIM_WARNINGS_SCHEMA)));
    }

    /** What became of the warnings sent each day of the feedback window. */
    private Section<Report.Outcomes> outcomes(SparkSession spark, LocalDate date) {
        LocalDate from = date.minusDays(FEEDBACK_DAYS - 1L);
        Dataset<Row> feedback = DeltaIO.readOrEmpty(spark, lake.silver(Silver.BANK_FEEDBACK),
                FeedbackLabels.BANK_FEEDBACK_SCHEMA);
        Dataset<Row> labels = ReportQueries.labelColumns(DeltaIO.readOrEmpty(spark, lake.silver(Silver.CASE_LABELS),
                        ReportQueries.CASE_LABELS))
                .unionByName(ReportQueries.labelColumns(DispositionLabels.labels(DeltaIO.readOrEmpty(spark,
                        lake.ops(Ops.DISPOSITIONS), DispositionLabels.SCHEMA))));
        List<Report.OutcomeDay> days = new ArrayList<>();
        long[] t = new long[6];
        for (Row r : ReportQueries.sentOutcomes(warnings(spark), feedback, labels, from, date).collectAsList()) {
            long[] v = {r.<Long>getAs(ReportQueries.SENT_ALL), r.<Long>getAs(ReportQueries.CONFIRMED),
                    r.<Long>getAs(ReportQueries.CLEARED), r.<Long>getAs(ReportQueries.SENT_DETECTED),
                    r.<Long>getAs(ReportQueries.CONFIRMED_DETECTED), r.<Long>getAs(ReportQueries.CLEARED_DETECTED)};
            days.add(outcomeDay(r.<java.sql.Date>getAs(Published.BUSINESS_DATE).toLocalDate(), v));
            for (int i = 0; i < t.length; i++) {
                t[i] += v[i];
            }
        }
        return Section.ok(new Report.Outcomes(from, date, days, outcomeDay(null, t)));
    }

    /** {@code v}: sent, confirmed, cleared, then the same for detections. */
    private static Report.OutcomeDay outcomeDay(LocalDate date, long[] v) {
        return new Report.OutcomeDay(date, v[0], v[1], v[2], Report.share(v[1], v[2]), v[3], v[4], v[5],
                Report.share(v[4], v[5]));
    }
}

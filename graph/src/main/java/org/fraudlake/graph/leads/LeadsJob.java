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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.graph.series.SeriesLinker;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.features.AsOf;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Typology;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Silver.Tenders;

/**
 * Economic-crime leads and incident series for one business date D: reads the pooled, pseudonymized silver
 * tables over the rolling {@link #WINDOW_DAYS}-day window ending on D, runs one detector per
 * {@link Typology}, and replaces the D partition of {@code published/leads}; links incidents into series
 * ({@link SeriesLinker}) and replaces the D partition of {@code published/incident_series}. Running a date
 * again gives identical rows.
 *
 * <p>Cost: one scan of the window's transactions, reduced to transfers with one shuffle and cached for the
 * six detectors (each a few joins and aggregations over small candidate sets, see their Javadoc); the
 * registry, accounts and tenders are read whole; two Delta writes and two small counts per typology.
 */
public final class LeadsJob {
    public static final int WINDOW_DAYS = 30;
    /** The key under which {@link #run} reports the number of incident series. */
    public static final String SERIES_COUNT = "incident_series";


    private final Lake lake;
    private final Consumer<String> progress;

    public LeadsJob(Lake lake, Consumer<String> progress) {
        this.lake = lake;
        this.progress = progress;
    }

    /**
     * Publishes the leads and incident series of {@code date}.
     *
     * @return leads per typology code (every typology, 0 when none) and {@link #SERIES_COUNT}
     */
    public Map<String, Long> run(SparkSession spark, LocalDate date) {
        LocalDate from = date.minusDays(WINDOW_DAYS - 1L);
        try {
            spark.sparkContext().setJobDescription("leads transfers " + from + ".." + date);
            Dataset<Row> txns = DeltaIO.read(spark, lake.silver(Silver.TRANSACTIONS)).filter(col(Silver.BUSINESS_DATE)
                    .between(lit(Date.valueOf(from)), lit(Date.valueOf(date))));
            Dataset<Row> accounts = DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS));
            Dataset<Row> flows = Flows.withHolders(Flows.transfers(txns), accounts).cache();
            Dataset<Row> companies = DeltaIO.read(spark, lake.silver(Silver.COMPANIES));
            Dataset<Row> tenders = DeltaIO.exists(spark, lake.silver(Silver.TENDERS))
                    ? window(DeltaIO.read(spark, lake.silver(Silver.TENDERS)), col(Tenders.SUBMITTED_AT), from, date)
                    : null;

            spark.sparkContext().setJobDescription("leads detect and publish " + date);
            Dataset<Row> leads = detect(flows, accounts, companies, tenders, date);
            DeltaIO.replaceWhere(leads, lake.published(Published.LEADS),
                    Published.BUSINESS_DATE + " = '" + date + "'", Published.BUSINESS_DATE);
            flows.unpersist();
            Map<String, Long> counts = counts(spark, date);
            counts.forEach((t, n) -> progress.accept("leads " + date + " " + t + ": " + n));

            spark.sparkContext().setJobDescription("incident series " + date);
            Dataset<Row> series = SeriesLinker.link(DeltaIO.read(spark, lake.silver(Silver.INCIDENTS)), date);
            DeltaIO.replaceWhere(series, lake.published(Published.INCIDENT_SERIES),
                    Published.BUSINESS_DATE + " = '" + date + "'", Published.BUSINESS_DATE);
            long seriesCount = DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES))
                    .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date)))).count();
            progress.accept("incident series " + date + ": " + seriesCount);
            counts.put(SERIES_COUNT, seriesCount);
            return counts;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Every detector's leads for {@code date}, in the schema of {@link LeadRows#SCHEMA}. {@code flows} are the
     * window's transfers with holders; {@code tenders} the window's bids, or null when there are none.
     */
    public static Dataset<Row> detect(Dataset<Row> flows, Dataset<Row> accounts, Dataset<Row> companies,
                                      Dataset<Row> tenders, LocalDate date) {
        List<Dataset<Row>> parts = new ArrayList<>(List.of(
                RoundTripping.detect(flows, date),
                UndergroundBanking.detect(flows, date),
                IllegalFundraising.detect(flows, date),
                ShellCompany.detect(companies, accounts, flows, date),
                StructuringRing.detect(flows, date)));
        if (tenders != null) {
            parts.add(BidRigging.detect(tenders, accounts, flows, date));
        }
        Dataset<Row> all = parts.get(0);
        for (Dataset<Row> p : parts.subList(1, parts.size())) {
            all = all.unionByName(p);
        }
        return all.coalesce(1);
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

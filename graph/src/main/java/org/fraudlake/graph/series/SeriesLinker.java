package org.fraudlake.graph.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.graph.network.Components;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Incidents;

/**
 * Incident series: police incidents of a place-bound category ({@link #CATEGORIES}) are linked when they
 * have the same category and the same modus operandi codes, occurred within {@link Settings#maxGapDays()} days of
 * each other, and in the same community or within {@link Settings#radiusMetres()} metres. Linked incidents form
 * series (connected components, so a new incident that links to any member joins the series); a series needs
 * {@link Settings#minMembers()} incidents. Its id is the hash of its first incident, so it stays the same as later
 * incidents join; it is open while its last incident is at most {@link Settings#openDays()} days before the date.
 * The thresholds are settings ({@code leads.incident-series.*}, see {@code LeadRules}); {@link Settings#DEFAULTS}
 * holds their defaults.
 *
 * <p>Look-alike: thefts with the same codes all over the city are never linked across communities farther
 * apart than the radius. Cost: a self-join of the look-back window's incidents on category and modus
 * operandi (quadratic within one code set; incidents are thousands a month), a connected-components pass
 * over the linked pairs and one aggregation per series.
 */
public final class SeriesLinker {
    public static final List<String> CATEGORIES = List.of("THEFT", "BURGLARY", "ROBBERY");

    /** Linking reasons. */
    public static final String SAME_CATEGORY = "SAME_CATEGORY";
    public static final String SAME_MO = "SAME_MO";
    public static final String SAME_COMMUNITY = "SAME_COMMUNITY";
    public static final String WITHIN_RADIUS = "WITHIN_RADIUS";
    public static final String WITHIN_DAYS = "WITHIN_DAYS";

    private static final double EARTH_M = 6_371_000;
    private static final String ID = "_id";
    private static final String AT = "_at";
    private static final String MO = "_mo";

    /**
     * What links incidents into series and which series are published.
     *
     * @param lookbackDays incidents that occurred this many days before the date or fewer are linked (default 90)
     * @param openDays     a series is open while its last incident is at most this many days before the date
     *                     (default 30)
     * @param maxGapDays   most days between two linked incidents (default 14)
     * @param radiusMetres incidents in different communities link when at most this many metres apart (default
     *                     1,000)
     * @param minMembers   fewest incidents of a series (default 3)
     */
    public record Settings(int lookbackDays, int openDays, int maxGapDays, double radiusMetres, int minMembers) {
        /** The defaults of {@code leads.incident-series.*}. */
        public static final Settings DEFAULTS = new Settings(90, 30, 14, 1_000, 3);
    }

    private SeriesLinker() {
    }

    /**
     * The series as of {@code date} from {@code silver/incidents}: incidents reported by the end of the date
     * (city time) that occurred in the {@link Settings#lookbackDays()} days before it, under the default settings.
     *
     * @return rows with the columns of {@link IncidentSeries} and {@link Published#BUSINESS_DATE}
     */
    public static Dataset<Row> link(Dataset<Row> incidents, LocalDate date) {
        return link(incidents, date, Settings.DEFAULTS, new Checkpoints());
    }

    /**
     * As {@link #link(Dataset, LocalDate)} under {@code settings}, its reused frames materialized in {@code keep},
     * freed when the caller's job ends.
     */
    public static Dataset<Row> link(Dataset<Row> incidents, LocalDate date, Settings settings, Checkpoints keep) {
        Column reportedDay = AsOf.cityDate(col(Incidents.REPORTED_AT));
        Column occurred = functions.coalesce(col(Incidents.OCCURRED_AT), col(Incidents.REPORTED_AT));
        Column occurredDay = AsOf.cityDate(occurred);
        Dataset<Row> recent = keep.materialize(incidents
                .filter(reportedDay.leq(lit(Date.valueOf(date)))
                        .and(occurredDay.geq(lit(Date.valueOf(date.minusDays(settings.lookbackDays())))))
                        .and(functions.upper(col(Incidents.CATEGORY)).isin(CATEGORIES.toArray()))
                        .and(functions.size(col(Incidents.MODUS_OPERANDI)).gt(0)))
                .select(col(Incidents.INCIDENT_ID).as(ID), functions.upper(col(Incidents.CATEGORY)).as("_cat"),
                        functions.array_join(functions.array_sort(functions.array_distinct(col(Incidents.MODUS_OPERANDI))),
                                ";").as(MO),
                        occurred.as(AT), col(Incidents.COMMUNITY).as("_community"),
                        col(Incidents.LAT).cast("double").as("_lat"), col(Incidents.LON).cast("double").as("_lon")));
        Dataset<Row> other = recent.select(col(ID).as("_o_id"), col("_cat"), col(MO), col(AT).as("_o_at"),
                col("_community").as("_o_community"), col("_lat").as("_o_lat"), col("_lon").as("_o_lon"));
        Column sameCommunity = functions.coalesce(col("_community").equalTo(col("_o_community")), lit(false));
        Column near = functions.coalesce(distance(col("_lat"), col("_lon"), col("_o_lat"), col("_o_lon"))
                .leq(settings.radiusMetres()), lit(false));
        Column gapSeconds = functions.abs(col(AT).cast("long").minus(col("_o_at").cast("long")));
        Dataset<Row> pairs = keep.materialize(recent.join(other, new String[]{"_cat", MO})
                .filter(col(ID).lt(col("_o_id")).and(gapSeconds.leq(settings.maxGapDays() * 86_400L))
                        .and(sameCommunity.or(near)))
                .select(col(ID).as(Components.A), col("_o_id").as(Components.B),
                        functions.when(sameCommunity, lit(SAME_COMMUNITY)).otherwise(lit(WITHIN_RADIUS)).as("_why")));
        Dataset<Row> members = Components.of(pairs)
                .select(col(Components.NODE).as(ID), col(Components.COMPONENT).as("_series"));
        Dataset<Row> reasons = pairs.join(members, col(Components.A).equalTo(col(ID)))
                .groupBy("_series").agg(functions.collect_set(col("_why")).as("_why"));
        Column ordered = functions.array_sort(functions.collect_list(functions.struct(col(AT), col(ID))));
        Dataset<Row> series = recent.join(members, ID).groupBy("_series").agg(
                        ordered.as("_ordered"), functions.first(col("_cat")).as(IncidentSeries.CATEGORY),
                        functions.first(col(MO)).as(MO),
                        functions.array_sort(functions.collect_set(col("_community"))).as(IncidentSeries.COMMUNITIES),
                        functions.min(col(AT)).as(IncidentSeries.FIRST_OCCURRED),
                        functions.max(col(AT)).as(IncidentSeries.LAST_OCCURRED))
                .filter(functions.size(col("_ordered")).geq(settings.minMembers()))
                .join(reasons, "_series");
        Column lastDay = AsOf.cityDate(col(IncidentSeries.LAST_OCCURRED));
        return series.select(
                functions.concat(lit("sr_"), functions.substring(functions.sha2(
                        col("_ordered").getItem(0).getField(ID), 256), 1, 24)).as(IncidentSeries.SERIES_ID),
                col(IncidentSeries.CATEGORY),
                functions.split(col(MO), ";").as(IncidentSeries.MODUS_OPERANDI),
                functions.transform(col("_ordered"), m -> m.getField(ID)).as(IncidentSeries.MEMBERS),
                functions.size(col("_ordered")).cast("long").as(IncidentSeries.MEMBER_COUNT),
                col(IncidentSeries.COMMUNITIES),
                functions.array_sort(functions.array_union(functions.array(lit(SAME_CATEGORY), lit(SAME_MO),
                        lit(WITHIN_DAYS)), col("_why"))).as(IncidentSeries.REASONS),
                col(IncidentSeries.FIRST_OCCURRED), col(IncidentSeries.LAST_OCCURRED),
                lastDay.geq(lit(Date.valueOf(date.minusDays(settings.openDays())))).as(IncidentSeries.OPEN),
                lit(Date.valueOf(date)).as(Published.BUSINESS_DATE));
    }

    /** Great-circle distance in metres between two points in degrees (haversine). */
    static Column distance(Column lat1, Column lon1, Column lat2, Column lon2) {
        Column dLat = functions.radians(lat2.minus(lat1));
        Column dLon = functions.radians(lon2.minus(lon1));
        Column a = functions.pow(functions.sin(dLat.divide(2)), 2).plus(functions.cos(functions.radians(lat1))
                .multiply(functions.cos(functions.radians(lat2))).multiply(functions.pow(functions.sin(dLon.divide(2)), 2)));
        return functions.asin(functions.sqrt(a)).multiply(2 * EARTH_M);
    }
}

package org.fraudlake.graph.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.Checkpoints;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestExtension.class)
class SeriesLinkerTest {
    static final StructType INCIDENTS = StructType.fromDDL("incident_id STRING, reported_at TIMESTAMP, "
            + "category STRING, fraud_type STRING, occurred_at TIMESTAMP, district STRING, community STRING, "
            + "lat DOUBLE, lon DOUBLE, modus_operandi ARRAY<STRING>, description STRING");
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final List<String> MO = List.of("NIGHT", "CUT_LOCK", "ELECTRIC_BIKE");

    private final SparkSession spark;

    SeriesLinkerTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row incident(String id, int day, String community, double lat, double lon, List<String> mo) {
        Timestamp at = Timestamp.from(Instant.parse("2026-11-01T16:00:00Z").plusSeconds(day * 86_400L));
        return RowFactory.create(id, new Timestamp(at.getTime() + 3_600_000L * 8), "THEFT", null, at, "Jinjiang",
                community, lat, lon, mo.toArray(), "bike stolen");
    }

    private Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, INCIDENTS);
    }

    @Test
    void theftsInOneCommunityEveryFewDaysWithOneModusOperandiAreOneSeries() {
        List<Row> rows = new ArrayList<>(List.of(
                incident("i1", 0, "Liuyuan", 30.650, 104.060, MO),
                incident("i2", 3, "Liuyuan", 30.651, 104.061, List.of("ELECTRIC_BIKE", "NIGHT", "CUT_LOCK")),
                incident("i3", 7, "Liuyuan", 30.652, 104.059, MO),
                incident("i4", 9, "Next door", 30.655, 104.062, MO),
                incident("x1", 5, "Liuyuan", 30.650, 104.060, List.of("DAYTIME", "PICKPOCKET"))));
        List<Row> series = SeriesLinker.link(frame(rows), DAY).collectAsList();
        assertEquals(1, series.size());
        Row s = series.get(0);
        assertEquals(List.of("i1", "i2", "i3", "i4"), s.getList(s.fieldIndex(IncidentSeries.MEMBERS)));
        assertTrue(s.getList(s.fieldIndex(IncidentSeries.REASONS)).containsAll(List.of("SAME_COMMUNITY",
                "WITHIN_RADIUS", "SAME_MO", "SAME_CATEGORY")));
        assertTrue(s.<Boolean>getAs(IncidentSeries.OPEN));

        String before = SeriesLinker.link(frame(rows.subList(0, 3)), LocalDate.of(2026, 11, 9))
                .first().getAs(IncidentSeries.SERIES_ID);
        assertEquals(before, s.getAs(IncidentSeries.SERIES_ID), "a new incident joins the open series, same id");
    }

    @Test
    void sameModusOperandiAcrossTheCityIsNotASeries() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(incident("c" + i, i, "community" + i, 30.55 + 0.02 * i, 103.95 + 0.02 * i, MO));
        }
        assertEquals(0, SeriesLinker.link(frame(rows), DAY).count());
    }

    @Test
    void incidentsReportedAfterTheDateOrTooFarApartAreNotLinked() {
        List<Row> rows = List.of(
                incident("i1", 0, "Liuyuan", 30.650, 104.060, MO),
                incident("i2", 20, "Liuyuan", 30.650, 104.060, MO),
                incident("i3", 40, "Liuyuan", 30.650, 104.060, MO),
                incident("late", 30, "Liuyuan", 30.650, 104.060, MO));
        assertEquals(0, SeriesLinker.link(frame(rows), DAY).count());
    }

    @Test
    void theLinkingThresholdsAreSettings() {
        List<Row> rows = List.of(
                incident("i1", 0, "Liuyuan", 30.650, 104.060, MO),
                incident("i2", 1, "Liuyuan", 30.651, 104.061, MO),
                incident("i3", 17, "Next door", 30.661, 104.060, MO));
        assertEquals(0, SeriesLinker.link(frame(rows), DAY).count(), "two linked incidents are no series");
        List<Row> wide = SeriesLinker.link(frame(rows), DAY, new SeriesLinker.Settings(90, 30, 17, 1_500, 3),
                new Checkpoints()).collectAsList();
        assertEquals(1, wide.size(), "16 days and 1.1 km from i2, i3 links when the gap and the radius allow it");
        assertEquals(List.of("i1", "i2", "i3"), wide.get(0).getList(wide.get(0).fieldIndex(IncidentSeries.MEMBERS)));
        assertEquals(1, SeriesLinker.link(frame(rows), DAY, new SeriesLinker.Settings(90, 30, 14, 1_000, 2),
                new Checkpoints()).count(), "two incidents are a series when two are enough");
    }
}

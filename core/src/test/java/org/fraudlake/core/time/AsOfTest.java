package org.fraudlake.core.time;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.testkit.SparkTestExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The city's time zone is a setting: business dates, local hours and weekends follow it, DST included. */
@ExtendWith(SparkTestExtension.class)
class AsOfTest {
    private static final StructType SCHEMA = new StructType().add("t", DataTypes.TimestampType)
            .add("d", DataTypes.DateType);

    @AfterEach
    void backToTheDefault() {
        AsOf.useCityZone(AsOf.DEFAULT_CITY_ZONE);
    }

    private static Row cityFields(SparkSession spark, String instant, LocalDate businessDate) {
        return spark.createDataFrame(List.of(RowFactory.create(Timestamp.from(Instant.parse(instant)),
                        Date.valueOf(businessDate))), SCHEMA)
                .select(AsOf.cityDate(col("t")).as("city_date"), AsOf.localHour(col("t")).as("hour"),
                        AsOf.localWeekend(col("t")).as("weekend"),
                        AsOf.beforeEndOfBusinessDate(col("t"), col("d")).as("in_time"), lit(1))
                .first();
    }

    @Test
    void theDefaultCityIsShanghaiUtcPlusEight(SparkSession spark) {
        Row r = cityFields(spark, "2026-11-27T16:30:00Z", LocalDate.of(2026, 11, 27));
        assertEquals(Date.valueOf("2026-11-28"), r.getAs("city_date"));
        assertEquals(0, r.<Integer>getAs("hour"));
        assertEquals(true, r.<Boolean>getAs("weekend"), "Saturday 00:30 in Shanghai");
        assertEquals(false, r.<Boolean>getAs("in_time"), "after the end of Nov 27 in the city");
    }

    @Test
    void anotherCityReadsTheSameInstantInItsOwnZoneWithDaylightSavingTime(SparkSession spark) {
        AsOf.useCityZone(ZoneId.of("America/New_York"));
        Row summer = cityFields(spark, "2026-07-01T03:30:00Z", LocalDate.of(2026, 6, 30));
        assertEquals(Date.valueOf("2026-06-30"), summer.getAs("city_date"), "23:30 EDT (UTC-4)");
        assertEquals(23, summer.<Integer>getAs("hour"));
        assertEquals(true, summer.<Boolean>getAs("in_time"));
        Row winter = cityFields(spark, "2026-12-01T04:30:00Z", LocalDate.of(2026, 11, 30));
        assertEquals(Date.valueOf("2026-11-30"), winter.getAs("city_date"), "23:30 EST (UTC-5)");
        assertEquals(23, winter.<Integer>getAs("hour"));
        assertEquals(Instant.parse("2026-12-01T05:00:00Z"), new AsOf(LocalDate.of(2026, 11, 30)).endOfDay().toInstant());
        assertEquals(LocalDate.of(2026, 11, 30), AsOf.cityDate(Instant.parse("2026-12-01T04:59:59Z")));
    }
}

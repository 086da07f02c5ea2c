package org.fraudlake.schemas.tables;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/deliveries}: one row per decision on a delivery (append only). The latest row of a
 * {@code feed/source/business_date} is its current state; {@link #BRONZE_VERSION} is the bronze table
 * version that holds a loaded delivery, so an earlier restated version stays readable by time travel.
 */
public final class DeliveryLedger {
    public static final String FEED = "feed";
    public static final String SOURCE = "source";
    public static final String BUSINESS_DATE = "business_date";
    public static final String DELIVERY_ID = "delivery_id";
    public static final String FINGERPRINT = "fingerprint";
    /** LOADED or REJECTED. */
    public static final String STATUS = "status";
    /** 1 for the first loaded version of a delivery, then 2, 3... for restatements. */
    public static final String VERSION = "version";
    public static final String FILES = "files";
    public static final String ROWS_IN_FILES = "rows_in_files";
    public static final String ROWS_LOADED = "rows_loaded";
    public static final String ROWS_QUARANTINED = "rows_quarantined";
    public static final String BRONZE_VERSION = "bronze_version";
    public static final String REASON_CODE = "reason_code";
    public static final String REASON = "reason";
    public static final String DECIDED_AT = "decided_at";

    public static final String LOADED = "LOADED";
    public static final String REJECTED = "REJECTED";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(FEED, DataTypes.StringType, false),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
            DataTypes.createStructField(FINGERPRINT, DataTypes.StringType, false),
            DataTypes.createStructField(STATUS, DataTypes.StringType, false),
            DataTypes.createStructField(VERSION, DataTypes.IntegerType, false),
            DataTypes.createStructField(FILES, DataTypes.IntegerType, false),
            DataTypes.createStructField(ROWS_IN_FILES, DataTypes.LongType, false),
            DataTypes.createStructField(ROWS_LOADED, DataTypes.LongType, false),
            DataTypes.createStructField(ROWS_QUARANTINED, DataTypes.LongType, false),
            DataTypes.createStructField(BRONZE_VERSION, DataTypes.LongType, true),
            DataTypes.createStructField(REASON_CODE, DataTypes.StringType, true),
            DataTypes.createStructField(REASON, DataTypes.StringType, true),
            DataTypes.createStructField(DECIDED_AT, DataTypes.TimestampType, false)});

    private DeliveryLedger() {
    }
}

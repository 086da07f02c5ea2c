package org.fraudlake.schemas.tables;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code quarantine/rows}: every bad row of an accepted delivery with its raw text and a reason that may quote the
 * bad value (restricted zone); {@code quarantine/row_reasons}: the same rows without raw text or quoted values, for
 * analysts and the report; and {@code quarantine/deliveries}: every rejected delivery with the reason.
 */
public final class Quarantine {
    public static final String FEED = "feed";
    public static final String SOURCE = "source";
    public static final String BUSINESS_DATE = "business_date";
    public static final String DELIVERY_ID = "delivery_id";
    public static final String FILE = "file";
    public static final String LINE = "line";
    public static final String REASON_CODE = "reason_code";
    public static final String REASON = "reason";
    public static final String RAW = "raw";
    public static final String FINGERPRINT = "fingerprint";
    public static final String RECORDED_AT = "recorded_at";

    public static final StructType ROWS = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(FEED, DataTypes.StringType, false),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
            DataTypes.createStructField(FILE, DataTypes.StringType, false),
            DataTypes.createStructField(LINE, DataTypes.LongType, false),
            DataTypes.createStructField(REASON_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(REASON, DataTypes.StringType, false),
            DataTypes.createStructField(RAW, DataTypes.StringType, true),
            DataTypes.createStructField(RECORDED_AT, DataTypes.TimestampType, false)});

    /** The analyst-readable side of {@link #ROWS}: where each bad row was and why, never what it held. */
    public static final StructType ROW_REASONS = DataTypes.createStructType(java.util.Arrays.stream(ROWS.fields())
            .filter(f -> !f.name().equals(REASON) && !f.name().equals(RAW)).toArray(StructField[]::new));

    public static final StructType DELIVERIES = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(FEED, DataTypes.StringType, false),
            DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
            DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
            DataTypes.createStructField(FINGERPRINT, DataTypes.StringType, false),
            DataTypes.createStructField(FILE, DataTypes.StringType, true),
            DataTypes.createStructField(REASON_CODE, DataTypes.StringType, false),
            DataTypes.createStructField(REASON, DataTypes.StringType, false),
            DataTypes.createStructField(RECORDED_AT, DataTypes.TimestampType, false)});

    private Quarantine() {
    }
}

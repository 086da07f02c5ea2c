package org.fraudlake.schemas.tables;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/partners}: the partner registry, one row per binding of a sender code to a partner kind (append only;
 * the latest row of a code is its binding). Ingest writes a row when a code is first loaded (learned, or bound by
 * configuration) and when configuration rebinds it; a delivery of a feed of another kind is then rejected, and
 * publishing reads a partner's kind here.
 */
public final class PartnerBindings {
    /** The table under {@code ops/}. */
    public static final String TABLE = "partners";
    public static final String CODE = "code";
    /** A {@code SourceKind} name: BANK, CARRIER, POLICE, CASE_MANAGEMENT, REGULATOR, TRADING_CENTER. */
    public static final String KIND = "kind";
    /** {@link #LEARNED}, {@link #CONFIG} or {@link #HISTORY}. */
    public static final String ORIGIN = "origin";
    /** The feed of the delivery that bound the code. */
    public static final String FEED = "feed";
    public static final String BUSINESS_DATE = "business_date";
    public static final String BOUND_AT = "bound_at";

    /** From the code's first loaded delivery. */
    public static final String LEARNED = "LEARNED";
    /** From the {@code ingest.partners} setting. */
    public static final String CONFIG = "CONFIG";
    /** From the earliest loaded delivery in {@code ops/deliveries}, when the registry was first made. */
    public static final String HISTORY = "HISTORY";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(CODE, DataTypes.StringType, false),
            DataTypes.createStructField(KIND, DataTypes.StringType, false),
            DataTypes.createStructField(ORIGIN, DataTypes.StringType, false),
            DataTypes.createStructField(FEED, DataTypes.StringType, true),
            DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, true),
            DataTypes.createStructField(BOUND_AT, DataTypes.TimestampType, false)});

    private PartnerBindings() {
    }
}

package org.fraudlake.schemas.tables;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.FeedSchema;

/**
 * Bronze tables ({@code bronze/<feed>}): the feed's typed columns as delivered, unknown extra columns in
 * {@link #EXTRA}, and lineage. Partitioned by {@link #BUSINESS_DATE}.
 */
public final class Bronze {
    public static final String SOURCE = "_source";
    public static final String BUSINESS_DATE = "_business_date";
    public static final String DELIVERY_ID = "_delivery_id";
    public static final String FILE = "_file";
    public static final String LINE = "_line";
    public static final String INGESTED_AT = "_ingested_at";
    /** Unknown columns of the delivery, header name to raw value; ignored downstream. */
    public static final String EXTRA = "_extra";

    private Bronze() {
    }

    /** The lineage columns, in table order after the feed's own columns. */
    public static List<StructField> lineage() {
        return List.of(
                DataTypes.createStructField(EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
                DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
                DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, false),
                DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
                DataTypes.createStructField(FILE, DataTypes.StringType, false),
                DataTypes.createStructField(LINE, DataTypes.LongType, false),
                DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    }

    /** The bronze schema of a feed: its contract columns then lineage. */
    public static StructType schema(FeedSchema feed) {
        List<StructField> fields = new ArrayList<>(List.of(feed.sparkSchema().fields()));
        fields.addAll(lineage());
        return DataTypes.createStructType(fields);
    }
}

package org.fraudlake.pipelines.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.tables.Bronze;

/**
 * The intermediate frame of one ingest pass: the bronze columns plus control columns. A parsed file
 * gives its good rows ({@link #ROW}), its bad rows ({@link #BAD}) and one summary row ({@link #FILE})
 * with the file's sha256, record count and any header problem, so a delivery is judged and loaded from a
 * single read of its files.
 */
public final class ParsedRows {
    public static final String KIND = "_kind";
    public static final String REASON_CODE = "_reason_code";
    public static final String REASON = "_reason";
    public static final String RAW = "_raw";
    public static final String RECORDS = "_records";
    public static final String GOOD = "_good";
    public static final String BAD_ROWS = "_bad";
    public static final String SHA256 = "_sha256";
    /** A file's bytes once decompressed (Parquet: characters of its values). */
    public static final String BYTES = "_bytes";

    public static final String ROW = "ROW";
    public static final String BAD = "BAD";
    public static final String FILE = "FILE";

    /** Control columns after the bronze columns. */
    public static final List<String> CONTROL = List.of(KIND, REASON_CODE, REASON, RAW, RECORDS, GOOD, BAD_ROWS, SHA256,
            BYTES);

    private ParsedRows() {
    }

    public static StructType schema(FeedSchema feed) {
        List<StructField> fields = new ArrayList<>(List.of(Bronze.schema(feed).fields()));
        fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(REASON_CODE, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(RECORDS, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(GOOD, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(BAD_ROWS, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(SHA256, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(BYTES, DataTypes.LongType, true));
        return DataTypes.createStructType(fields);
    }
}

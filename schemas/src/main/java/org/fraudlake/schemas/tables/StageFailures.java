package org.fraudlake.schemas.tables;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/failures}: one row per failure the night met (append only): a stage attempt that failed as a whole
 * ({@link #PART} null), or one part of a stage that failed while the stage went on (a model, a lead detector, the
 * incident-series step, a report section, a partner's outbox folder). Each row says where: the exception class,
 * its first message line, the top frames of fraudlake's code, and the log file holding the whole stack.
 */
public final class StageFailures {
    public static final String RUN_ID = "run_id";
    public static final String BUSINESS_DATE = "business_date";
    public static final String STAGE = "stage";
    public static final String ATTEMPT = "attempt";
    /** The failed part (e.g. {@code money_mule}, {@code partner BANK_A}); null when the whole stage failed. */
    public static final String PART = "part";
    /** The root cause's class name, fully qualified. */
    public static final String ERROR_CLASS = "error_class";
    /** The root cause's message (first line), empty when it has none. */
    public static final String MESSAGE = "message";
    /** Where: the top frames of our code, innermost first, {@code Class.method(File.java:line)} joined by " <- ". */
    public static final String FRAMES = "frames";
    /** The whole error, as ErrorText describes it. */
    public static final String DESCRIPTION = "description";
    /** The log file (relative to the lake root) with the whole stack. */
    public static final String LOG = "log";
    public static final String RECORDED_AT = "recorded_at";

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
            DataTypes.createStructField(BUSINESS_DATE, DataTypes.DateType, false),
            DataTypes.createStructField(STAGE, DataTypes.StringType, false),
            DataTypes.createStructField(ATTEMPT, DataTypes.IntegerType, false),
            DataTypes.createStructField(PART, DataTypes.StringType, true),
            DataTypes.createStructField(ERROR_CLASS, DataTypes.StringType, false),
            DataTypes.createStructField(MESSAGE, DataTypes.StringType, false),
            DataTypes.createStructField(FRAMES, DataTypes.StringType, false),
            DataTypes.createStructField(DESCRIPTION, DataTypes.StringType, false),
            DataTypes.createStructField(LOG, DataTypes.StringType, true),
            DataTypes.createStructField(RECORDED_AT, DataTypes.TimestampType, false)});

    private StageFailures() {
    }
}

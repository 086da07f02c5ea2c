package org.fraudlake.schemas;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value types of the partner contract, with the Spark type each is stored as in bronze. */
public enum ColumnType {
    /** Free text or an identifier. */
    STRING(DataTypes.StringType),
    /** A phone number: digits, a leading {@code +} allowed. */
    PHONE(DataTypes.StringType),
    /** A decimal with at most 2 decimals, stored as decimal(18,2). */
    DECIMAL(DataTypes.createDecimalType(18, 2)),
    /** ISO-8601 instant with an offset or {@code Z}; stored as a UTC timestamp. */
    TIMESTAMP(DataTypes.TimestampType),
    /** {@code YYYY-MM-DD}. */
    DATE(DataTypes.DateType),
    /** One of a closed set of values, matched case-insensitively after trimming. */
    ENUM(DataTypes.StringType),
    /** {@code true}/{@code false} or {@code 1}/{@code 0}, case-insensitive. */
    BOOLEAN(DataTypes.BooleanType),
    /** A 32-bit integer. */
    INT(DataTypes.IntegerType),
    /** A finite double. */
    DOUBLE(DataTypes.DoubleType),
    /** ISO 4217 currency code, three letters. */
    CURRENCY(DataTypes.StringType);

    private final DataType sparkType;

    ColumnType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}

package org.fraudlake.schemas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One feed of the partner contract ({@code shared/feeds.md}): its columns, natural key, sender kind
 * and schema version. Built once in {@link Feeds}; immutable.
 */
public final class FeedSchema {
    private final String name;
    private final int schemaVersion;
    private final SourceKind sourceKind;
    private final List<Column> columns;
    private final List<String> naturalKey;
    private final Map<String, Column> byName;

    FeedSchema(String name, int schemaVersion, SourceKind sourceKind, List<Column> columns, List<String> naturalKey) {
        this.name = name;
        this.schemaVersion = schemaVersion;
        this.sourceKind = sourceKind;
        this.columns = List.copyOf(columns);
        this.naturalKey = List.copyOf(naturalKey);
        Map<String, Column> index = new LinkedHashMap<>();
        for (Column c : columns) {
            if (index.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column " + c.name() + " in " + name);
            }
        }
        for (String k : naturalKey) {
            if (!index.containsKey(k)) {
                throw new IllegalArgumentException("natural key column " + k + " is not a column of " + name);
            }
        }
        this.byName = Map.copyOf(index);
    }

    public String name() {
        return name;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public SourceKind sourceKind() {
        return sourceKind;
    }

    /** Columns in contract order. */
    public List<Column> columns() {
        return columns;
    }

    /** Columns identifying a record within one source (the source itself is always part of the key). */
    public List<String> naturalKey() {
        return naturalKey;
    }

    /** The column with this header name, matched case-insensitively after trimming. */
    public Optional<Column> column(String header) {
        return Optional.ofNullable(byName.get(header.trim().toLowerCase(Locale.ROOT)));
    }

    public List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    public List<Column> piiColumns() {
        return columns.stream().filter(Column::pii).toList();
    }

    /** The typed columns as Spark stores them in bronze (every column nullable; rules are checked at ingest). */
    public StructType sparkSchema() {
        StructField[] fields = columns.stream()
                .map(c -> DataTypes.createStructField(c.name(), c.type().sparkType(), true))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }

    @Override
    public String toString() {
        return name;
    }
}

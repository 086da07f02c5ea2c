package org.fraudlake.models.catalog;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.schemas.tables.GraphTables;

/**
 * The graph stage's daily tables joined onto an entity's feature rows: one left join on the token and the date,
 * the named columns as doubles, 0 where the graph stage wrote no row (an entity on no trace and no edge, or a
 * date the stage did not run: then the model sees zeros and keeps its expert weights).
 */
final class GraphInputs {
    private static final String KEY = "_graph_key";
    private static final String DATE = "_graph_date";

    private GraphInputs() {
    }

    /**
     * @param table   a {@link GraphTables} per-entity table
     * @param key     its token column
     * @param columns numeric columns to bring, as doubles
     */
    static Dataset<Row> join(FeatureStore store, EntityKind kind, LocalDate from, LocalDate to, String table,
                             String key, List<String> columns) {
        StructType schema = new StructType().add(key, DataTypes.StringType)
                .add(GraphTables.BUSINESS_DATE, DataTypes.DateType);
        for (String c : columns) {
            schema = schema.add(c, DataTypes.DoubleType);
        }
        List<Column> picked = new ArrayList<>(List.of(col(key).as(KEY), col(GraphTables.BUSINESS_DATE).as(DATE)));
        columns.forEach(c -> picked.add(col(c).cast(DataTypes.DoubleType).as(c)));
        Dataset<Row> graph = DeltaIO.readOrEmpty(store.spark(), store.lake().gold(table), schema)
                .filter(col(GraphTables.BUSINESS_DATE).between(lit(from.toString()).cast("date"),
                        lit(to.toString()).cast("date")))
                .select(picked.toArray(Column[]::new));
        Dataset<Row> joined = store.features(kind, from, to).drop(columns.toArray(String[]::new))
                .join(graph, col(FeatureStore.ENTITY_ID).equalTo(col(KEY))
                        .and(col(FeatureStore.BUSINESS_DATE).equalTo(col(DATE))), "left")
                .drop(KEY, DATE);
        for (String c : columns) {
            joined = joined.withColumn(c, coalesce(col(c), lit(0.0)));
        }
        return joined;
    }
}

package org.fraudlake.publish.decisions;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;

/** The two published warning tables the decisions job writes, with their columns in table order. */
enum WarningTable {
    /** published/intercept_list: accounts to freeze or watch, numbers to block or watch. */
    INTERCEPT_LIST(Published.INTERCEPT_LIST, false),
    /** published/victim_warnings: the accounts of persons at risk, one row per account. */
    VICTIM_WARNINGS(Published.VICTIM_WARNINGS, true);

    private final String table;
    private final boolean withPerson;

    WarningTable(String table, boolean withPerson) {
        this.table = table;
        this.withPerson = withPerson;
    }

    /** The table name under {@code published/}. */
    String table() {
        return table;
    }

    /** Whether rows name the person at risk ({@link VictimWarnings#PERSON_ID}). */
    boolean withPerson() {
        return withPerson;
    }

    /** The columns, in table order; {@link Published#BUSINESS_DATE} (the partition) last. */
    List<String> columns() {
        List<String> out = new ArrayList<>(List.of(InterceptList.WARNING_ID, InterceptList.PARTNER,
                InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID));
        if (withPerson) {
            out.add(VictimWarnings.PERSON_ID);
        }
        out.addAll(List.of(InterceptList.WARNING_TYPE, InterceptList.ACTION, InterceptList.SCORE, InterceptList.MODELS,
                InterceptList.REASONS, InterceptList.VALID_FROM, InterceptList.VALID_UNTIL, InterceptList.STATUS,
                InterceptList.SENT, InterceptList.KNOWN_BY, Published.BUSINESS_DATE));
        return List.copyOf(out);
    }

    /** The table's schema, for reading it before it exists. */
    StructType schema() {
        StructType s = new StructType()
                .add(InterceptList.WARNING_ID, DataTypes.StringType)
                .add(InterceptList.PARTNER, DataTypes.StringType)
                .add(InterceptList.ENTITY_TYPE, DataTypes.StringType)
                .add(InterceptList.ENTITY_ID, DataTypes.StringType);
        if (withPerson) {
            s = s.add(VictimWarnings.PERSON_ID, DataTypes.StringType);
        }
        return s.add(InterceptList.WARNING_TYPE, DataTypes.StringType)
                .add(InterceptList.ACTION, DataTypes.StringType)
                .add(InterceptList.SCORE, DataTypes.DoubleType)
                .add(InterceptList.MODELS, DataTypes.createArrayType(DataTypes.StringType))
                .add(InterceptList.REASONS, DataTypes.createArrayType(DataTypes.StringType))
                .add(InterceptList.VALID_FROM, DataTypes.DateType)
                .add(InterceptList.VALID_UNTIL, DataTypes.DateType)
                .add(InterceptList.STATUS, DataTypes.StringType)
                .add(InterceptList.SENT, DataTypes.BooleanType)
                .add(InterceptList.KNOWN_BY, DataTypes.StringType)
                .add(Published.BUSINESS_DATE, DataTypes.DateType);
    }
}

package org.fraudlake.graph.leads;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.Evidence;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.schemas.tables.Published.Typology;

/**
 * The shape every detector hands over and the columns of {@code published/leads} derived from it. A detector
 * returns one row per lead with {@link #CORE} (the sorted tokens that identify the ring: its id is their hash),
 * {@link Leads#MEMBERS}, {@link Leads#EVIDENCE} and {@link Leads#SCORE}; {@link #finish} adds the id, the
 * typology, the amounts and the time span from the evidence. No shuffle.
 */
public final class LeadRows {
    /** Sorted tokens that identify a lead (not published). */
    public static final String CORE = "core";

    public static final StructType MEMBER = new StructType()
            .add(Member.ID, DataTypes.StringType).add(Member.KIND, DataTypes.StringType)
            .add(Member.ROLE, DataTypes.StringType);
    public static final StructType EVIDENCE = new StructType()
            .add(Evidence.KIND, DataTypes.StringType).add(Evidence.REF, DataTypes.StringType)
            .add(Evidence.AMOUNT, DataTypes.createDecimalType(18, 2)).add(Evidence.TIME, DataTypes.TimestampType);

    /** The schema of {@code published/leads}. */
    public static final StructType SCHEMA = new StructType()
            .add(Leads.LEAD_ID, DataTypes.StringType)
            .add(Leads.TYPOLOGY, DataTypes.StringType)
            .add(Leads.MEMBERS, DataTypes.createArrayType(MEMBER))
            .add(Leads.TOTAL_AMOUNT, DataTypes.createDecimalType(18, 2))
            .add(Leads.TXN_COUNT, DataTypes.LongType)
            .add(Leads.FIRST_TIME, DataTypes.TimestampType)
            .add(Leads.LAST_TIME, DataTypes.TimestampType)
            .add(Leads.SCORE, DataTypes.DoubleType)
            .add(Leads.EVIDENCE, DataTypes.createArrayType(EVIDENCE))
            .add(Published.BUSINESS_DATE, DataTypes.DateType);

    /** Member kinds. */
    public static final String ACCOUNT = "ACCOUNT";
    public static final String PERSON = "PERSON";
    public static final String COMPANY = "COMPANY";
    public static final String PHONE = "PHONE";

    /** Evidence kinds. */
    public static final String TRANSACTION = "TRANSACTION";
    public static final String TENDER = "TENDER";

    private LeadRows() {
    }

    /** A member struct. */
    public static Column member(Column id, String kind, String role) {
        return struct(id.as(Member.ID), lit(kind).as(Member.KIND), lit(role).as(Member.ROLE));
    }

    /** A member struct whose kind is a column (PERSON or COMPANY holders). */
    public static Column member(Column id, Column kind, String role) {
        return struct(id.as(Member.ID), kind.as(Member.KIND), lit(role).as(Member.ROLE));
    }

    /** An evidence struct. */
    public static Column evidence(String kind, Column ref, Column amount, Column time) {
        return struct(lit(kind).as(Evidence.KIND), ref.as(Evidence.REF),
                amount.cast("decimal(18,2)").as(Evidence.AMOUNT), time.cast("timestamp").as(Evidence.TIME));
    }

    /** An evidence struct naming a shared attribute (no amount, no time). */
    public static Column attribute(String kind, Column ref) {
        return evidence(kind, ref, lit(null), lit(null));
    }

    /** The union of member arrays, null ids dropped, distinct and sorted. */
    public static Column members(Column... arrays) {
        return array_sort(array_distinct(filter(concat(arrays), m -> m.getField(Member.ID).isNotNull())));
    }

    /** Evidence arrays merged, distinct and sorted. */
    public static Column evidences(Column... arrays) {
        return array_sort(array_distinct(filter(concat(arrays), e -> e.getField(Evidence.REF).isNotNull())));
    }

    /** {@code base + sum(weight_i * min(1, x_i))}, capped to [0, 1]. */
    public static Column score(double base, Column... weighted) {
        Column s = lit(base);
        for (Column w : weighted) {
            s = s.plus(w);
        }
        return least(greatest(s, lit(0.0)), lit(1.0));
    }

    /** {@code weight * clamp(x / full, 0, 1)}: a score part that is full at {@code full}. */
    public static Column part(double weight, Column x, double full) {
        return least(greatest(x.cast("double").divide(full), lit(0.0)), lit(1.0)).multiply(weight);
    }

    /** The stable lead id: {@code ld_} and 96 bits of SHA-256 over the typology and the sorted core tokens. */
    public static Column leadId(Typology typology, Column core) {
        return concat(lit("ld_"), substring(sha2(concat(lit(typology.code() + "|"),
                array_join(array_sort(core), ",")), 256), 1, 24));
    }

    /**
     * The published rows of one detector's leads for a business date: id, typology, members, the total and count
     * of the evidence with an amount, its first and last time, score, evidence.
     */
    public static Dataset<Row> finish(Dataset<Row> leads, Typology typology, LocalDate date) {
        Column withAmount = filter(col(Leads.EVIDENCE), e -> e.getField(Evidence.AMOUNT).isNotNull());
        Column times = filter(transform(col(Leads.EVIDENCE), e -> e.getField(Evidence.TIME)), t -> t.isNotNull());
        return leads.select(
                leadId(typology, col(CORE)).as(Leads.LEAD_ID),
                lit(typology.code()).as(Leads.TYPOLOGY),
                col(Leads.MEMBERS).cast(DataTypes.createArrayType(MEMBER)).as(Leads.MEMBERS),
                coalesce(aggregate(withAmount, lit(0).cast("decimal(28,2)"),
                        (acc, e) -> acc.plus(e.getField(Evidence.AMOUNT)).cast("decimal(28,2)")), lit(0))
                        .cast("decimal(18,2)").as(Leads.TOTAL_AMOUNT),
                size(withAmount).cast("long").as(Leads.TXN_COUNT),
                array_min(times).as(Leads.FIRST_TIME),
                array_max(times).as(Leads.LAST_TIME),
                col(Leads.SCORE).cast("double").as(Leads.SCORE),
                col(Leads.EVIDENCE).cast(DataTypes.createArrayType(EVIDENCE)).as(Leads.EVIDENCE),
                lit(Date.valueOf(date)).as(Published.BUSINESS_DATE));
    }
}

package org.fraudlake.models.catalog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.FeatureStore;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.schemas.tables.Published.Typology;
import org.fraudlake.schemas.tables.Published;

/**
 * Inputs of the lead models: an entity's daily features with the highest score of any published lead of one
 * typology naming it as a member that day (0 when none, or before {@code published/leads} exists). Cost: one
 * read of the leads of the date range, exploded to members and aggregated, and a left join.
 */
final class LeadScores {
    static final String LEADS = "published/leads (graph stage)";
    static final String TENDERS = "tenders (trading centre)";

    private static final String MEMBER = "_member";

    private LeadScores() {
    }

    /** {@code store.features(kind)} with {@code column} = the day's best lead score of {@code typology}. */
    static Dataset<Row> inputs(FeatureStore store, EntityKind kind, LocalDate from, LocalDate to, Typology typology,
                               String column) {
        Dataset<Row> features = store.features(kind, from, to);
        String path = store.lake().published(Published.LEADS);
        if (!DeltaIO.exists(store.spark(), path)) {
            return features.withColumn(column, lit(0.0));
        }
        Dataset<Row> scores = DeltaIO.read(store.spark(), path)
                .filter(col(Leads.TYPOLOGY).equalTo(typology.code())
                        .and(col(Published.BUSINESS_DATE).between(lit(Date.valueOf(from)), lit(Date.valueOf(to)))))
                .select(col(Published.BUSINESS_DATE), col(Leads.SCORE), explode(col(Leads.MEMBERS)).as(MEMBER))
                .groupBy(col(MEMBER + "." + Member.ID).as(FeatureStore.ENTITY_ID), col(Published.BUSINESS_DATE))
                .agg(max(col(Leads.SCORE)).as(column));
        return features.join(scores, new String[]{FeatureStore.ENTITY_ID, FeatureStore.BUSINESS_DATE}, "left")
                .na().fill(0.0, new String[]{column});
    }
}

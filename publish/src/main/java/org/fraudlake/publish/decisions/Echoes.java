package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.KnownBy;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Warnings;

/**
 * Named and detected apart: which candidates echo what is already known ({@link InterceptList#KNOWN_BY}). Echoes
 * are still decided and sent (they protect money), but are marked, counted apart and left out of the budgets. Pure
 * transforms; one aggregation.
 */
final class Echoes {
    private static final String PERSON = "PERSON";
    private static final String RANK = "_known_rank";

    private Echoes() {
    }

    /**
     * Entities named by the end of D ({@code entity_type} ACCOUNT, PHONE or PERSON, {@code entity_id},
     * {@code _known_rank}: the {@link KnownBy} ordinal of the strongest reason): a case label other than CLEARED
     * on the account or number, or on the person or company holding it (a CLEARED one withdraws and suppresses
     * instead, {@link Continuity}); a police report naming a suspect or victim account or number, or the victim
     * person. Labels and reports count when delivered by D and timed before the end of D, city time.
     */
    static Dataset<Row> known(Dataset<Row> labels, Dataset<Row> incidents, Dataset<Row> accounts,
                              Dataset<Row> subscribers, AsOf asOf) {
        Column caseLabel = lit(KnownBy.CASE_LABEL.ordinal());
        Column report = lit(KnownBy.POLICE_REPORT.ordinal());
        Dataset<Row> labelled = labels.filter(col(Silver.BUSINESS_DATE).leq(asOf.day())
                        .and(col(CaseLabels.CONFIRMED_AT).lt(lit(asOf.endOfDay())))
                        .and(col(CaseLabels.LABEL).notEqual(StateAsOf.CLEARED)))
                .select(col(CaseLabels.ENTITY_TYPE), col(CaseLabels.ENTITY_ID));
        Dataset<Row> holders = labelled.filter(col(CaseLabels.ENTITY_TYPE).isin(PERSON, "COMPANY"))
                .select(col(CaseLabels.ENTITY_ID).as("_holder"));
        Dataset<Row> heldAccounts = holders.join(accounts.select(col(Accounts.HOLDER_ID).as("_holder"),
                        col(Accounts.ACCOUNT_ID)), "_holder")
                .select(lit(Warnings.ACCOUNT).as(CaseLabels.ENTITY_TYPE), col(Accounts.ACCOUNT_ID).as(CaseLabels.ENTITY_ID));
        Dataset<Row> heldPhones = holders.join(subscribers.select(col(Subscribers.HOLDER_ID).as("_holder"),
                        col(Subscribers.PHONE)), "_holder")
                .select(lit(Warnings.PHONE).as(CaseLabels.ENTITY_TYPE), col(Subscribers.PHONE).as(CaseLabels.ENTITY_ID));
        Dataset<Row> byLabel = labelled.unionByName(heldAccounts).unionByName(heldPhones).withColumn(RANK, caseLabel);

        Dataset<Row> reported = incidents.filter(col(Silver.BUSINESS_DATE).leq(asOf.day())
                .and(col(Incidents.REPORTED_AT).lt(lit(asOf.endOfDay()))));
        Dataset<Row> byReport = named(reported, Warnings.ACCOUNT, explode(col(Incidents.SUSPECT_ACCOUNTS)))
                .unionByName(named(reported, Warnings.ACCOUNT, explode(col(Incidents.VICTIM_ACCOUNTS))))
                .unionByName(named(reported, Warnings.PHONE, explode(col(Incidents.SUSPECT_PHONES))))
                .unionByName(named(reported, Warnings.PHONE, col(Incidents.VICTIM_PHONE)))
                .unionByName(named(reported, PERSON, col(Incidents.VICTIM_ID)))
                .withColumn(RANK, report);
        return byLabel.unionByName(byReport).filter(col(CaseLabels.ENTITY_ID).isNotNull())
                .groupBy(col(CaseLabels.ENTITY_TYPE).as(InterceptList.ENTITY_TYPE),
                        col(CaseLabels.ENTITY_ID).as(InterceptList.ENTITY_ID))
                .agg(min(RANK).as(RANK));
    }

    /**
     * The candidates with {@link InterceptList#KNOWN_BY}: the strongest reason among the entity's own
     * ({@link #known}), the person's at risk for victim warnings, and {@link KnownBy#FUND_TRACE} when traced victim
     * money is among the evidence ({@link Warnings#FUND_TRACE} in the models); null for a detection.
     */
    static Dataset<Row> mark(Dataset<Row> candidates, Dataset<Row> known) {
        Dataset<Row> byEntity = known.withColumnRenamed(RANK, "_r_entity");
        Dataset<Row> byPerson = known.filter(col(InterceptList.ENTITY_TYPE).equalTo(PERSON))
                .select(col(InterceptList.ENTITY_ID).as("_person"), col(RANK).as("_r_person"));
        Column trace = when(array_contains(col(InterceptList.MODELS), Warnings.FUND_TRACE),
                lit(KnownBy.FUND_TRACE.ordinal()));
        Column rank = least(coalesce(col("_r_entity"), lit(99)), coalesce(col("_r_person"), lit(99)),
                coalesce(trace, lit(99)));
        Column knownBy = lit(null).cast("string");
        for (KnownBy k : KnownBy.values()) {
            knownBy = when(rank.equalTo(k.ordinal()), lit(k.name())).otherwise(knownBy);
        }
        return candidates.join(byEntity, new String[]{InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID}, "left")
                .join(byPerson, col(VictimWarnings.PERSON_ID).equalTo(col("_person")), "left")
                .withColumn(InterceptList.KNOWN_BY, knownBy)
                .drop("_r_entity", "_r_person", "_person");
    }

    private static Dataset<Row> named(Dataset<Row> incidents, String type, Column id) {
        return incidents.select(lit(type).as(CaseLabels.ENTITY_TYPE), id.as(CaseLabels.ENTITY_ID));
    }
}

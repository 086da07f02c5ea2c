package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.pipelines.features.StateAsOf;
import org.fraudlake.publish.decisions.DecisionsJob.Settings;
import org.fraudlake.schemas.tables.Published.Action;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.BankFeedback;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Warnings;

/**
 * Continuity between nights: the night's candidates against the warnings already published, clearances from case
 * labels and bank feedback, and the history of withdrawals. Pure transforms; the rules are in
 * {@link DecisionsJob}'s Javadoc.
 */
final class Continuity {
    /** Column of {@link #clearances}: the city date of the CLEARED label that stands. */
    static final String CLEARED_ON = "cleared_on";
    private static final String KEY = "_key";
    private static final String FATE = "_fate";
    private static final String BLOCKED = "_blocked";
    private static final String FEEDBACK_BANK = "_fb_bank";
    private static final String FEEDBACK_ID = "_fb_id";
    private static final String CANDIDATE_ACTION = "_c_action";
    private static final String CANDIDATE_SCORE = "_c_score";

    private Continuity() {
    }

    /**
     * Accounts and phones whose latest label known at the end of D is CLEARED (a CLEARED wins a tie): {@code
     * entity_type}, {@code entity_id}, {@link #CLEARED_ON}. Labels count when delivered by D and confirmed before the
     * end of D, city time. A label on a person or company counts for every account it holds (silver accounts) and
     * every number registered to it (silver subscribers), next to the entity's own labels.
     */
    static Dataset<Row> clearances(Dataset<Row> labels, Dataset<Row> accounts, Dataset<Row> subscribers, AsOf asOf) {
        Dataset<Row> known = labels.filter(col(Silver.BUSINESS_DATE).leq(asOf.day())
                        .and(col(CaseLabels.CONFIRMED_AT).lt(lit(asOf.endOfDay()))))
                .select(col(CaseLabels.ENTITY_TYPE), col(CaseLabels.ENTITY_ID), col(CaseLabels.LABEL),
                        col(CaseLabels.CONFIRMED_AT));
        Dataset<Row> holders = known.filter(col(CaseLabels.ENTITY_TYPE).isin("PERSON", "COMPANY"));
        Dataset<Row> viaAccounts = holders
                .join(accounts.select(col(Accounts.HOLDER_ID).as(CaseLabels.ENTITY_ID), col(Accounts.ACCOUNT_ID)),
                        CaseLabels.ENTITY_ID)
                .select(lit(Warnings.ACCOUNT).as(CaseLabels.ENTITY_TYPE), col(Accounts.ACCOUNT_ID).as(CaseLabels.ENTITY_ID),
                        col(CaseLabels.LABEL), col(CaseLabels.CONFIRMED_AT));
        Dataset<Row> viaPhones = holders
                .join(subscribers.select(col(Subscribers.HOLDER_ID).as(CaseLabels.ENTITY_ID), col(Subscribers.PHONE)),
                        CaseLabels.ENTITY_ID)
                .select(lit(Warnings.PHONE).as(CaseLabels.ENTITY_TYPE), col(Subscribers.PHONE).as(CaseLabels.ENTITY_ID),
                        col(CaseLabels.LABEL), col(CaseLabels.CONFIRMED_AT));
        Column cleared = col(CaseLabels.LABEL).equalTo(StateAsOf.CLEARED);
        return known.filter(col(CaseLabels.ENTITY_TYPE).isin(Warnings.ACCOUNT, Warnings.PHONE))
                .unionByName(viaAccounts).unionByName(viaPhones)
                .groupBy(col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID))
                .agg(max(when(cleared, col(CaseLabels.CONFIRMED_AT))).as("_cleared"),
                        max(when(not(cleared), col(CaseLabels.CONFIRMED_AT))).as("_other"))
                .filter(col("_cleared").isNotNull().and(col("_other").isNull().or(col("_cleared").geq(col("_other")))))
                .select(col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID),
                        cityDate(col("_cleared")).as(CLEARED_ON));
    }

    /**
     * {@code _fb_bank}, {@code _fb_id}: warnings a bank answered CLEARED, delivered by D and acted on before the end
     * of D, city time.
     */
    static Dataset<Row> clearedByBanks(Dataset<Row> feedback, AsOf asOf) {
        return feedback.filter(col(Silver.BUSINESS_DATE).leq(asOf.day())
                        .and(col(BankFeedback.ACTED_AT).lt(lit(asOf.endOfDay())))
                        .and(col(BankFeedback.ACTION).equalTo(StateAsOf.CLEARED)))
                .select(col(BankFeedback.BANK).as(FEEDBACK_BANK), col(BankFeedback.WARNING_ID).as(FEEDBACK_ID))
                .distinct();
    }

    /**
     * The table's rows for D, in {@code table}'s columns.
     *
     * @param candidates the night's {@link Decide#candidates} for this table
     * @param published  the table as published so far (any dates; only the {@link Settings#maxValidityDays} dates
     *                   before D are read)
     * @param clearances {@link #clearances}
     * @param banks      {@link #clearedByBanks}
     * @param budgets    {@link Budgets#of}: the night's new detected warnings over them are QUEUED, not sent; a
     *                   queued escalation leaves the held warning ACTIVE
     */
    static Dataset<Row> resolve(WarningTable table, Dataset<Row> candidates, Dataset<Row> published,
                                Dataset<Row> clearances, Dataset<Row> banks, Dataset<Row> budgets, LocalDate date,
                                Settings settings) {
        Column day = lit(Date.valueOf(date));
        Dataset<Row> recent = withKnownBy(withPerson(published)).filter(col(Published.BUSINESS_DATE)
                        .geq(lit(Date.valueOf(date.minusDays(settings.maxValidityDays()))))
                        .and(col(Published.BUSINESS_DATE).lt(day)))
                .withColumn(KEY, key());
        Dataset<Row> suppressed = recent.filter(col(InterceptList.STATUS).equalTo(Status.WITHDRAWN.name())
                        .and(col(InterceptList.VALID_UNTIL).geq(day)))
                .select(col(KEY), lit(true).as("_suppressed")).distinct();
        Dataset<Row> latest = recent.agg(max(Published.BUSINESS_DATE).as("_latest"));
        Dataset<Row> held = recent.join(broadcast(latest), col(Published.BUSINESS_DATE).equalTo(col("_latest")))
                .filter(not(col(InterceptList.STATUS).isin(Status.WITHDRAWN.name(), Status.QUEUED.name()))
                        .and(col(InterceptList.VALID_UNTIL).geq(day)))
                .drop("_latest");

        Dataset<Row> cands = candidates.withColumn(KEY, key())
                .join(clearances, new String[]{InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID}, "left")
                .join(suppressed, new String[]{KEY}, "left")
                .withColumn(BLOCKED, coalesce(col("_suppressed"), lit(false)).or(coalesce(col(CLEARED_ON)
                        .gt(lit(Date.valueOf(date.minusDays(settings.clearedQuietDays())))), lit(false))))
                .drop("_suppressed", CLEARED_ON);
        Dataset<Row> judged = judge(held, cands, clearances, banks, settings);

        Dataset<Row> fresh = Budgets.apply(cands.join(judged.select(col(KEY), col(FATE)), new String[]{KEY}, "left")
                .filter(col(FATE).isNull().and(not(col(BLOCKED)))
                        .or(col(FATE).equalTo(Status.ESCALATED.name())))
                .withColumn(InterceptList.STATUS, when(col(FATE).isNull(), lit(Status.NEW.name()))
                        .otherwise(lit(Status.ESCALATED.name())))
                .withColumn(InterceptList.VALID_FROM, day)
                .withColumn(InterceptList.VALID_UNTIL, validUntil(day, settings))
                .withColumn(InterceptList.WARNING_ID, warningId(date))
                .withColumn(InterceptList.SENT, lit(true))
                .withColumn(Published.BUSINESS_DATE, day), budgets, Decide.RISK);
        Dataset<Row> queuedEscalations = fresh.filter(col(FATE).equalTo(Status.ESCALATED.name())
                        .and(col(InterceptList.STATUS).equalTo(Status.QUEUED.name())))
                .select(col(KEY), lit(true).as("_queued"));
        Dataset<Row> carried = judged.join(queuedEscalations, new String[]{KEY}, "left")
                .filter(col(FATE).notEqual(Status.ESCALATED.name()).or(col("_queued").isNotNull()))
                .withColumn(InterceptList.STATUS, when(col("_queued").isNotNull(), lit(Status.ACTIVE.name()))
                        .otherwise(col(FATE)))
                .withColumn(InterceptList.SENT, lit(false))
                .withColumn(Published.BUSINESS_DATE, day);
        Column[] out = table.columns().stream().map(c -> col(c)).toArray(Column[]::new);
        return carried.select(out).unionByName(fresh.select(out));
    }

    /**
     * The held warnings (still valid, not withdrawn, from the latest earlier date) with their fate on D:
     * WITHDRAWN (a CLEARED label since the warning's valid_from, or the bank's CLEARED answer to it), ESCALATED (the
     * night's candidate is stronger and not blocked) or ACTIVE.
     */
    private static Dataset<Row> judge(Dataset<Row> held, Dataset<Row> cands, Dataset<Row> clearances,
                                      Dataset<Row> banks, Settings settings) {
        Dataset<Row> judged = held
                .join(cands.select(col(KEY), col(InterceptList.ACTION).as(CANDIDATE_ACTION),
                        col(InterceptList.SCORE).as(CANDIDATE_SCORE), col(BLOCKED)), new String[]{KEY}, "left")
                .join(clearances, new String[]{InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID}, "left")
                .join(banks, col(InterceptList.PARTNER).equalTo(col(FEEDBACK_BANK))
                        .and(col(InterceptList.WARNING_ID).equalTo(col(FEEDBACK_ID))), "left");
        Column withdrawn = col(FEEDBACK_ID).isNotNull()
                .or(coalesce(col(CLEARED_ON).geq(col(InterceptList.VALID_FROM)), lit(false)));
        Column rank = rank(col(InterceptList.ACTION));
        Column candidateRank = rank(col(CANDIDATE_ACTION));
        Column stronger = col(CANDIDATE_ACTION).isNotNull().and(candidateRank.gt(rank)
                .or(candidateRank.equalTo(rank).and(band(col(CANDIDATE_SCORE), settings)
                        .gt(band(col(InterceptList.SCORE), settings)))));
        return judged.withColumn(FATE, when(withdrawn, lit(Status.WITHDRAWN.name()))
                        .when(stronger.and(not(col(BLOCKED))), lit(Status.ESCALATED.name()))
                        .otherwise(lit(Status.ACTIVE.name())))
                .drop(CANDIDATE_ACTION, CANDIDATE_SCORE, BLOCKED, CLEARED_ON, FEEDBACK_BANK, FEEDBACK_ID);
    }

    /** {@code w_} and the hex SHA-256 of partner, entity type, entity, warning type and valid_from (D). */
    static Column warningId(LocalDate validFrom) {
        return concat(lit("w_"), sha2(concat_ws("|", coalesce(col(InterceptList.PARTNER), lit("")),
                col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID), col(InterceptList.WARNING_TYPE),
                lit(validFrom.toString())), 256));
    }

    /** Interventions (freeze, block) outrank watching and contacting. */
    private static Column rank(Column action) {
        return when(action.isin(Action.FREEZE.name(), Action.BLOCK.name()), lit(2)).otherwise(lit(1));
    }

    /** The number of {@link Settings#scoreBands} edges at or below the score. */
    static Column band(Column score, Settings settings) {
        Column n = lit(0);
        for (double edge : settings.scoreBands()) {
            n = n.plus(when(score.geq(edge), lit(1)).otherwise(lit(0)));
        }
        return n;
    }

    private static Column validUntil(Column day, Settings settings) {
        Column action = col(InterceptList.ACTION);
        Column until = lit(null).cast("date");
        for (Action a : Action.values()) {
            until = when(action.equalTo(a.name()), date_add(day,
                    settings.validityDays(a))).otherwise(until);
        }
        return until;
    }

    /** A key over partner (null allowed), entity and person, for joins that must treat a null partner as a value. */
    private static Column key() {
        return concat_ws("|", coalesce(col(InterceptList.PARTNER), lit("")), col(InterceptList.ENTITY_TYPE),
                col(InterceptList.ENTITY_ID), coalesce(col(VictimWarnings.PERSON_ID), lit("")));
    }

    /** A table written before {@link InterceptList#KNOWN_BY} existed reads as detections. */
    private static Dataset<Row> withKnownBy(Dataset<Row> rows) {
        return java.util.Arrays.asList(rows.columns()).contains(InterceptList.KNOWN_BY) ? rows
                : rows.withColumn(InterceptList.KNOWN_BY, lit(null).cast("string"));
    }

    private static Dataset<Row> withPerson(Dataset<Row> rows) {
        return java.util.Arrays.asList(rows.columns()).contains(VictimWarnings.PERSON_ID) ? rows
                : rows.withColumn(VictimWarnings.PERSON_ID, lit(null).cast("string"));
    }

    /** The city date of an instant ({@link AsOf#cityDate(Column)}). */
    static Column cityDate(Column timestamp) {
        return AsOf.cityDate(timestamp);
    }
}

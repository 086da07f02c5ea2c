package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.models.Action;
import org.fraudlake.publish.decisions.DecisionsJob.Settings;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Warnings;

/**
 * One decision per target entity from its {@link Evidence}: the night's candidate warning before continuity with
 * the warnings already published ({@link Continuity}). Pure transform; one shuffle per aggregation.
 */
final class Decide {
    /** The key of a warning: where it goes and what it is about. */
    static final List<String> KEY = List.of(InterceptList.PARTNER, InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID,
            VictimWarnings.PERSON_ID);
    /**
     * What the budgets rank by: the entity's combined risk of the night (gold/entity_risk; {@link #rankedByRisk}),
     * else the decision's strongest calibrated score. Not published.
     */
    static final String RISK = "_risk";
    /** The columns of a candidate frame, in order. */
    static final List<String> COLUMNS = List.of(InterceptList.PARTNER, InterceptList.ENTITY_TYPE,
            InterceptList.ENTITY_ID, VictimWarnings.PERSON_ID, InterceptList.WARNING_TYPE, InterceptList.ACTION,
            InterceptList.SCORE, InterceptList.MODELS, InterceptList.REASONS, RISK);

    private static final String EVIDENCE = "_evidence";
    private static final String BEST = "_best";

    private Decide() {
    }

    /**
     * Candidates: per key, the models that fired (each once, at its best score), strongest first (score
     * descending, then model name). {@code score} and {@code warning_type} are the strongest model's;
     * {@code reasons} the first {@code reasonsPerModel} reasons of each model in that order, distinct, at most
     * {@code maxReasons}. {@code action}: CONTACT_VICTIM for victim evidence; otherwise FREEZE (accounts) or BLOCK
     * (phones) when some freeze or block evidence has an estimated precision of at least
     * {@link Settings#freezeMinPrecision} (accounts) or {@link Settings#blockMinPrecision} (phones); MONITOR
     * otherwise, however many models fired (account models share features: their agreement is cheap).
     * {@link #RISK}: the strongest score.
     */
    static Dataset<Row> candidates(Dataset<Row> evidence, Settings settings) {
        Column[] key = KEY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Column[] keyAndModel = java.util.stream.Stream.concat(KEY.stream(), java.util.stream.Stream.of(Evidence.MODEL))
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> perModel = evidence.groupBy(keyAndModel)
                .agg(max(struct(col(InterceptList.SCORE), col(Evidence.PRECISION), col(Evidence.MODEL_ACTION),
                        col(InterceptList.WARNING_TYPE), col(InterceptList.REASONS))).as(BEST));
        Column item = struct(col(BEST + "." + InterceptList.SCORE).multiply(-1).as("k"), col(Evidence.MODEL),
                col(BEST + "." + InterceptList.SCORE).as(InterceptList.SCORE),
                col(BEST + "." + Evidence.PRECISION).as(Evidence.PRECISION),
                col(BEST + "." + Evidence.MODEL_ACTION).as(Evidence.MODEL_ACTION),
                col(BEST + "." + InterceptList.WARNING_TYPE).as(InterceptList.WARNING_TYPE),
                coalesce(col(BEST + "." + InterceptList.REASONS), array().cast("array<string>"))
                        .as(InterceptList.REASONS));
        Dataset<Row> grouped = perModel.groupBy(key).agg(sort_array(collect_list(item)).as(EVIDENCE));
        Column ev = col(EVIDENCE);
        Column strongest = element_at(ev, 1);
        Column reasons = slice(array_distinct(flatten(transform(ev,
                e -> slice(e.getField(InterceptList.REASONS), 1, settings.reasonsPerModel())))), 1,
                settings.maxReasons());
        return grouped.select(col(InterceptList.PARTNER), col(InterceptList.ENTITY_TYPE), col(InterceptList.ENTITY_ID),
                col(VictimWarnings.PERSON_ID),
                strongest.getField(InterceptList.WARNING_TYPE).as(InterceptList.WARNING_TYPE),
                action(ev, settings).as(InterceptList.ACTION),
                strongest.getField(InterceptList.SCORE).as(InterceptList.SCORE),
                transform(ev, e -> e.getField(Evidence.MODEL)).as(InterceptList.MODELS),
                reasons.as(InterceptList.REASONS),
                strongest.getField(InterceptList.SCORE).as(RISK));
    }

    /**
     * The candidates with {@link #RISK} and the published {@code score} set to the risk the night's stacks gave the
     * warned entity, where they gave one: for intercept rows the OFFENDER risk of the account or number itself; for
     * victim warnings the VICTIM risk of the person at risk. A list is ranked, budgeted and shown by that one
     * calibrated risk, whichever model fired; candidates without one keep their strongest score.
     *
     * @param risks      gold/entity_risk rows of D (entity_type, entity_id, risk_group, risk, ...)
     * @param withPerson whether the candidates are victim warnings
     */
    static Dataset<Row> rankedByRisk(Dataset<Row> candidates, Dataset<Row> risks, boolean withPerson) {
        String entityRisk = "_entity_risk";
        if (withPerson) {
            Dataset<Row> victims = risks.filter(col(EntityRisk.RISK_GROUP).equalTo(org.fraudlake.models.EntityRiskJob.Group.VICTIM.name())
                            .and(col(EntityRisk.ENTITY_TYPE).equalTo(org.fraudlake.models.EntityKind.PERSON.name())))
                    .select(col(EntityRisk.ENTITY_ID).as(VictimWarnings.PERSON_ID), col(EntityRisk.RISK).as(entityRisk));
            return candidates.join(victims, new String[]{VictimWarnings.PERSON_ID}, "left")
                    .withColumn(RISK, coalesce(col(entityRisk), col(RISK)))
                    .withColumn(InterceptList.SCORE, col(RISK)).select(COLUMNS.stream()
                            .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        }
        Dataset<Row> offenders = risks.filter(col(EntityRisk.RISK_GROUP).equalTo(org.fraudlake.models.EntityRiskJob.Group.OFFENDER.name()))
                .select(col(EntityRisk.ENTITY_TYPE).as(InterceptList.ENTITY_TYPE),
                        col(EntityRisk.ENTITY_ID).as(InterceptList.ENTITY_ID), col(EntityRisk.RISK).as(entityRisk));
        return candidates.join(offenders, new String[]{InterceptList.ENTITY_TYPE, InterceptList.ENTITY_ID}, "left")
                .withColumn(RISK, coalesce(col(entityRisk), col(RISK)))
                    .withColumn(InterceptList.SCORE, col(RISK)).select(COLUMNS.stream()
                        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    private static Column action(Column ev, Settings settings) {
        Column victim = exists(ev, e -> e.getField(Evidence.MODEL_ACTION).equalTo(Action.CONTACT_VICTIM.name()));
        Column phone = col(InterceptList.ENTITY_TYPE).equalTo(Warnings.PHONE);
        Column minimum = when(phone, lit(settings.blockMinPrecision())).otherwise(lit(settings.freezeMinPrecision()));
        Column hard = exists(ev, e -> e.getField(Evidence.MODEL_ACTION).isin(Action.FREEZE.name(), Action.BLOCK.name())
                .and(not(isnan(e.getField(Evidence.PRECISION))))
                .and(e.getField(Evidence.PRECISION).geq(minimum)));
        return when(victim, lit(Published.Action.CONTACT_VICTIM.name()))
                .when(hard.and(phone), lit(Published.Action.BLOCK.name()))
                .when(hard, lit(Published.Action.FREEZE.name()))
                .otherwise(lit(Published.Action.MONITOR.name()));
    }
}

package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.models.Action;
import org.fraudlake.models.EntityKind;
import org.fraudlake.models.EntityRiskJob;
import org.fraudlake.models.RiskModel;
import org.fraudlake.schemas.tables.Gold.EntityRisk;
import org.fraudlake.schemas.tables.Gold.Scores;
import org.fraudlake.schemas.tables.GraphTables.FundTraces;
import org.fraudlake.schemas.tables.GraphTables;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.schemas.tables.Published.Member;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Warnings.WarningType;
import org.fraudlake.schemas.tables.Warnings;

/**
 * The evidence of one night, one row per target entity and model that fired on it: where the warning would go
 * ({@link InterceptList#PARTNER}, {@link InterceptList#ENTITY_TYPE}, {@link InterceptList#ENTITY_ID}, and for
 * victims {@link VictimWarnings#PERSON_ID}), the {@link #MODEL}, its score and reasons, the warning type it names,
 * the action its alert can lead to ({@link #MODEL_ACTION}) and the estimated precision of that evidence
 * ({@link #PRECISION}: a model's precision at its threshold on the not-yet-named at validation), which alone decides
 * whether it may freeze or block. Pure transforms over frames; the job reads and writes.
 */
final class Evidence {
    static final String MODEL = "model";
    static final String MODEL_ACTION = ModelRule.MODEL_ACTION;
    static final String PRECISION = ModelRule.PRECISION;
    /** The columns of every evidence frame, in order. */
    static final List<String> COLUMNS = List.of(InterceptList.PARTNER, InterceptList.ENTITY_TYPE,
            InterceptList.ENTITY_ID, VictimWarnings.PERSON_ID, MODEL, InterceptList.SCORE, InterceptList.REASONS,
            InterceptList.WARNING_TYPE, MODEL_ACTION, PRECISION);
    /**
     * Lead member roles whose accounts run the scheme and receive the lead model's warning: never investors,
     * customers, recipients or receivers, who are the scheme's victims or clients.
     */
    static final List<String> SUSPECT_ROLES = List.of("CYCLE_ACCOUNT", "RING_ACCOUNT", "SHELL_ACCOUNT",
            "BIDDER_ACCOUNT", "FUNDRAISER_ACCOUNT", "SIPHON_RECEIVER", "STRUCTURING_ACCOUNT");

    static final String SCORED_TYPE = "_scored_type";
    static final String SCORED_ID = "_scored_id";
    private static final String TARGET = "_account";
    private static final String LEAD = "_lead";
    private static final String ACCOUNT = EntityKind.ACCOUNT.name();
    private static final String PHONE = EntityKind.PHONE.name();
    private static final String PERSON = EntityKind.PERSON.name();
    private static final String COMPANY = EntityKind.COMPANY.name();

    private Evidence() {
    }

    /**
     * The day's scores (gold/scores of D) of champion versions at or above their registry threshold and with at
     * least one reason (as {@code gold/scores.alert} has it: every alert says why), joined to their
     * {@link ModelRule}: {@code _scored_type}, {@code _scored_id}, model, score, reasons, warning type, model action,
     * precision (the rule's estimated precision). Scores of a version that is not the champion in {@code rules} drop out.
     */
    static Dataset<Row> fired(Dataset<Row> scores, Dataset<Row> rules) {
        Column score = col(Scores.SCORE);
        return scores.select(col(Scores.MODEL), col(Scores.VERSION), col(Scores.ENTITY_TYPE).as(SCORED_TYPE),
                        col(Scores.ENTITY_ID).as(SCORED_ID), score, col(Scores.REASONS))
                .join(broadcast(rules), new String[]{ModelRule.MODEL, ModelRule.VERSION})
                .filter(score.isNotNull().and(score.geq(col(ModelRule.THRESHOLD)))
                        .and(size(col(Scores.REASONS)).gt(0)))
                .select(col(SCORED_TYPE), col(SCORED_ID), col(ModelRule.MODEL).as(MODEL), score.as(InterceptList.SCORE),
                        col(Scores.REASONS).as(InterceptList.REASONS),
                        col(ModelRule.WARNING_TYPE).as(InterceptList.WARNING_TYPE), col(MODEL_ACTION),
                        col(ModelRule.PRECISION).as(PRECISION));
    }

    /**
     * The entities whose combined risk (gold/entity_risk of D) reached its stack's operating point, as evidence in
     * the columns of {@link #fired}: model {@link EntityRiskJob#MODEL}, score the risk, precision the risk's estimated
     * precision, reasons those of the models that drove it, the warning type of its strongest driver (else the
     * stack's first model's) and the stack's action ({@link EntityRiskJob.Stack#action}). Routed like the model
     * evidence of the same entity kind and group.
     *
     * @param risks   gold/entity_risk rows of D
     * @param catalog the model catalog: the stacks' actions and the drivers' warning types
     */
    static Dataset<Row> risky(Dataset<Row> risks, List<RiskModel> catalog) {
        Map<String, String> types = new TreeMap<>();
        catalog.forEach(m -> types.put(m.name(), ModelRule.warningType(m.spec()).name()));
        Column action = lit(null).cast("string");
        Column fallback = lit(null).cast("string");
        for (EntityRiskJob.Stack stack : EntityRiskJob.Stack.of(catalog)) {
            Column of = col(EntityRisk.ENTITY_TYPE).equalTo(stack.kind().name())
                    .and(col(EntityRisk.RISK_GROUP).equalTo(stack.group().name()));
            action = when(of, lit(stack.action().name())).otherwise(action);
            fallback = when(of, lit(types.get(stack.models().get(0)))).otherwise(fallback);
        }
        Column byDriver = lit(null).cast("string");
        for (Map.Entry<String, String> e : types.entrySet()) {
            byDriver = when(element_at(col(EntityRisk.DRIVERS), 1).equalTo(e.getKey()), lit(e.getValue()))
                    .otherwise(byDriver);
        }
        return risks.filter(col(EntityRisk.FIRES))
                .select(col(EntityRisk.ENTITY_TYPE).as(SCORED_TYPE), col(EntityRisk.ENTITY_ID).as(SCORED_ID),
                        lit(EntityRiskJob.MODEL).as(MODEL), col(EntityRisk.RISK).as(InterceptList.SCORE),
                        col(EntityRisk.REASONS).as(InterceptList.REASONS),
                        coalesce(when(size(col(EntityRisk.DRIVERS)).gt(0), byDriver), fallback)
                                .as(InterceptList.WARNING_TYPE),
                        action.as(MODEL_ACTION), col(EntityRisk.PRECISION).as(PRECISION))
                .filter(size(col(InterceptList.REASONS)).gt(0).and(col(MODEL_ACTION).isNotNull()));
    }

    /**
     * Intercept-list evidence from fired non-victim models: an account model on the account itself (partner: its
     * bank); a phone model on the number (partner: the carrier holding it per silver subscribers, null when no
     * partner carrier does); a person or company model on every account the person or company holds; and a lead
     * model (named after its {@code published/leads} typology) also on the {@link #SUSPECT_ROLES} accounts of the
     * day's leads of that typology that name the scored entity.
     *
     * @param accounts    silver accounts as of D: account_id, bank, holder_id
     * @param subscribers silver subscribers: phone, carrier
     * @param leads       published/leads of D
     */
    static Dataset<Row> intercept(Dataset<Row> fired, Dataset<Row> accounts, Dataset<Row> subscribers,
                                  Dataset<Row> leads) {
        Dataset<Row> alerts = fired.filter(col(MODEL_ACTION).notEqual(Action.CONTACT_VICTIM.name()));
        Dataset<Row> direct = alerts.filter(col(SCORED_TYPE).equalTo(ACCOUNT)).withColumn(TARGET, col(SCORED_ID));
        Dataset<Row> held = alerts.filter(col(SCORED_TYPE).isin(PERSON, COMPANY))
                .join(holdings(accounts), SCORED_ID);
        Dataset<Row> viaLeads = alerts.join(leadTargets(leads), new String[]{MODEL, SCORED_ID});
        Dataset<Row> onAccounts = direct.unionByName(held).unionByName(viaLeads)
                .join(accounts.select(col(Accounts.ACCOUNT_ID).as(TARGET), col(Accounts.BANK)), TARGET)
                .select(evidence(col(Accounts.BANK), lit(Warnings.ACCOUNT), col(TARGET), lit(null)));
        Dataset<Row> onPhones = alerts.filter(col(SCORED_TYPE).equalTo(PHONE))
                .join(subscribers.select(col(Subscribers.PHONE).as(SCORED_ID), col(Subscribers.CARRIER)), SCORED_ID,
                        "left")
                .select(evidence(col(Subscribers.CARRIER), lit(Warnings.PHONE), col(SCORED_ID), lit(null)));
        return onAccounts.unionByName(onPhones);
    }

    /**
     * The accounts that fired account-scored alerts but that no partner bank's {@code bank_accounts} delivery holds
     * by D (one column, {@code _account}): the contract lets an account transact before (or without) its
     * {@code bank_accounts} row, and without it the lake knows no bank to warn, so {@link #intercept} and
     * {@link #victims} cannot place them. They are counted, not dropped unseen.
     */
    static Dataset<Row> accountsWithoutBank(Dataset<Row> fired, Dataset<Row> accounts) {
        return fired.filter(col(SCORED_TYPE).equalTo(ACCOUNT)).select(col(SCORED_ID).as(TARGET)).distinct()
                .join(accounts.filter(col(Accounts.BANK).isNotNull()).select(col(Accounts.ACCOUNT_ID).as(TARGET)),
                        new String[]{TARGET}, "left_anti");
    }

    /**
     * Victim-warning evidence from fired victim models (action CONTACT_VICTIM): one row per account the person at
     * risk holds (per partner bank), or for an account-scored victim model the account itself, with the holder as
     * {@link VictimWarnings#PERSON_ID}.
     */
    static Dataset<Row> victims(Dataset<Row> fired, Dataset<Row> accounts) {
        Dataset<Row> alerts = fired.filter(col(MODEL_ACTION).equalTo(Action.CONTACT_VICTIM.name()));
        Dataset<Row> persons = alerts.filter(col(SCORED_TYPE).equalTo(PERSON)).join(holdings(accounts), SCORED_ID);
        Dataset<Row> own = alerts.filter(col(SCORED_TYPE).equalTo(ACCOUNT)).withColumn(TARGET, col(SCORED_ID));
        return persons.unionByName(own)
                .join(accounts.select(col(Accounts.ACCOUNT_ID).as(TARGET), col(Accounts.BANK), col(Accounts.HOLDER_ID)),
                        TARGET)
                .select(evidence(col(Accounts.BANK), lit(Warnings.ACCOUNT), col(TARGET), col(Accounts.HOLDER_ID)));
    }

    /**
     * Evidence from traced victim money still held at the end of D (gold/fund_traces of D, amount_held &gt; 0): one
     * {@link Warnings#FUND_TRACE} row per partner account whose group's learned estimate ({@link TraceEstimates}:
     * nearest hop, named by a case label or not) reaches {@code minPrecision}, scored {@code traceScore}, with that
     * estimate as its precision, action FREEZE (the precision gate decides), warning type money mule, and as its
     * reason the amount held, the traced transfers, the nearest hop and what the estimate rests on. Traced money
     * below the minimum is no warning by itself; it still counts in the entity's risk.
     *
     * @param traces   gold/fund_traces rows of D and the dates before it (account_id, trace_id, hop, amount_held,
     *                 business_date)
     * @param labels   silver/case_labels
     * @param prior    the estimate before the lake has outcomes ({@code publish.trace-precision})
     */
    static Dataset<Row> traces(Dataset<Row> traces, Dataset<Row> labels, Dataset<Row> accounts, AsOf asOf,
                               double traceScore, double prior, DecisionsJob.TraceLearning learning) {
        Dataset<Row> labelled = TraceEstimates.labelled(labels, asOf);
        Dataset<Row> learned = TraceEstimates.learned(traces, labelled, asOf, prior, learning);
        Dataset<Row> held = traces.filter(col(GraphTables.BUSINESS_DATE).equalTo(lit(Date.valueOf(asOf.date())))
                        .and(col(FundTraces.AMOUNT_HELD).gt(0)))
                .groupBy(col(FundTraces.ACCOUNT_ID).as(TARGET))
                .agg(sum(FundTraces.AMOUNT_HELD).as("_held"), countDistinct(col(FundTraces.TRACE_ID)).as("_transfers"),
                        min(FundTraces.HOP).as(TraceEstimates.HOP));
        Column transfers = col("_transfers");
        Column n = col(TraceEstimates.N);
        Column basis = when(n.equalTo(0), lit("no earlier outcome yet: estimate "))
                .otherwise(concat(col(TraceEstimates.POSITIVES).cast("string"), lit(" of "), n.cast("string"),
                        when(col(TraceEstimates.LABELLED),
                                lit(" accounts already labelled when traced at this hop earlier are still labelled: "))
                                .otherwise(lit(" accounts traced at this hop earlier were labelled since: ")),
                        lit("estimate ")));
        Column reason = concat(lit("holds "), format_number(col("_held"), 0), lit(" CNY of traced victim money ("),
                transfers.cast("string"), when(transfers.equalTo(1), lit(" traced transfer"))
                        .otherwise(lit(" traced transfers")), lit(", nearest hop "),
                col(TraceEstimates.HOP).cast("string"), lit("; "), basis,
                format_number(col(TraceEstimates.ESTIMATE), 2), lit(")"));
        return TraceEstimates.estimate(held, TARGET, labelled, learned, prior)
                .filter(col(TraceEstimates.ESTIMATE).geq(learning.minPrecision()))
                .join(accounts.select(col(Accounts.ACCOUNT_ID).as(TARGET), col(Accounts.BANK)), TARGET)
                .select(col(Accounts.BANK).as(InterceptList.PARTNER), lit(Warnings.ACCOUNT).as(InterceptList.ENTITY_TYPE),
                        col(TARGET).as(InterceptList.ENTITY_ID), lit(null).cast("string").as(VictimWarnings.PERSON_ID),
                        lit(Warnings.FUND_TRACE).as(MODEL), lit(traceScore).as(InterceptList.SCORE),
                        array(reason).as(InterceptList.REASONS),
                        lit(WarningType.MONEY_MULE.name()).as(InterceptList.WARNING_TYPE),
                        lit(Action.FREEZE.name()).as(MODEL_ACTION), col(TraceEstimates.ESTIMATE).as(PRECISION));
    }

    /**
     * For lead models: {@code model} (a lead typology code), {@code _scored_id} (any member of a lead of that
     * typology) and {@code _account} (a {@link #SUSPECT_ROLES} account member of the same lead).
     */
    static Dataset<Row> leadTargets(Dataset<Row> leads) {
        Dataset<Row> members = leads.select(col(Leads.LEAD_ID).as(LEAD), col(Leads.TYPOLOGY),
                explode(col(Leads.MEMBERS)).as("_m"));
        Dataset<Row> suspects = members
                .filter(col("_m." + Member.KIND).equalTo(ACCOUNT).and(col("_m." + Member.ROLE).isin(SUSPECT_ROLES.toArray())))
                .select(col(LEAD), col("_m." + Member.ID).as(TARGET));
        return members.select(col(LEAD), col(Leads.TYPOLOGY).as(MODEL), col("_m." + Member.ID).as(SCORED_ID))
                .join(suspects, LEAD)
                .select(col(MODEL), col(SCORED_ID), col(TARGET))
                .distinct();
    }

    /** {@code _scored_id} (a holder) and {@code _account} (an account it holds). */
    private static Dataset<Row> holdings(Dataset<Row> accounts) {
        return accounts.filter(col(Accounts.HOLDER_ID).isNotNull())
                .select(col(Accounts.HOLDER_ID).as(SCORED_ID), col(Accounts.ACCOUNT_ID).as(TARGET));
    }

    private static Column[] evidence(Column partner, Column type, Column id, Column person) {
        return new Column[]{partner.as(InterceptList.PARTNER), type.as(InterceptList.ENTITY_TYPE),
                id.as(InterceptList.ENTITY_ID), person.cast("string").as(VictimWarnings.PERSON_ID), col(MODEL),
                col(InterceptList.SCORE), col(InterceptList.REASONS), col(InterceptList.WARNING_TYPE), col(MODEL_ACTION),
                col(PRECISION)};
    }
}

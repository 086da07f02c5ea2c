package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.fraudlake.core.spark.DeltaIO;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.CaseLabel;
import org.fraudlake.schemas.tables.Ops;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.CaseLabels;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver;

/**
 * What was known, at the end of a business date, about which entities are offenders or victims. Every query
 * takes that date and reads nothing confirmed or reported after it, so no label leaks from the future into
 * training or evaluation. Dates are city dates (UTC+8) of the confirmation or report.
 *
 * <p>Labels come from three sources under the same rule: silver/case_labels (dated by {@code confirmed_at}), the
 * banks' answers to published warnings, silver/bank_feedback ({@link FeedbackLabels}: LOSS_PREVENTED confirms the
 * warned entity, CLEARED refutes, FROZEN is only the action our warning asked for and gives no label; dated by {@code acted_at}, and used only once the delivery holding it
 * had arrived by the as-of date), and the console analysts' dispositions, ops/dispositions ({@link
 * DispositionLabels}: CONFIRMED confirms, FALSE_POSITIVE refutes; dated by {@code decided_at}).
 *
 * <p>An entity is positive for a {@link LabelSpec} when its latest label among the spec's labels and
 * CLEARED is one of the spec's: a CLEARED label withdraws the labels before it, a new label after a CLEARED
 * counts again. Its {@link #LABELLED_DATE} is the first positive label's date.
 */
public final class Labels {
    public static final String LABELLED_DATE = "labelled_date";
    public static final String NAMED_DATE = "named_date";
    /** For victims: the first day the fraud happened to them (a police report's occurrence date); else null. */
    public static final String EVENT_DATE = "event_date";
    static final String TELECOM_FRAUD = "TELECOM_FRAUD";
    static final String CLEARED = CaseLabel.CLEARED.name();
    private static final StructType LABEL_SCHEMA = new StructType()
            .add(CaseLabels.ENTITY_TYPE, DataTypes.StringType).add(CaseLabels.ENTITY_ID, DataTypes.StringType)
            .add(CaseLabels.LABEL, DataTypes.StringType).add(CaseLabels.CONFIRMED_AT, DataTypes.TimestampType)
            .add(CaseLabels.CASE_NO, DataTypes.StringType);

    private final SparkSession spark;
    private final Lake lake;

    public Labels(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** The city date (UTC+8) of an instant ({@link AsOf#cityDate}). */
    public static Column cityDate(Column timestamp) {
        return AsOf.cityDate(timestamp);
    }

    /**
     * The rows of an entity that are examples: all rows of entities not (yet) positive; for positives, the
     * rows before the day they became known (from that day on they are no longer unknown, and that day's
     * graph features already see the label), and for victims only from the day before the fraud happened to them
     * (before it they were not victims yet).
     */
    static Column exampleRow(Column businessDate) {
        Column labelled = col(LABELLED_DATE);
        Column event = col(EVENT_DATE);
        return labelled.isNull().or(businessDate.lt(labelled)
                .and(event.isNull().or(businessDate.geq(org.apache.spark.sql.functions.date_sub(event, 1)))));
    }

    static Column onOrBefore(Column date, LocalDate d) {
        return date.leq(lit(d.toString()).cast("date"));
    }

    /**
     * Every label known at the end of asOf, from all three sources, in the case-label columns plus {@code _date} (the
     * city date of confirmed_at).
     */
    private Dataset<Row> caseLabels(LocalDate asOf) {
        Dataset<Row> labels = DeltaIO.readOrEmpty(spark, lake.silver(Silver.CASE_LABELS), LABEL_SCHEMA)
                .select(CaseLabels.ENTITY_TYPE, CaseLabels.ENTITY_ID, CaseLabels.LABEL, CaseLabels.CONFIRMED_AT,
                        CaseLabels.CASE_NO)
                .unionByName(feedbackLabels(asOf))
                .unionByName(DispositionLabels.labels(
                        DeltaIO.readOrEmpty(spark, lake.ops(Ops.DISPOSITIONS), DispositionLabels.SCHEMA)));
        return labels.withColumn("_date", cityDate(col(CaseLabels.CONFIRMED_AT)))
                .filter(onOrBefore(col("_date"), asOf));
    }

    /** Labels from bank feedback that had arrived by asOf (the acted_at rule is applied with the case labels'). */
    private Dataset<Row> feedbackLabels(LocalDate asOf) {
        Dataset<Row> feedback = DeltaIO.readOrEmpty(spark, lake.silver(Silver.BANK_FEEDBACK),
                        FeedbackLabels.BANK_FEEDBACK_SCHEMA)
                .filter(onOrBefore(col(Silver.BUSINESS_DATE), asOf));
        Dataset<Row> warnings = FeedbackLabels.sentWarnings(
                DeltaIO.readOrEmpty(spark, lake.published(Published.INTERCEPT_LIST),
                        FeedbackLabels.INTERCEPT_LIST_SCHEMA),
                DeltaIO.readOrEmpty(spark, lake.published(Published.VICTIM_WARNINGS),
                        FeedbackLabels.VICTIM_WARNINGS_SCHEMA));
        return FeedbackLabels.labels(feedback, warnings).drop(Silver.BUSINESS_DATE);
    }

    /**
     * {@link FeatureStore#ENTITY_ID}, {@link #LABELLED_DATE} (first day it was known), {@link #EVENT_DATE}:
     * the spec's positives known at the end of asOf.
     */
    public Dataset<Row> positives(LabelSpec spec, LocalDate asOf) {
        Dataset<Row> labelled = labelled(spec, asOf);
        if (!spec.victimEvents() || !DeltaIO.exists(spark, lake.silver(Silver.INCIDENTS))) {
            return labelled.withColumn(EVENT_DATE, lit(null).cast("date"));
        }
        Dataset<Row> reported = DeltaIO.read(spark, lake.silver(Silver.INCIDENTS))
                .filter(col(Incidents.CATEGORY).equalTo(TELECOM_FRAUD).and(col(Incidents.VICTIM_ID).isNotNull()))
                .withColumn("_reported", cityDate(col(Incidents.REPORTED_AT)))
                .filter(onOrBefore(col("_reported"), asOf))
                .select(col(Incidents.VICTIM_ID).as(FeatureStore.ENTITY_ID), col("_reported").as(LABELLED_DATE),
                        cityDate(col(Incidents.OCCURRED_AT)).as(EVENT_DATE));
        return labelled.withColumn(EVENT_DATE, lit(null).cast("date")).unionByName(reported)
                .groupBy(FeatureStore.ENTITY_ID)
                .agg(min(LABELLED_DATE).as(LABELLED_DATE), min(EVENT_DATE).as(EVENT_DATE));
    }

    /** Positives from case labels, with the CLEARED rule. */
    private Dataset<Row> labelled(LabelSpec spec, LocalDate asOf) {
        String type = spec.viaHeldAccounts() ? EntityKind.ACCOUNT.labelType() : spec.kind().labelType();
        Column isPositive = col(CaseLabels.LABEL).isin(spec.labels().toArray());
        Dataset<Row> latest = caseLabels(asOf)
                .filter(col(CaseLabels.ENTITY_TYPE).equalTo(type))
                .filter(isPositive.or(col(CaseLabels.LABEL).equalTo(CLEARED)))
                .groupBy(col(CaseLabels.ENTITY_ID).as(FeatureStore.ENTITY_ID))
                .agg(min(when(isPositive, col("_date"))).as(LABELLED_DATE),
                        max(when(isPositive, col(CaseLabels.CONFIRMED_AT))).as("_last_positive"),
                        max(when(col(CaseLabels.LABEL).equalTo(CLEARED), col(CaseLabels.CONFIRMED_AT)))
                                .as("_last_cleared"))
                .filter(col("_last_positive").isNotNull()
                        .and(col("_last_cleared").isNull().or(col("_last_cleared").lt(col("_last_positive")))))
                .select(FeatureStore.ENTITY_ID, LABELLED_DATE);
        if (!spec.viaHeldAccounts()) {
            return latest;
        }
        Dataset<Row> holders = DeltaIO.read(spark, lake.silver(Silver.ACCOUNTS))
                .select(col(Accounts.ACCOUNT_ID).as(FeatureStore.ENTITY_ID), col(Accounts.HOLDER_ID));
        return latest.join(holders, FeatureStore.ENTITY_ID)
                .groupBy(col(Accounts.HOLDER_ID).as(FeatureStore.ENTITY_ID))
                .agg(min(LABELLED_DATE).as(LABELLED_DATE));
    }

    /**
     * {@link FeatureStore#ENTITY_ID}, {@link #NAMED_DATE}: entities of a kind that any label (of any kind,
     * CLEARED included, case label or bank feedback) or any police report named by the end of asOf, with the first
     * date they were named.
     * Finding the others is the point of early warning; metrics are also given over them alone.
     */
    public Dataset<Row> named(EntityKind kind, LocalDate asOf) {
        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(caseLabels(asOf).filter(col(CaseLabels.ENTITY_TYPE).equalTo(kind.labelType()))
                .select(col(CaseLabels.ENTITY_ID).as(FeatureStore.ENTITY_ID), col("_date")));
        if (DeltaIO.exists(spark, lake.silver(Silver.INCIDENTS))) {
            Dataset<Row> incidents = DeltaIO.read(spark, lake.silver(Silver.INCIDENTS))
                    .withColumn("_date", cityDate(col(Incidents.REPORTED_AT)))
                    .filter(onOrBefore(col("_date"), asOf));
            switch (kind) {
                case ACCOUNT -> {
                    parts.add(incidents.select(explode(col(Incidents.SUSPECT_ACCOUNTS)).as(FeatureStore.ENTITY_ID), col("_date")));
                    parts.add(incidents.select(explode(col(Incidents.VICTIM_ACCOUNTS)).as(FeatureStore.ENTITY_ID), col("_date")));
                }
                case PHONE -> {
                    parts.add(incidents.select(explode(col(Incidents.SUSPECT_PHONES)).as(FeatureStore.ENTITY_ID), col("_date")));
                    parts.add(incidents.select(col(Incidents.VICTIM_PHONE).as(FeatureStore.ENTITY_ID), col("_date")));
                }
                case PERSON -> parts.add(incidents.select(col(Incidents.VICTIM_ID).as(FeatureStore.ENTITY_ID), col("_date")));
                case COMPANY -> { }
            }
        }
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        return all.filter(col(FeatureStore.ENTITY_ID).isNotNull())
                .groupBy(FeatureStore.ENTITY_ID).agg(min("_date").as(NAMED_DATE));
    }
}

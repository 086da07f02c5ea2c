package org.fraudlake.publish.decisions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.models.Action;
import org.fraudlake.schemas.tables.Gold.AggPhoneContactDaily;
import org.fraudlake.schemas.tables.Gold;
import org.fraudlake.schemas.tables.Published.InterceptList;
import org.fraudlake.schemas.tables.Published.Status;
import org.fraudlake.schemas.tables.Published.VictimWarnings;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Silver.Accounts;
import org.fraudlake.schemas.tables.Silver.Incidents;
import org.fraudlake.schemas.tables.Silver.Subscribers;
import org.fraudlake.schemas.tables.Silver;
import org.fraudlake.schemas.tables.Warnings.WarningType;
import org.fraudlake.schemas.tables.Warnings;

/**
 * Victims before the money moves: the persons a number flagged tonight talked to. A victim model needs the payment;
 * but when the night flags a number as a fraud phone (any freeze-or-block evidence on it: a phone model that fired,
 * or the number's risk at its stack's operating point), the people it talked to in the last
 * {@link DecisionsJob.CallerWarnings#days} days, in answered voice calls of at least
 * {@link DecisionsJob.CallerWarnings#minSeconds} seconds that day, are at risk now, paid or not. Each gets a
 * CONTACT_VICTIM warning at every partner bank where they hold an account ({@link Warnings#FLAGGED_CALLER} among the
 * models), within the bank's CONTACT_VICTIM budget.
 *
 * <p>Its score is learned from the lake, not set: of the persons the numbers sent on earlier nights' intercept
 * lists (NEW or ESCALATED) had talked to that way, in the last {@link DecisionsJob.CallerWarnings#historyDays} dates
 * up to {@link DecisionsJob.CallerWarnings#maturityDays} before D, the share a police report has named as a victim
 * (by ID or by the number called) since the call, known by the end of D; the setting's prior counts as
 * {@link DecisionsJob.CallerWarnings#priorWeight} persons: {@code (victims + prior * weight) / (persons + weight)}.
 * The reason says what it rests on; the caller's number is a carrier's data and is never in it.
 *
 * <p>Pure transforms over frames; the job reads and writes. Cost: a scan of the contact aggregates of the history
 * filtered by a broadcast of the flagged numbers (few), two small joins and aggregations.
 */
final class FlaggedCallers {
    /** The learned estimate's columns: persons, victims among them, and the estimate. */
    static final String N = "_n";
    static final String VICTIMS = "_victims";
    static final String ESTIMATE = "_estimate";

    private static final String PHONE = "_phone";
    private static final String FLAGGED_ON = "_flagged_on";
    private static final String PERSON = "_person";
    private static final String FIRST = "_first";
    private static final String TALK = "_talk_s";
    private static final String CALLER_SCORE = "_caller_score";
    private static final String CALLER_MODEL = "_caller_model";

    private FlaggedCallers() {
    }

    /**
     * Tonight's victim-warning evidence, in {@link Evidence#COLUMNS}.
     *
     * @param fired       the night's fired evidence ({@link Evidence#fired} and {@link Evidence#risky})
     * @param contacts    gold/agg_phone_contact_daily rows (dates outside the last {@code days} are ignored)
     * @param subscribers silver subscribers: phone, holder_id
     * @param accounts    silver accounts as of D: account_id, bank, holder_id
     * @param learned     {@link #learned}: one row
     */
    static Dataset<Row> evidence(Dataset<Row> fired, Dataset<Row> contacts, Dataset<Row> subscribers,
                                 Dataset<Row> accounts, Dataset<Row> learned, AsOf asOf,
                                 DecisionsJob.CallerWarnings settings) {
        Dataset<Row> flagged = fired.filter(col(Evidence.SCORED_TYPE).equalTo(Warnings.PHONE)
                        .and(col(Evidence.MODEL_ACTION).isin(Action.BLOCK.name(), Action.FREEZE.name())))
                .groupBy(col(Evidence.SCORED_ID).as(PHONE))
                .agg(max(InterceptList.SCORE).as(CALLER_SCORE),
                        max_by(col(Evidence.MODEL), col(InterceptList.SCORE)).as(CALLER_MODEL))
                .withColumn(FLAGGED_ON, asOf.day());
        Dataset<Row> persons = talkedTo(flagged, contacts, subscribers, settings)
                .groupBy(col(PERSON))
                .agg(max(AggPhoneContactDaily.DURATION_S).as(TALK),
                        max_by(col(Gold.BUSINESS_DATE), col(AggPhoneContactDaily.DURATION_S)).as(FIRST),
                        max(CALLER_SCORE).as(CALLER_SCORE));
        Column minutes = round(col(TALK).divide(60.0), 0).cast("long");
        Column basis = when(col(N).equalTo(0), lit("no earlier outcome yet: estimate "))
                .otherwise(concat(col(VICTIMS).cast("string"), lit(" of "), col(N).cast("string"),
                        lit(" persons such numbers talked to earlier were reported as victims since: estimate ")));
        Column reason = concat(lit("talked "), minutes.cast("string"), lit(" min on "), col(FIRST).cast("string"),
                lit(" with a number flagged tonight as a fraud phone (score "), format_number(col(CALLER_SCORE), 2),
                lit("); "), basis, format_number(col(ESTIMATE), 2));
        return persons.crossJoin(broadcast(learned))
                .join(accounts.filter(col(Accounts.HOLDER_ID).isNotNull())
                        .select(col(Accounts.HOLDER_ID).as(PERSON), col(Accounts.ACCOUNT_ID), col(Accounts.BANK)), PERSON)
                .select(col(Accounts.BANK).as(InterceptList.PARTNER), lit(Warnings.ACCOUNT).as(InterceptList.ENTITY_TYPE),
                        col(Accounts.ACCOUNT_ID).as(InterceptList.ENTITY_ID), col(PERSON).as(VictimWarnings.PERSON_ID),
                        lit(Warnings.FLAGGED_CALLER).as(Evidence.MODEL), col(ESTIMATE).as(InterceptList.SCORE),
                        array(reason).as(InterceptList.REASONS),
                        lit(WarningType.VICTIM_AT_RISK.name()).as(InterceptList.WARNING_TYPE),
                        lit(Action.CONTACT_VICTIM.name()).as(Evidence.MODEL_ACTION),
                        lit(Double.NaN).as(Evidence.PRECISION));
    }

    /**
     * The estimate, one row ({@link #N}, {@link #VICTIMS}, {@link #ESTIMATE}), from the numbers earlier nights sent
     * on the intercept list and whom they had talked to.
     *
     * @param intercept   published/intercept_list rows (any dates; those outside the learning span are ignored)
     * @param contacts    gold/agg_phone_contact_daily rows of the history
     * @param subscribers silver subscribers: phone, holder_id
     * @param incidents   silver/incidents: victim_id, victim_phone, reported_at, business_date
     */
    static Dataset<Row> learned(Dataset<Row> intercept, Dataset<Row> contacts, Dataset<Row> subscribers,
                                Dataset<Row> incidents, AsOf asOf, DecisionsJob.CallerWarnings settings) {
        Column day = col(Published.BUSINESS_DATE);
        Dataset<Row> flagged = intercept.filter(col(InterceptList.ENTITY_TYPE).equalTo(Warnings.PHONE)
                        .and(col(InterceptList.SENT))
                        .and(col(InterceptList.STATUS).isin(Status.NEW.name(), Status.ESCALATED.name()))
                        .and(day.geq(lit(Date.valueOf(asOf.date().minusDays(settings.historyDays() - 1L)))))
                        .and(day.leq(lit(Date.valueOf(asOf.date().minusDays(settings.maturityDays()))))))
                .select(col(InterceptList.ENTITY_ID).as(PHONE), day.as(FLAGGED_ON), lit(0.0).as(CALLER_SCORE))
                .distinct();
        Dataset<Row> called = talkedTo(flagged, contacts, subscribers, settings)
                .groupBy(col(PERSON)).agg(min(Gold.BUSINESS_DATE).as(FIRST));
        Dataset<Row> reported = incidents.filter(col(Silver.BUSINESS_DATE).leq(asOf.day())
                        .and(col(Incidents.REPORTED_AT).lt(lit(asOf.endOfDay()))))
                .select(col(Incidents.VICTIM_ID).as(PERSON), col(Incidents.VICTIM_PHONE).as(PHONE),
                        col(Silver.BUSINESS_DATE).as("_reported_on"));
        Dataset<Row> byId = reported.filter(col(PERSON).isNotNull()).select(col(PERSON), col("_reported_on"));
        Dataset<Row> byPhone = reported.filter(col(PHONE).isNotNull())
                .join(subscribers.filter(col(Subscribers.HOLDER_ID).isNotNull())
                        .select(col(Subscribers.PHONE).as(PHONE), col(Subscribers.HOLDER_ID).as("_holder")), PHONE)
                .select(col("_holder").as(PERSON), col("_reported_on"));
        Dataset<Row> victims = byId.unionByName(byPhone).groupBy(PERSON).agg(max("_reported_on").as("_reported_on"));
        Column victim = col("_reported_on").isNotNull().and(col("_reported_on").geq(col(FIRST)));
        double prior = settings.prior();
        double weight = settings.priorWeight();
        return called.join(victims, new String[]{PERSON}, "left")
                .agg(count(lit(1)).as(N), sum(when(victim, 1L).otherwise(0L)).as(VICTIMS))
                .select(col(N), org.apache.spark.sql.functions.coalesce(col(VICTIMS), lit(0L)).as(VICTIMS))
                .withColumn(ESTIMATE, col(VICTIMS).plus(lit(prior * weight)).divide(col(N).plus(lit(weight))));
    }

    /**
     * The persons (holders of the called numbers, not the caller's own holder) the flagged numbers talked to in answered
     * voice calls of at least the minimum on one of the {@code days} dates up to the date each was flagged:
     * {@code _person}, business_date, duration_s and the flagged frame's columns.
     */
    private static Dataset<Row> talkedTo(Dataset<Row> flagged, Dataset<Row> contacts, Dataset<Row> subscribers,
                                         DecisionsJob.CallerWarnings settings) {
        Column day = col(Gold.BUSINESS_DATE);
        Dataset<Row> holders = subscribers.filter(col(Subscribers.HOLDER_ID).isNotNull())
                .select(col(Subscribers.PHONE), col(Subscribers.HOLDER_ID));
        return contacts.filter(col(AggPhoneContactDaily.VOICE_CNT).gt(0)
                        .and(col(AggPhoneContactDaily.DURATION_S).geq(settings.minSeconds())))
                .select(col(AggPhoneContactDaily.CALLER), col(AggPhoneContactDaily.CALLEE), day,
                        col(AggPhoneContactDaily.DURATION_S))
                .join(broadcast(flagged), col(AggPhoneContactDaily.CALLER).equalTo(col(PHONE))
                        .and(day.leq(col(FLAGGED_ON)))
                        .and(day.gt(date_sub(col(FLAGGED_ON), settings.days()))))
                .join(holders.withColumnRenamed(Subscribers.PHONE, AggPhoneContactDaily.CALLEE)
                        .withColumnRenamed(Subscribers.HOLDER_ID, PERSON), AggPhoneContactDaily.CALLEE)
                .join(holders.withColumnRenamed(Subscribers.PHONE, AggPhoneContactDaily.CALLER)
                                .withColumnRenamed(Subscribers.HOLDER_ID, "_caller_holder"),
                        new String[]{AggPhoneContactDaily.CALLER}, "left")
                .filter(col("_caller_holder").isNull().or(col("_caller_holder").notEqual(col(PERSON))));
    }
}

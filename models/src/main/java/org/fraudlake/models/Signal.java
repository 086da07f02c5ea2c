package org.fraudlake.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * One input of a model: a raw value per entity and day (usually a gold feature column), how it enters the
 * score, and how to say it to an analyst. The reason text holds {@code {}} where the value goes, e.g.
 * {@code "received {} transfers from unrelated accounts in 24h"}.
 *
 * @param priorWeight the expert weight of a scorecard signal (ignored by classifiers); the score a scorecard
 *                    gives before labels exist is {@code sigmoid(bias + sum(weight * transformed))}
 */
public record Signal(String id, Column raw, Transform transform, Unit unit, String reason, double priorWeight) {
    /** How a value is printed in a reason. */
    public enum Unit {
        COUNT, AMOUNT, PERCENT, DECIMAL;

        Column format(Column v) {
            return switch (this) {
                case COUNT -> format_number(v, 0);
                case AMOUNT -> concat(format_number(v, 0), lit(" CNY"));
                case PERCENT -> concat(format_number(v.multiply(100), 0), lit("%"));
                case DECIMAL -> format_number(v, 1);
            };
        }
    }

    public Signal {
        if (!reason.contains("{}")) {
            throw new IllegalArgumentException(id + ": reason must hold {} for the value: " + reason);
        }
    }

    /** A feature column, log-transformed: counts and amounts. */
    public static Signal log(String feature, Unit unit, String reason) {
        return new Signal(feature, col(feature), Transform.LOG, unit, reason, 0);
    }

    /** A feature column as it is: shares and flags. */
    public static Signal linear(String feature, Unit unit, String reason) {
        return new Signal(feature, col(feature), Transform.LINEAR, unit, reason, 0);
    }

    /** A scorecard signal: 0 at or below {@code low}, 1 at or above {@code high}. */
    public static Signal ramp(String feature, double low, double high, double weight, Unit unit, String reason) {
        return new Signal(feature, col(feature), Transform.ramp(low, high), unit, reason, weight);
    }

    /** A scorecard signal that alarms when the value is low: 1 at or below {@code low}, 0 at or above {@code high}. */
    public static Signal rampDown(String feature, double low, double high, double weight, Unit unit, String reason) {
        return new Signal(feature, col(feature), Transform.rampDown(low, high), unit, reason, weight);
    }

    /** The same signal with an expert weight (classifiers' fallback when labels are too few). */
    public Signal prior(double weight) {
        return new Signal(id, raw, transform, unit, reason, weight);
    }

    /** A derived value (not a stored feature) under its own id. */
    public Signal as(String newId, Column expression) {
        return new Signal(newId, expression, transform, unit, reason, priorWeight);
    }

    /** The reason sentence for a raw value column. */
    Column text(Column value) {
        int at = reason.indexOf("{}");
        return concat(lit(reason.substring(0, at)), unit.format(value), lit(reason.substring(at + 2)));
    }
}

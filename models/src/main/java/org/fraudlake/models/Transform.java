package org.fraudlake.models;

import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

import org.apache.spark.sql.Column;

/**
 * How a signal's raw value enters the linear score. Saved with each model version, so a version scores the
 * same way after the code's defaults change.
 *
 * @param kind LOG: {@code ln(1 + max(x, 0))} for counts and amounts; LINEAR: x as it is (shares, flags);
 *             RAMP: 0 at or below {@code low}, 1 at or above {@code high}, linear between; RAMP_DOWN: the
 *             reverse, 1 at or below {@code low} and 0 at or above {@code high} (young accounts, low balances)
 */
public record Transform(Kind kind, double low, double high) {
    public enum Kind { LOG, LINEAR, RAMP, RAMP_DOWN }

    public static final Transform LOG = new Transform(Kind.LOG, 0, 0);
    public static final Transform LINEAR = new Transform(Kind.LINEAR, 0, 0);

    public Transform {
        if ((kind == Kind.RAMP || kind == Kind.RAMP_DOWN) && !(high > low)) {
            throw new IllegalArgumentException("ramp needs low < high, got " + low + ".." + high);
        }
    }

    public static Transform ramp(double low, double high) {
        return new Transform(Kind.RAMP, low, high);
    }

    public static Transform rampDown(double low, double high) {
        return new Transform(Kind.RAMP_DOWN, low, high);
    }

    public Column apply(Column x) {
        Column v = x.cast("double");
        return switch (kind) {
            case LOG -> log1p(greatest(v, lit(0.0)));
            case LINEAR -> v;
            case RAMP -> least(greatest(v.minus(low).divide(high - low), lit(0.0)), lit(1.0));
            case RAMP_DOWN -> least(greatest(lit(high).minus(v).divide(high - low), lit(0.0)), lit(1.0));
        };
    }

    /** The same transform on a plain value, for tests and explanations. */
    public double apply(double x) {
        return switch (kind) {
            case LOG -> Math.log1p(Math.max(x, 0));
            case LINEAR -> x;
            case RAMP -> Math.min(Math.max((x - low) / (high - low), 0), 1);
            case RAMP_DOWN -> Math.min(Math.max((high - x) / (high - low), 0), 1);
        };
    }
}

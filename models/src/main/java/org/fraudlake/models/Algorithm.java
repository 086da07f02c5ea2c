package org.fraudlake.models;

/** How a model's weights are obtained. Both produce a linear score, calibrated to a probability. */
public enum Algorithm {
    /**
     * Spark MLlib logistic regression over many transformed features (elastic net, class-weighted for the
     * rare positive class), then Platt-calibrated on the true class balance.
     */
    LOGISTIC_REGRESSION("MLlib logistic regression (elastic net, class-weighted) + Platt calibration"),
    /**
     * A typed scorecard: a few named signals, each a ramp from "normal" to "alarming", with non-negative
     * weights fitted by MLlib logistic regression when the labels suffice, else the expert weights the model
     * declares; calibrated like the classifier.
     */
    SCORECARD("scorecard: ramp signals, non-negative weights fitted by MLlib LR (expert weights if labels are few)");

    private final String description;

    Algorithm(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

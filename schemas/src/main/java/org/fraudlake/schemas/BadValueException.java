package org.fraudlake.schemas;

/** A value that breaks its column's rule; the message names the column, the value and the rule. */
public final class BadValueException extends Exception {
    private final Problem problem;

    public BadValueException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

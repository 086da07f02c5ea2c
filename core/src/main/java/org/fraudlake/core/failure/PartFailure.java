package org.fraudlake.core.failure;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One part of a stage that failed while the other parts went on: a model that did not train or score, a lead
 * detector, an incident-series step, a report section, a partner's outbox folder. The stage completes with what the
 * other parts produced and reports its failed parts; the runner records them with their whole stack.
 *
 * @param part  what failed, named as the stage names its parts (a model's name, {@code detector round_tripping},
 *              {@code section leads}, {@code partner BANK_A})
 * @param error what it threw
 */
public record PartFailure(String part, Throwable error) {
    public PartFailure {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(error, "error");
    }

    /** {@code money_mule (NullPointerException at Evaluator.java:89)}. */
    public String brief() {
        return part + " (" + ErrorText.brief(error) + ")";
    }

    /** The class, message and frames of our code, as {@link ErrorText#describe} says them. */
    public String describe() {
        return part + ": " + ErrorText.describe(error);
    }

    /** {@code 1 failed: money_mule (NullPointerException at Evaluator.java:89)}; empty for none. */
    public static String summary(List<PartFailure> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        return failures.size() + " failed: " + failures.stream().map(PartFailure::brief)
                .collect(Collectors.joining(", "));
    }

    /**
     * When every one of {@code parts} parts failed, the stage has nothing to go on with and fails as a whole: the
     * first failure is the cause, the others are suppressed, all with their stacks. Null when some part worked.
     */
    public static RuntimeException whenAllFailed(String what, int parts, List<PartFailure> failures) {
        if (parts == 0 || failures.size() < parts) {
            return null;
        }
        IllegalStateException all = new IllegalStateException("every one of the " + parts + " " + what
                + " failed: " + summary(failures), failures.get(0).error());
        failures.subList(1, failures.size()).forEach(f -> all.addSuppressed(f.error()));
        return all;
    }
}

package org.fraudlake.models;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which labels make an entity a positive example. Labels come from case_labels (a later CLEARED withdraws
 * them), from bank feedback and from analysts' dispositions. {@code viaHeldAccounts}: the entity (a person or
 * company) is positive when an account it holds carries one of the labels.
 */
public record LabelSpec(EntityKind kind, Set<String> labels, boolean viaHeldAccounts) {
    public LabelSpec {
        labels = Set.copyOf(labels);
    }

    public static LabelSpec of(EntityKind kind, String... labels) {
        return new LabelSpec(kind, Set.of(labels), false);
    }

    /** A person or company is positive when one of its accounts carries one of the labels. */
    public static LabelSpec heldAccounts(EntityKind kind, String... labels) {
        return new LabelSpec(kind, Set.of(labels), true);
    }

    public String describe() {
        String names = String.join("/", new TreeSet<>(labels));
        return viaHeldAccounts ? kind.name().toLowerCase() + " holding an account labelled " + names
                : kind.name().toLowerCase() + " labelled " + names;
    }
}

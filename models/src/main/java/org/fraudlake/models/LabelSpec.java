package org.fraudlake.models;

import java.util.Set;
import java.util.TreeSet;
import org.fraudlake.schemas.CaseLabel;

/**
 * Which labels make an entity a positive example. Labels come from case_labels (a later CLEARED withdraws
 * them), from bank feedback and from analysts' dispositions. {@code viaHeldAccounts}: the entity (a person or
 * company) is positive when an account it holds carries one of the labels. {@code victimEvents}: persons are
 * also positive when a telecom-fraud police report names them as the victim, and the report's occurrence
 * date is the event a victim model must catch (a victim is a victim on the day of the payment, not on
 * the days before or after).
 */
public record LabelSpec(EntityKind kind, Set<String> labels, boolean viaHeldAccounts, boolean victimEvents) {
    public LabelSpec {
        labels = Set.copyOf(labels);
    }

    public static LabelSpec of(EntityKind kind, CaseLabel... labels) {
        return new LabelSpec(kind, Set.copyOf(CaseLabel.names(labels)), false, false);
    }

    /** Victims of telecom fraud: labelled VICTIM or named as victim in a telecom-fraud police report. */
    public static LabelSpec victims() {
        return new LabelSpec(EntityKind.PERSON, Set.of(CaseLabel.VICTIM.name()), false, true);
    }

    /** A person or company is positive when one of its accounts carries one of the labels. */
    public static LabelSpec heldAccounts(EntityKind kind, CaseLabel... labels) {
        return new LabelSpec(kind, Set.copyOf(CaseLabel.names(labels)), true, false);
    }

    public String describe() {
        String names = String.join("/", new TreeSet<>(labels));
        if (victimEvents) {
            return "person labelled " + names + " or named victim of a TELECOM_FRAUD police report (event: the "
                    + "incident's date)";
        }
        return viaHeldAccounts ? kind.name().toLowerCase() + " holding an account labelled " + names
                : kind.name().toLowerCase() + " labelled " + names;
    }
}

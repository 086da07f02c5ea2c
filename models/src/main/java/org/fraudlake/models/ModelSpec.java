package org.fraudlake.models;

import java.util.List;

/**
 * What a model is, for the catalog listing: its typology, the entity it scores, the feeds it reads (all
 * partner banks and carriers pooled, pseudonymized), its label, algorithm and the action its alert can
 * trigger.
 */
public record ModelSpec(String name, String typology, EntityKind entity, List<String> sources, LabelSpec label,
                        Algorithm algorithm, Action action, String description) {
    public ModelSpec {
        sources = List.copyOf(sources);
        if (label.kind() != entity) {
            throw new IllegalArgumentException(name + ": label names " + label.kind() + " but the model scores " + entity);
        }
    }
}

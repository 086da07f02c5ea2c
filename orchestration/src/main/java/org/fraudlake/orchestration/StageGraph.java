package org.fraudlake.orchestration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The night as a graph of stages, built from the stages' {@link Spec}s: each names the stages it needs and the lake
 * tables it reads and writes, and comes after the stages it needs. {@link StandardNight#GRAPH} is fraudlake's night.
 */
public final class StageGraph {

    /** One stage: its name, the stages that must complete first, and the lake tables it reads and writes. */
    public record Spec(String name, List<String> dependsOn, List<String> inputs, List<String> outputs,
                       String description) {
        public Spec {
            dependsOn = List.copyOf(dependsOn);
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    /** The graph of these specs, in this order; a spec that needs one not declared before it fails. */
    public StageGraph(List<Spec> stages) {
        for (Spec s : stages) {
            for (String d : s.dependsOn()) {
                if (!specs.containsKey(d)) {
                    throw new IllegalArgumentException("stage " + s.name() + " depends on " + d
                            + ", which is not declared before it");
                }
            }
            if (specs.put(s.name(), s) != null) {
                throw new IllegalArgumentException("stage " + s.name() + " declared twice");
            }
        }
    }

    /** Every stage in run order. */
    public List<Spec> stages() {
        return List.copyOf(specs.values());
    }

    /** Stage names in run order. */
    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    /** The stage of that name; an unknown name fails listing the valid ones. */
    public Spec stage(String name) {
        Spec s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown stage '" + name + "'; valid: " + String.join(", ", names()));
        }
        return s;
    }

    /** Every stage the named one needs, directly or not. */
    public Set<String> upstream(String name) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String d : stage(name).dependsOn()) {
            out.addAll(upstream(d));
            out.add(d);
        }
        return out;
    }

    /** The stages a night through {@code last} runs, in run order: it and its upstream; null: every stage. */
    public List<String> through(String last) {
        if (last == null) {
            return names();
        }
        Set<String> wanted = upstream(last);
        wanted.add(stage(last).name());
        return names().stream().filter(wanted::contains).toList();
    }

    @Override
    public String toString() {
        return stages().stream().map(s -> s.name() + (s.dependsOn().isEmpty() ? "" : " <- " + s.dependsOn()))
                .collect(Collectors.joining("; "));
    }
}

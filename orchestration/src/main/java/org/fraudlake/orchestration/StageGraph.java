package org.fraudlake.orchestration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The night as a graph of stages: each stage names the stages it needs and the lake tables it reads and
 * writes. {@link #STANDARD} is fraudlake's night; its declaration order is a valid run order.
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

    /** fraudlake's night for one business date. */
    public static final StageGraph STANDARD = new StageGraph(List.of(
            new Spec("ingest", List.of(), List.of("landing/*/*/<D>"),
                    List.of("bronze/*", "quarantine/rows", "quarantine/deliveries", "ops/deliveries"),
                    "partner deliveries of D into bronze; bad rows quarantined, bad deliveries rejected"),
            new Spec("conform", List.of("ingest"), List.of("bronze/*"),
                    List.of("silver/*", "vault/identities"),
                    "typed, deduplicated, pseudonymized silver tables"),
            new Spec("features", List.of("conform"), List.of("silver/*"),
                    List.of("gold/agg_*_daily", "gold/features_*_daily"),
                    "daily aggregates and 1/7/30-day feature tables"),
            new Spec("graph", List.of("features"), List.of("silver/transactions", "silver/calls", "silver/incidents"),
                    List.of("gold/fund_traces", "gold/fund_trace_flows", "gold/graph_account_daily",
                            "gold/graph_phone_daily"),
                    "victim money traced, communities and risk propagation"),
            new Spec("train", List.of("graph"), List.of("gold/features_*_daily", "gold/graph_*_daily",
                    "silver/case_labels", "silver/bank_feedback"),
                    List.of("models/registry", "models/<name>/v<N>"),
                    "the model catalog refitted when due (train.every-days), champions promoted"),
            new Spec("score", List.of("train"), List.of("gold/features_*_daily", "gold/graph_*_daily",
                    "models/registry"), List.of("gold/scores"),
                    "every champion scores every entity active on D"),
            new Spec("leads", List.of("graph"), List.of("silver/*", "gold/graph_*_daily"),
                    List.of("published/leads", "published/incident_series"),
                    "economic-crime leads and incident series"),
            new Spec("publish", List.of("score", "leads"), List.of("gold/scores", "gold/fund_traces",
                    "published/leads", "vault/identities"),
                    List.of("published/intercept_list", "published/victim_warnings", "outbox/<partner>/<D>"),
                    "decisions and every partner's signed outbox folder, verified"),
            new Spec("feedback", List.of("publish"), List.of("silver/bank_feedback", "published/*"),
                    List.of("published/feedback_impact"), "what the warnings achieved, per bank and model"),
            new Spec("report", List.of("feedback"), List.of("gold/scores", "published/*", "ops/*"),
                    List.of("reports/<D>"), "the nightly report")));

    private final Map<String, Spec> specs = new LinkedHashMap<>();

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

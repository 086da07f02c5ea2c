package org.fraudlake.orchestration;

import java.util.List;
import java.util.function.Function;

/**
 * fraudlake's night: its stages in run order. This is the one place a stage is added (its class declares the rest);
 * {@link #GRAPH} is built from the stages' specs, and the runner, the Airflow DAG, the drills and the bench read it.
 */
public final class StandardNight {
    private record Entry(StageGraph.Spec spec, Function<StageContext, Stage> make) {
    }

    private static final List<Entry> STAGES = List.of(
            new Entry(IngestStage.SPEC, IngestStage::new),
            new Entry(ConformStage.SPEC, ConformStage::new),
            new Entry(FeaturesStage.SPEC, FeaturesStage::new),
            new Entry(GraphStage.SPEC, GraphStage::new),
            new Entry(TrainStage.SPEC, TrainStage::new),
            new Entry(ScoreStage.SPEC, ScoreStage::new),
            new Entry(LeadsStage.SPEC, LeadsStage::new),
            new Entry(PublishStage.SPEC, PublishStage::new),
            new Entry(FeedbackStage.SPEC, FeedbackStage::new),
            new Entry(ReportStage.SPEC, ReportStage::new));

    /** The night's stage graph; its order is a valid run order. */
    public static final StageGraph GRAPH = new StageGraph(STAGES.stream().map(Entry::spec).toList());

    private StandardNight() {
    }

    /** The stages, built for one runner. */
    static List<Stage> stages(StageContext context) {
        return STAGES.stream().map(e -> e.make().apply(context)).toList();
    }
}

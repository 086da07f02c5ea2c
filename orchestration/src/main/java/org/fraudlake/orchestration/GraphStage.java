package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Victim money traced through the transfers, communities and risk propagated over the graphs. */
final class GraphStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("graph", List.of("features"),
            List.of("silver/transactions", "silver/calls", "silver/incidents"), List.of("gold/fund_traces",
                    "gold/fund_trace_flows", "gold/graph_account_daily", "gold/graph_phone_daily"),
            "victim money traced, communities and risk propagation");

    GraphStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        return StageResult.written(night().graph(spark, date));
    }
}

package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.graph.leads.LeadsJob;

/** Economic-crime leads and incident series; a detector or the series step that fails is a failed part. */
final class LeadsStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("leads", List.of("graph"),
            List.of("silver/*", "gold/graph_*_daily"),
            List.of("published/leads", "published/incident_series"), "economic-crime leads and incident series");

    LeadsStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        LeadsJob.Result r = night().leads(spark, date);
        return StageResult.written(r.counts()).withFailures(r.failures());
    }
}

package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.publish.report.ReportJob;

/** The nightly report; a section that fails is a failed part. */
final class ReportStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("report", List.of("feedback"),
            List.of("gold/scores", "published/*", "ops/*"), List.of("reports/<D>"), "the nightly report");

    ReportStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException {
        ReportJob.Output r = night().report(spark, date);
        return StageResult.of(null, 1L, r.html()).withFailures(r.failures());
    }
}

package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.publish.report.ReportJob;

/** The nightly report; a section that fails is a failed part. */
final class ReportStage implements Stage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("report", List.of("feedback"),
            List.of("gold/scores", "published/*", "ops/*"), List.of("reports/<D>"), "the nightly report");

    private final Night night;

    ReportStage(StageContext context) {
        this.night = context.night();
    }

    @Override
    public StageGraph.Spec spec() {
        return SPEC;
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException {
        ReportJob.Output r = night.report(spark, date);
        return StageResult.of(null, 1L, r.html()).withFailures(r.failures());
    }
}

package org.fraudlake.orchestration;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.publish.feedback.FeedbackJob;

/** What the warnings achieved, per bank and model, from the banks' feedback. */
final class FeedbackStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("feedback", List.of("publish"),
            List.of("silver/bank_feedback", "published/*"), List.of("published/feedback_impact"),
            "what the warnings achieved, per bank and model");

    FeedbackStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) {
        FeedbackJob.Result r = night().feedback(spark, date);
        return StageResult.of(null, r.rows(), r.banks().size() + " banks");
    }
}

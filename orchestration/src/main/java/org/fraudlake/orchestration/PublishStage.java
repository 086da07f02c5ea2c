package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.publish.outbox.Publication;

/** Decisions and every partner's signed outbox folder, verified; a partner whose folder fails is a failed part. */
final class PublishStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("publish", List.of("score", "leads"),
            List.of("gold/scores", "gold/fund_traces", "published/leads", "vault/identities"),
            List.of("published/intercept_list", "published/victim_warnings", "outbox/<partner>/<D>"),
            "decisions and every partner's signed outbox folder, verified");

    PublishStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException {
        Publication p = night().publish(spark, date);
        return StageResult.of(null, (long) p.totalRows(), p.totalRows() + " warnings for " + p.rows().size()
                + " partners, every folder verified" + (p.withheld().isEmpty() ? "" : ", " + p.withheld().size()
                + " withheld")).withFailures(p.failures());
    }
}

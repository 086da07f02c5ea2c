package org.fraudlake.orchestration;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.core.time.AsOf;
import org.fraudlake.pipelines.ingest.DeliveryOutcome;
import org.fraudlake.pipelines.ingest.IngestReport;

/**
 * Waits for the night's deliveries (up to the readiness deadline, see {@link Readiness}), then lands them: loaded
 * rows into bronze, bad rows quarantined, bad deliveries rejected. Rows in: loaded plus quarantined.
 */
final class IngestStage extends BoundStage {
    static final StageGraph.Spec SPEC = new StageGraph.Spec("ingest", List.of(), List.of("landing/*/*/<D>"),
            List.of("bronze/*", "quarantine/rows", "quarantine/deliveries", "ops/deliveries"),
            "partner deliveries of D into bronze; bad rows quarantined, bad deliveries rejected");

    IngestStage(StageContext context) {
        super(SPEC, context);
    }

    @Override
    public StageResult run(SparkSession spark, LocalDate date) throws IOException, InterruptedException {
        FraudlakeConfig config = context.config();
        Readiness readiness = new Readiness(night().lake(), spark.sparkContext().hadoopConfiguration(),
                config.get(FraudlakeConfig.READINESS_EXPECTED));
        Readiness.Status ready = readiness.await(date, deadline(config, date),
                config.get(FraudlakeConfig.READINESS_POLL), context.stopRequested(),
                line -> context.out().println("  " + line));
        context.out().println("  readiness " + date + ": " + ready);
        IngestReport r = night().ingest(spark, date);
        String note = ready + "; " + r.count(DeliveryOutcome.Status.REJECTED) + " deliveries rejected, "
                + r.quarantined() + " rows quarantined";
        return StageResult.of(r.loaded() + r.quarantined(), r.loaded(), note);
    }

    /** When a night stops waiting for late deliveries: the configured city time on the morning after D. */
    static Instant deadline(FraudlakeConfig config, LocalDate date) {
        String at = config.get(FraudlakeConfig.READINESS_DEADLINE);
        if (at.equalsIgnoreCase("none")) {
            return Instant.MIN;
        }
        return date.plusDays(1).atTime(LocalTime.parse(at)).atZone(AsOf.cityZone()).toInstant();
    }
}

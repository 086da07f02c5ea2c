package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.orchestration.Night;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import org.fraudlake.pipelines.ingest.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake ingest}: landing to bronze for a date, or for every date with deliveries. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Validate and load partner deliveries into bronze; bad rows to quarantine, bad deliveries "
                + "rejected with the reason; deliveries without a manifest wait.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--date", description = "Business date YYYY-MM-DD; without it, every date found in landing.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        Night night = runner.night();
        List<LocalDate> dates = date != null ? List.of(date) : night.landedDates(runner.spark());
        List<IngestReport> reports = new ArrayList<>();
        for (LocalDate d : dates) {
            runner.runCommand("ingest", d, (spark, day) -> {
                IngestReport r = night.ingest(spark, day);
                reports.add(r);
                return StageResult.of(r.loaded() + r.quarantined(), r.loaded(), "fraudlake ingest");
            });
        }
        IngestTable.print(System.out, "ingested " + dates.size() + " date(s)", reports);
        return 0;
    }
}

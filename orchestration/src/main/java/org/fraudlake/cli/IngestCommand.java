package org.fraudlake.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
        Night night = new Night(common.config(), System.out);
        SparkSession spark = night.spark();
        List<LocalDate> dates = date != null ? List.of(date) : night.landedDates(spark);
        List<IngestReport> reports = new ArrayList<>();
        for (LocalDate d : dates) {
            reports.add(night.ingest(spark, d));
        }
        IngestTable.print(System.out, "ingested " + dates.size() + " date(s)", reports);
        return 0;
    }
}

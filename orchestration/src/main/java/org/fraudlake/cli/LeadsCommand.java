package org.fraudlake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.io.PrintStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fraudlake.graph.leads.LeadsJob;
import org.fraudlake.lake.Lake;
import org.fraudlake.pipelines.features.ReportingLines;
import org.fraudlake.pipelines.failure.PartFailure;
import org.fraudlake.pipelines.spark.DeltaIO;
import org.fraudlake.schemas.tables.Published;
import org.fraudlake.schemas.tables.Published.IncidentSeries;
import org.fraudlake.schemas.tables.Published.Leads;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fraudlake leads}: economic-crime leads and incident series for a date, printed by typology. */
@Command(name = "leads", mixinStandardHelpOptions = true,
        description = "Find economic-crime leads (round tripping, underground banking, illegal fund-raising, bid "
                + "rigging, shell companies, structuring rings) over the 30 days ending on a business date into "
                + "published/leads, link police incidents into series into published/incident_series, and print "
                + "them by typology. A detector or the series step that fails is left out and reported (exit 1); "
                + "the rest is published.")
public final class LeadsCommand implements Callable<Integer> {
    private static final int SHOWN = 3;

    @Mixin
    CommonOptions common;

    @Option(names = "--date", required = true, description = "Business date YYYY-MM-DD.")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        NightRunner runner = new NightRunner(common.config(), System.out);
        return PartsFailed.exitCode(runner.runCommand("leads", date, (spark, d) -> {
            LeadsJob.Result r = run(runner.lake(), spark, d, common.config().reportingLines(), System.out);
            return StageResult.of(null, StageResult.total(r.counts()), "fraudlake leads").withFailures(r.failures());
        }));
    }

    /**
     * Runs the leads job for a date and prints its leads by typology and its series, and what failed; what the
     * demo calls too.
     */
    public static LeadsJob.Result run(Lake lake, SparkSession spark, LocalDate date, ReportingLines lines,
                                      PrintStream out) {
        out.println("leads " + date);
        long t0 = System.nanoTime();
        LeadsJob.Result result = new LeadsJob(lake, line -> out.println("  " + line), lines).run(spark, date);
        out.printf("leads %s done in %.1f s%s%n", date, (System.nanoTime() - t0) / 1e9,
                result.failures().isEmpty() ? "" : "; " + PartFailure.summary(result.failures()));
        print(lake, spark, date, result.counts(), out);
        return result;
    }

    static void print(Lake lake, SparkSession spark, LocalDate date, Map<String, Long> counts, PrintStream out) {
        out.printf("%-22s %6s%n", "typology", "leads");
        counts.forEach((k, v) -> {
            if (!k.equals(LeadsJob.SERIES_COUNT)) {
                out.printf("%-22s %6d%n", k, v);
            }
        });
        for (Row r : DeltaIO.read(spark, lake.published(Published.LEADS))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(col(Leads.TYPOLOGY), col(Leads.LEAD_ID), size(col(Leads.MEMBERS)), col(Leads.TOTAL_AMOUNT),
                        col(Leads.TXN_COUNT), col(Leads.SCORE))
                .orderBy(col(Leads.TYPOLOGY), col(Leads.SCORE).desc(), col(Leads.LEAD_ID)).limit(SHOWN * 6)
                .collectAsList()) {
            out.printf("  %-20s %s  %3d members  %,16.2f CNY in %4d txns  score %.2f%n", r.getString(0), r.getString(1),
                    r.getInt(2), r.getDecimal(3), r.getLong(4), r.getDouble(5));
        }
        out.printf("incident series: %d%n", counts.getOrDefault(LeadsJob.SERIES_COUNT, 0L));
        for (Row r : DeltaIO.read(spark, lake.published(Published.INCIDENT_SERIES))
                .filter(col(Published.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .select(col(IncidentSeries.SERIES_ID), col(IncidentSeries.CATEGORY), col(IncidentSeries.MEMBER_COUNT),
                        col(IncidentSeries.COMMUNITIES), col(IncidentSeries.MODUS_OPERANDI))
                .orderBy(col(IncidentSeries.MEMBER_COUNT).desc(), col(IncidentSeries.SERIES_ID)).limit(SHOWN * 2)
                .collectAsList()) {
            out.printf("  %s %-9s %2d incidents in %s, MO %s%n", r.getString(0), r.getString(1), r.getLong(2),
                    r.getList(3), r.getList(4));
        }
    }
}

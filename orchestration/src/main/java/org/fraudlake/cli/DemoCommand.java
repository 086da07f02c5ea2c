package org.fraudlake.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.LakeKeys;
import org.fraudlake.orchestration.Night;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.RunLedger;
import org.fraudlake.orchestration.StandardNight;
import org.fraudlake.simulator.SimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fraudlake demo}: simulates a city into the lake and runs the night for every day through the stage
 * graph and its run ledger. Re-running it on the same lake skips what completed (per ops/runs).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a demo city into the lake (default ./lake) and run the night for every day through the "
                + "stage graph (recorded in ops/runs): ingest, conform and features every night, printing per-feed "
                + "counts of loaded, quarantined and rejected. The last two nights run the whole night: the graph "
                + "(traced victim money, gangs), the model catalog trained on the first of them, score, leads and "
                + "incident series, decisions and the signed partner outbox (verified), the simulated banks' answers, "
                + "feedback and the nightly report. Ends with the run ledger's stage summary, the console URL and a demo "
                + "login.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    CityOptions city;

    /** The last nights of the demo run the whole night: graph, train when due, score, leads, publish, report. */
    static final int PUBLISHED_NIGHTS = 2;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config().withShortWarmUp();
        long started = System.nanoTime();
        SimulationConfig sim = city.simulation(config, config.get(FraudlakeConfig.DEMO_FAULTS));
        NightRunner runner = new NightRunner(config, System.out);
        runner.stopGracefullyOnShutdown(Duration.ofMinutes(10));
        Night night = runner.night();
        SimulateCommand.run(night.lake(), sim);
        LakeKeys.init(config, night.lake(), runner.spark().sparkContext().hadoopConfiguration(), false, "fraudlake demo")
                .forEach(line -> System.out.println("demo: " + line));
        int validDays = night.trainSettings().validDays();
        int published = Math.min(PUBLISHED_NIGHTS, sim.days() - validDays - 1);
        LocalDate last = sim.startDate().plusDays(sim.days() - 1L);
        LocalDate firstPublished = last.minusDays(Math.max(published, 0) - 1L);
        runner.withLock("demo", () -> {
            for (int day = 0; day < sim.days(); day++) {
                LocalDate date = sim.startDate().plusDays(day);
                boolean whole = published >= 1 && !date.isBefore(firstPublished);
                System.out.printf("== night of %s (day %d/%d)%s%n", date, day + 1, sim.days(),
                        whole ? ": the whole night" : ": ingest, conform, features");
                NightRunner.Outcome o = runner.run(date, whole ? null : "features", false);
                if (!o.completed()) {
                    return null;
                }
                if (whole && date.isBefore(last)) {
                    night.partnersAnswer(sim, date);
                }
            }
            return null;
        });
        if (!night.ingested().isEmpty()) {
            IngestTable.print(System.out, "demo: ingest totals over the nights ingested now", night.ingested());
        }
        printStages(runner, sim.startDate(), last);
        if (published < 1) {
            System.out.printf("demo: %d days are too few to train and publish (validation alone takes %d days); "
                    + "no models, no warnings%n", sim.days(), validDays);
        } else {
            System.out.printf("demo: outbox %s: the signed, verified folders of every partner; partners check theirs "
                    + "with `fraudlake outbox verify DIR`%n", night.lake().outbox());
            System.out.println("demo: report " + night.lake().reports(last) + "/report.html");
            ServeCommand.addDemoUsers(config, System.out);
        }
        System.out.printf("demo finished in %.1f s; lake at %s; `fraudlake runs` shows the run ledger%n",
                (System.nanoTime() - started) / 1e9, night.lake().root());
        return 0;
    }

    /** Per stage: nights completed, total seconds and rows, from the run ledger. */
    private static void printStages(NightRunner runner, LocalDate from, LocalDate to) {
        Map<String, long[]> byStage = new LinkedHashMap<>();
        StandardNight.GRAPH.names().forEach(s -> byStage.put(s, new long[5]));
        Map<String, RunLedger.Entry> latest = new LinkedHashMap<>();
        for (RunLedger.Entry e : runner.ledger().entries(null)) {
            if (!e.date().isBefore(from) && !e.date().isAfter(to)) {
                latest.put(e.date() + "/" + e.stage(), e);
            }
        }
        for (RunLedger.Entry e : latest.values()) {
            long[] a = byStage.get(e.stage());
            if (a != null && e.completed()) {
                a[0]++;
                a[1] += Duration.between(e.startedAt(), e.endedAt()).toMillis();
                a[2] += e.rowsIn() == null ? 0 : e.rowsIn();
                a[4] += e.rowsIn() == null ? 0 : 1;
                a[3] += e.rowsOut() == null ? 0 : e.rowsOut();
            }
        }
        System.out.println("demo: stages over the nights " + from + ".." + to + " (run ledger ops/runs)");
        System.out.printf("  %-10s %7s %10s %14s %14s%n", "stage", "nights", "seconds", "rows in", "rows out");
        byStage.forEach((stage, a) -> System.out.printf("  %-10s %7d %10.1f %14s %,14d%n", stage, a[0], a[1] / 1e3,
                a[4] == 0 ? "" : String.format("%,d", a[2]), a[3]));
    }
}

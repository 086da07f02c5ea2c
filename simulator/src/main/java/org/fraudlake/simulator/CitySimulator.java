package org.fraudlake.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.fraudlake.lake.Lake;
import org.fraudlake.schemas.FeedSchema;
import org.fraudlake.schemas.Feeds;
import org.fraudlake.simulator.city.CityBuilder;
import org.fraudlake.simulator.city.World;
import org.fraudlake.simulator.crime.Crimes;
import org.fraudlake.simulator.crime.Scheme;
import org.fraudlake.simulator.day.Agenda;
import org.fraudlake.simulator.day.DayContext;
import org.fraudlake.simulator.day.DayOutput;
import org.fraudlake.simulator.day.Ledger;
import org.fraudlake.simulator.day.Snapshots;
import org.fraudlake.simulator.delivery.DayWriter;
import org.fraudlake.simulator.delivery.FaultPlan;
import org.fraudlake.simulator.delivery.StyledDelivery;
import org.fraudlake.simulator.freedom.FreedomPlan;
import org.fraudlake.simulator.life.BankingLife;
import org.fraudlake.simulator.life.CaseDesk;
import org.fraudlake.simulator.life.LookalikeLife;
import org.fraudlake.simulator.life.PoliceDesk;
import org.fraudlake.simulator.life.RegistryChurn;
import org.fraudlake.simulator.life.TelecomLife;
import org.fraudlake.simulator.life.TenderMarket;
import org.fraudlake.simulator.truth.TruthLog.Fault;
import org.fraudlake.simulator.truth.TruthLog.SchemeInfo;
import org.fraudlake.simulator.truth.TruthLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic synthetic city written as partner deliveries. Builds the city from the seed, then for
 * each business date lets it live (registers change, crime schemes act, people pay and call, the police
 * and case management work, tenders close), settles the day's money in time order and hands the day to
 * a small pool of writers, which write every feed of every source (25 deliveries a day, fewer where the
 * {@link FreedomPlan} has a partner not joined yet or silent) while the next day is simulated. Ground truth goes to {@code lake.truth()}.
 *
 * <p>Cost: memory holds the city (a few hundred bytes per person, account and number) and at most two
 * days of rows; time is dominated by formatting and gzip, spread over the available cores.
 */
public final class CitySimulator {
    private static final Logger LOG = LoggerFactory.getLogger(CitySimulator.class);
    private final SimulationConfig config;

    public CitySimulator(SimulationConfig config) {
        this.config = config;
    }

    /** Writes every feed and source for every day into lake landing/, and truth into lake.truth(). */
    public SimulationSummary run(Lake lake, Configuration conf, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        World world = CityBuilder.build(config.persons(), config.seed(), config.startDate(),
                config.profile());
        FaultPlan faults = config.faults() ? FaultPlan.standard(config.days(), config.profile()) : FaultPlan.none();
        FreedomPlan freedoms = new FreedomPlan(config, faults::touches);
        DayWriter writer = new DayWriter(lake, conf, faults, freedoms);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (FeedSchema f : Feeds.ALL) {
            rows.put(f.name(), 0L);
        }
        List<Fault> written = new ArrayList<>();
        long[] deliveries = {0};
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "simulator-writer");
            t.setDaemon(true);
            return t;
        });
        try (TruthLog truth = new TruthLog(lake, conf)) {
            TenderMarket market = new TenderMarket(world);
            List<Scheme> schemes = Crimes.plan(world, truth, config.days(), market);
            market.open();
            City city = new City(world, truth, schemes, market, freedoms);
            Deque<WritingDay> inFlight = new ArrayDeque<>();
            for (int day = 0; day < config.days(); day++) {
                DayOutput out = city.live(day);
                List<Future<StyledDelivery.Result>> futures = new ArrayList<>();
                for (Callable<StyledDelivery.Result> task : writer.tasks(out)) {
                    futures.add(pool.submit(task));
                }
                inFlight.add(new WritingDay(out.day(), out.date(), futures));
                while (inFlight.size() > 1) {
                    finish(inFlight.poll(), rows, written, deliveries, progress);
                }
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.poll(), rows, written, deliveries, progress);
            }
            LocalDate end = config.startDate().plusDays(config.days() - 1L);
            List<SchemeInfo> infos = schemes.stream().map(s -> s.info(config.startDate(), end)).toList();
            truth.finish(infos, written);
        } finally {
            pool.shutdownNow();
        }
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("simulated {} persons x {} days: {} rows in {} deliveries in {} ms", config.persons(), config.days(),
                total, deliveries[0], elapsed.toMillis());
        return new SimulationSummary(rows, total, deliveries[0], elapsed);
    }

    private record WritingDay(int day, LocalDate date, List<Future<StyledDelivery.Result>> futures) {
    }

    private void finish(WritingDay d, Map<String, Long> rows, List<Fault> faults, long[] deliveries,
                        Consumer<String> progress) throws IOException {
        long dayRows = 0;
        for (Future<StyledDelivery.Result> f : d.futures()) {
            StyledDelivery.Result r = await(f);
            rows.merge(r.feed(), r.rows(), Long::sum);
            faults.addAll(r.faults());
            dayRows += r.rows();
            deliveries[0]++;
        }
        progress.accept(String.format("day %d/%d %s: %,d rows", d.day() + 1, config.days(), d.date(), dayRows));
    }

    private static StyledDelivery.Result await(Future<StyledDelivery.Result> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing deliveries", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("writing a delivery failed: " + cause, cause);
        }
    }

    /** The living city: the order in which its parts act on a day. */
    private final class City {
        private final World world;
        private final TruthLog truth;
        private final List<Scheme> schemes;
        private final TenderMarket market;
        private final Agenda agenda = new Agenda();
        private final Ledger ledger = new Ledger();
        private final RegistryChurn churn;
        private final CaseDesk cases = new CaseDesk();
        private final BankingLife banking;
        private final TelecomLife telecom;
        private final LookalikeLife lookalikes;
        private final PoliceDesk police;
        private final FreedomPlan freedoms;
        private final Snapshots snapshots;

        City(World world, TruthLog truth, List<Scheme> schemes, TenderMarket market, FreedomPlan freedoms) {
            this.world = world;
            this.freedoms = freedoms;
            this.snapshots = new Snapshots(freedoms);
            this.truth = truth;
            this.schemes = schemes;
            this.market = market;
            this.churn = new RegistryChurn(world);
            this.banking = new BankingLife(world);
            this.telecom = new TelecomLife(world, freedoms);
            this.lookalikes = new LookalikeLife(world, truth, config.days());
            this.police = new PoliceDesk(world);
        }

        DayOutput live(int day) {
            LocalDate date = config.startDate().plusDays(day);
            world.beginDay(day);
            DayContext ctx = new DayContext(world, date, day, config.days(), agenda, truth, freedoms);
            for (Consumer<DayContext> action : agenda.actionsDue(date)) {
                action.accept(ctx);
            }
            churn.simulate(ctx);
            cases.simulate(ctx);
            for (Scheme s : schemes) {
                s.simulate(ctx);
            }
            banking.simulate(ctx);
            telecom.simulate(ctx);
            lookalikes.simulate(ctx);
            police.simulate(ctx);
            market.simulate(ctx);
            ctx.settle(ledger);
            LOG.debug("{}: {} transfers applied, {} declined", date, ctx.applied(), ctx.declined());
            return snapshots.of(world, ctx);
        }
    }
}

package org.fraudlake.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fraudlake.config.FraudlakeConfig;
import org.fraudlake.orchestration.NightLauncher;
import org.fraudlake.orchestration.NightRunner;
import org.fraudlake.orchestration.scheduler.NightScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fraudlake scheduler}: the built-in nightly scheduler (Quartz, persistent store under
 * {@code scheduler.store}). Bare or {@code start}: runs in the foreground; {@code status}: what the store
 * holds; {@code run-due} (or {@code --once}): runs the nights due now and exits.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Run the night on a schedule: scheduler.cron (default 02:00) in scheduler.time-zone, each fire "
                + "running the night of the day before. The trigger and its fire times live in a local store "
                + "(scheduler.store), so nights missed while it was down are caught up in date order at the next "
                + "start, one at a time. SIGTERM lets the running stage finish (up to scheduler.shutdown-wait); the "
                + "next start resumes that night. Without a subcommand: start. Exit 3: another scheduler holds the store.",
        subcommands = {SchedulerCommand.Start.class, SchedulerCommand.Status.class, SchedulerCommand.RunDue.class})
public final class SchedulerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--once", description = "Run the nights due now (missed fires included) and exit, as run-due.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        FraudlakeConfig config = common.config();
        return once ? runDue(config, System.out) : start(config, System.out);
    }

    /** Where the scheduler gets the night it runs: the stage graph with the run ledger. */
    static NightLauncher launcher(FraudlakeConfig config, PrintStream out) {
        return new NightRunner(config, out);
    }

    static int start(FraudlakeConfig config, PrintStream out) throws Exception {
        NightScheduler scheduler = open(config, out);
        if (scheduler == null) {
            return FraudlakeCli.LOCKED;
        }
        try (scheduler) {
            scheduler.stopGracefullyOnShutdown();
            scheduler.start();
            scheduler.awaitStopped();
        }
        return 0;
    }

    /** The scheduler on the configured store, or null (after saying why) when another scheduler holds it. */
    private static NightScheduler open(FraudlakeConfig config, PrintStream out) throws Exception {
        try {
            return NightScheduler.open(NightScheduler.Settings.of(config), launcher(config, out), out);
        } catch (NightScheduler.StoreInUseException e) {
            System.err.println("fraudlake: " + e.getMessage());
            return null;
        }
    }

    static int runDue(FraudlakeConfig config, PrintStream out) throws Exception {
        NightScheduler opened = open(config, out);
        if (opened == null) {
            return FraudlakeCli.LOCKED;
        }
        try (NightScheduler scheduler = opened) {
            scheduler.stopGracefullyOnShutdown();
            NightScheduler.Pass pass = scheduler.runDue();
            if (pass.completed().isEmpty() && pass.unfinished() == null) {
                out.println("scheduler: nothing due; every night of the schedule so far is complete");
            }
            return pass.unfinished() == null ? 0 : pass.failed() ? 1 : RunCommand.STOPPED;
        }
    }

    /** {@code fraudlake scheduler start}. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Run the scheduler in the foreground, printing its next fire times and each night's outcome.")
    static final class Start implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--once", description = "Run the nights due now and exit, as run-due.")
        boolean once;

        @Override
        public Integer call() throws Exception {
            FraudlakeConfig config = common.config();
            return once ? runDue(config, System.out) : start(config, System.out);
        }
    }

    /** {@code fraudlake scheduler run-due}. */
    @Command(name = "run-due", mixinStandardHelpOptions = true,
            description = "Run the nights due now (every fire since the last covered one, missed fires included, "
                    + "each night not complete, in date order) and exit; for a system cron instead of a resident "
                    + "scheduler. Exit: 0 done, 1 a night failed, 5 stopped (run again to resume).")
    static final class RunDue implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            return runDue(common.config(), System.out);
        }
    }

    /** {@code fraudlake scheduler status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the stored trigger (cron, zone, state, previous and next fire) and how far nights are "
                    + "covered, from the store without starting the scheduler.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            print(NightScheduler.Settings.of(common.config()), System.out);
            return 0;
        }

        static void print(NightScheduler.Settings s, PrintStream out) throws Exception {
            out.println("store:     " + s.store().toAbsolutePath().normalize() + " (scheduler " + s.schedulerName()
                    + " of lake " + s.lake() + ")");
            out.println("config:    cron '" + s.cron() + "' in " + s.zone());
            Optional<NightScheduler.StoredSchedule> stored;
            try {
                stored = NightScheduler.read(s);
            } catch (NightScheduler.StoreInUseException e) {
                out.println("running:   " + e.getMessage());
                NightScheduler.nextFires(s, 3).forEach(l -> out.println("next fire: " + l + " (per config)"));
                return;
            }
            if (stored.isEmpty()) {
                out.println("stored:    nothing yet; `fraudlake scheduler start` creates the store and the trigger");
                NightScheduler.nextFires(s, 3).forEach(l -> out.println("next fire: " + l + " (per config)"));
                return;
            }
            NightScheduler.StoredSchedule st = stored.get();
            out.println("trigger:   cron '" + st.cron() + "' in " + st.zone() + ", state " + st.state()
                    + (s.cron().equals(st.cron()) && s.timeZoneId().equals(st.zone()) ? ""
                    : " (differs from config: the next start replaces it)"));
            out.println("previous:  " + NightScheduler.format(st.previousFire(), s.zone()));
            out.println("next:      " + NightScheduler.format(st.nextFire(), s.zone())
                    + (st.nextFire() != null && st.nextFire().isBefore(java.time.Instant.now())
                    ? " (missed: the next start fires at once and catches up)" : ""));
            out.println("covered:   nights of every fire up to " + NightScheduler.format(st.coveredThrough(), s.zone())
                    + " are complete");
        }
    }
}

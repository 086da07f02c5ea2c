package org.fraudlake.cli;

import org.fraudlake.orchestration.ExitCodes;
import org.fraudlake.orchestration.LakeLock;
import org.fraudlake.orchestration.NightRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fraudlake} command line: parses and dispatches, nothing else. */
@Command(name = "fraudlake", mixinStandardHelpOptions = true, version = "fraudlake 0.1.0",
        description = "Batch data lake and risk-modeling pipeline for telecom fraud and economic crime.",
        subcommands = {DemoCommand.class, RunCommand.class, RunStageCommand.class, BackfillCommand.class,
                RunsCommand.class, DrillCommand.class, SchedulerCommand.class, AirflowCommand.class, SimulateCommand.class,
                IngestCommand.class, ConformCommand.class, FeaturesCommand.class, GraphCommand.class, LeadsCommand.class,
                TrainCommand.class, ScoreCommand.class,
                EvaluateCommand.class, ModelsCommand.class, PublishCommand.class, KeysCommand.class, OutboxCommand.class,
                FeedbackCommand.class, ReportCommand.class, TruthCommand.class, ServeCommand.class, UsersCommand.class,
                ConfigCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class FraudlakeCli implements Runnable {
    /** Exit status when another run holds the lake. */
    public static final int LOCKED = ExitCodes.LOCKED;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit status (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new FraudlakeCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof LakeLock.LockedException) {
                commandLine.getErr().println("fraudlake: " + e.getMessage());
                return LOCKED;
            }
            if (e instanceof NightRunner.StageFailedException f) {
                commandLine.getErr().println("fraudlake: " + e.getMessage());
                return f.getCause() instanceof IllegalArgumentException ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
            }
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("fraudlake: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            commandLine.getErr().println("fraudlake: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }
}

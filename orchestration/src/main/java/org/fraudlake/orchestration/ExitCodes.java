package org.fraudlake.orchestration;

/** The exit statuses the night's commands share (the CLI, the drills that run it in child JVMs, Airflow's DAG). */
public final class ExitCodes {
    /** A stage failed (or some of its parts did). */
    public static final int FAILED = 1;
    /** Bad input: a delivery or an argument the command refuses. */
    public static final int BAD_INPUT = 2;
    /** Another run holds the lake. */
    public static final int LOCKED = 3;
    /** Stopped before the end (SIGTERM); run again to resume. */
    public static final int STOPPED = 5;

    private ExitCodes() {
    }
}

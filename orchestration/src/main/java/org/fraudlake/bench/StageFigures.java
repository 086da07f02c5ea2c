package org.fraudlake.bench;

/**
 * One stage's figures over one or more nights: its status, rows in and out (rows in from the run ledger where the
 * stage reports them, else Spark's input records of the stage's tasks: {@code rowsInFrom} says which), rows in
 * per second per core, and the {@link Measure} of its windows.
 */
public record StageFigures(String stage, String status, int nights, Long rowsIn, String rowsInFrom, Long rowsOut,
                           Double rowsPerSecPerCore, Measure measure) {
    /** Rows in came from the run ledger. */
    public static final String LEDGER = "ledger";
    /** Rows in are the input records Spark's tasks read in the stage's window (tables and Delta logs). */
    public static final String SPARK = "spark input records";
}

package org.fraudlake.orchestration;

import java.time.LocalDate;

/**
 * What a scheduler needs of the night: run it for a business date (resuming from the first stage not
 * completed), know whether a date is complete, and ask a running night to stop between stages.
 */
public interface NightLauncher {

    /** Runs (or resumes) the night of the date; true when every stage completed, false when stopped early. */
    boolean runNight(LocalDate businessDate) throws Exception;

    /** Whether every stage of the date has completed (per the run ledger). */
    boolean isComplete(LocalDate businessDate);

    /** Asks a running night to stop after its current stage; the next run resumes from there. */
    void requestStop();
}

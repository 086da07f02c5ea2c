package org.fraudlake.orchestration;

import java.time.LocalDate;

/**
 * Told when a stage attempt's own work starts and ends, without the run ledger's bookkeeping around it; called
 * on the thread that runs the stage. {@code ended} is called whether the stage succeeded or threw.
 */
public interface StageObserver {
    /** Observes nothing. */
    StageObserver NONE = new StageObserver() {
        @Override
        public void started(String stage, LocalDate date) {
        }

        @Override
        public void ended(String stage, LocalDate date) {
        }
    };

    void started(String stage, LocalDate date);

    void ended(String stage, LocalDate date);
}

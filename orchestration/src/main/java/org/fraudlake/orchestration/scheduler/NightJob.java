package org.fraudlake.orchestration.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;

/**
 * The scheduler's one job: runs the nights a fire owes through its {@link NightScheduler}. Never two at once
 * (a fire due while a night runs waits for it), and the covered instant it updates is written back to the
 * store after each fire.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public final class NightJob implements Job {
    private final NightScheduler owner;

    NightJob(NightScheduler owner) {
        this.owner = owner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        owner.fired(context);
    }
}

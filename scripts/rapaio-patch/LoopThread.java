package org.rapaio.jupyter.kernel.channels;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's channel loop thread, which has two start-up races that hang a headless
 * notebook run now and then:
 * <ul>
 *   <li>its {@code start()} sets the running flag only after {@code Thread.start()}, so a thread that gets the CPU
 *       first sees the flag still false and ends at once: a kernel without a heartbeat, or without a shell that
 *       answers kernel_info;</li>
 *   <li>a loop body that throws (a request that arrives before the kernel registered its message handlers fails
 *       with a NullPointerException) ends the thread for good.</li>
 * </ul>
 * Here the flag is set before the thread starts, and a failing iteration is reported and the loop goes on (the
 * client asks again). scripts/notebooks.sh compiles this ahead of the kernel's jar on the kernel's classpath.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println("[" + getName() + "] a loop iteration failed; going on: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}

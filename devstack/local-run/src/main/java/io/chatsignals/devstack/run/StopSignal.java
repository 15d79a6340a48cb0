package io.chatsignals.devstack.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM for a foreground run: a shutdown hook marks the run as asked to stop, then holds the JVM until the
 * run says it has cleaned up ({@link #done()}), at most {@code cleanup}. Used by the local run and the traffic generator.
 */
public final class StopSignal {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private StopSignal() {}

    /**
     * Installs the shutdown hook.
     *
     * @param name    the hook thread's name
     * @param cleanup how long the JVM waits for {@link #done()} after the signal
     */
    public static StopSignal install(String name, Duration cleanup) {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            signal.stop.countDown();
                            try {
                                signal.done.await(cleanup.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name));
        return signal;
    }

    /** @return true once a stop was asked, waiting up to {@code timeout} for it */
    public boolean await(Duration timeout) throws InterruptedException {
        return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until a stop is asked. */
    public void await() throws InterruptedException {
        stop.await();
    }

    /** @return whether a stop was asked */
    public boolean asked() {
        return stop.getCount() == 0;
    }

    /** The run has cleaned up: the JVM may exit. */
    public void done() {
        done.countDown();
    }
}

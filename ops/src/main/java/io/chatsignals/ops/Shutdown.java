package io.chatsignals.ops;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of an app's main: blocks until SIGTERM/SIGINT, then closes its parts in the order given and returns. */
public final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {}

    /**
     * Blocks the calling thread until the JVM is asked to stop; the shutdown hook logs "stopping" and closes each
     * part in turn (a part that fails to close is logged, the next ones still close).
     */
    public static void awaitSignalThenClose(String app, AutoCloseable... parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("{} stopping", app);
                            for (AutoCloseable part : List.of(parts)) {
                                try {
                                    part.close();
                                } catch (Exception e) {
                                    LOG.warn(
                                            "{}: {} did not close cleanly: {}",
                                            app,
                                            part.getClass().getSimpleName(),
                                            e.toString());
                                }
                            }
                            stopped.countDown();
                        },
                        app + "-shutdown"));
        stopped.await();
    }
}

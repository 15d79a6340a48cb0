package io.chatsignals.bench;

import java.time.Duration;
import java.util.function.LongConsumer;

/** A fixed-rate load: the i-th event is sent once {@code i / rate} s have passed, checked every tick. */
final class Pacing {
    private Pacing() {}

    /**
     * Calls {@code send} with 0, 1, 2, … as each comes due, for {@code window}; sleeps {@code tickMs} between checks, so
     * events leave in bursts of at most {@code rate × tickMs / 1000}.
     *
     * @param rate events per second
     * @throws InterruptedException if interrupted while sleeping between ticks
     */
    static void run(double rate, Duration window, long tickMs, LongConsumer send) throws InterruptedException {
        long start = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - start < window.toNanos()) {
            double due = rate * (System.nanoTime() - start) / 1e9;
            for (; sent < due; sent++) {
                send.accept(sent);
            }
            Thread.sleep(tickMs);
        }
    }
}

package io.chatsignals.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimiterTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000 * MS;

    @ParameterizedTest(name = "{0}/s, margin {1}: next token {2} ms after the response")
    @CsvSource({
        "1,    0.02, 1020",
        "1,    0.10, 1100",
        "2,    0.00, 500",
        "0.5,  0.02, 2040",
    })
    void nextTokenWaitsOneIntervalFromTheResponse(double perSecond, double margin, long intervalMs) {
        AtomicLong clock = new AtomicLong(T0);
        RateLimiter<String> limiter = new RateLimiter<>(key -> perSecond, margin, null, (k, r, c) -> {}, clock::get);
        assertThat(limiter.tryAcquire("k", clock.get())).isZero();
        long response = clock.addAndGet(700 * MS); // the request was answered 700 ms after it left
        limiter.spaceFromResponse("k", response);

        clock.set(response + intervalMs * MS - MS);
        assertThat(limiter.tryAcquire("k", clock.get())).as("one ms early").isPositive();
        clock.set(response + intervalMs * MS);
        assertThat(limiter.tryAcquire("k", clock.get()))
                .as("one interval after the response")
                .isZero();
    }

    /**
     * A lane that asks again at once after each token and otherwise sleeps the wait it is told, waking {@code lateMs}
     * late each time (a busy event loop): over a minute it gets the rate {@code limit / (1 + margin)} as long as the
     * lateness stays within the slack ({@code margin / limit}), and less beyond; no two tokens are ever closer than the
     * provider's own interval {@code 1 / limit}.
     */
    @ParameterizedTest(name = "{0}/s, margin {1}, woken {2} ms late: {3} tokens in 60 s")
    @CsvSource({
        "5,   0.01,  0, 298",
        "5,   0.01,  2, 298",
        "5,   0.005, 1, 299",
        "5,   0.01,  6, 292",
        "5,   0.00,  0, 301",
        "5,   0.00,  2, 298",
        "1,   0.02,  5, 59",
        "100, 0.01,  0, 5941",
    })
    void lateWakersKeepTheRateWithinTheSlack(double limit, double margin, long lateMs, int tokens) {
        AtomicLong clock = new AtomicLong(T0);
        RateLimiter<String> limiter = new RateLimiter<>(key -> limit, margin, null, (k, r, c) -> {}, clock::get);
        long minGap = Long.MAX_VALUE;
        long last = -1;
        int taken = 0;
        while (clock.get() - T0 < 60_000 * MS) {
            long wait = limiter.tryAcquire("k", clock.get());
            if (wait == 0) {
                if (last >= 0) {
                    minGap = Math.min(minGap, clock.get() - last);
                }
                last = clock.get();
                taken++;
            } else {
                clock.addAndGet(wait + lateMs * MS);
            }
        }
        assertThat(taken).isBetween(tokens - 1, tokens + 1);
        assertThat(minGap).as("closest departures, ns").isGreaterThanOrEqualTo(Math.round(1e9 / limit) - 1);
    }

    @Test
    void responseSpacingOfOneKeyLeavesOthersAlone() {
        RateLimiter<String> limiter = new RateLimiter<>(key -> 1, 0.02);
        limiter.spaceFromResponse("a", T0);
        assertThat(limiter.tryAcquire("b", T0)).isZero();
        assertThat(limiter.pausedKeys(T0)).as("spacing is not a 429 pause").isZero();
    }

    @Test
    void unlimitedKeysAreNeverSpacedNorWait() {
        RateLimiter<String> limiter = new RateLimiter<>(key -> 0, 0.02);
        limiter.spaceFromResponse("k", T0);
        assertThat(limiter.tryAcquire("k", T0)).isZero();
        assertThat(limiter.tryAcquire("k", T0)).isZero();
    }

    @ParameterizedTest(name = "pause {0} ms, asked {1} ms later → wait {2} ms")
    @CsvSource({
        "1000, 0,    1000",
        "1000, 999,  1",
        "1000, 1000, 0",
        "30000, 5000, 25000",
    })
    void a429PauseHoldsTheKeyUntilItEnds(long pauseMs, long laterMs, long waitMs) {
        AtomicLong clock = new AtomicLong(T0);
        RateLimiter<String> limiter = new RateLimiter<>(key -> 100, 0, null, (k, r, c) -> {}, clock::get);
        limiter.pause("k", Duration.ofMillis(pauseMs), T0);
        assertThat(limiter.tryAcquire("k", clock.addAndGet(laterMs * MS))).isEqualTo(waitMs * MS);
    }

    @Test
    void pausedKeysCanBeReadFromAnotherThreadWhileKeysArePaused() throws Exception {
        RateLimiter<String> limiter = new RateLimiter<>(key -> 10, 0.02);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService scrape = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> reads = scrape.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    limiter.pausedKeys(System.nanoTime()); // the metrics scrape thread
                    n++;
                }
                return n;
            });
            long now = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                limiter.pause("k" + (i % 5_000), Duration.ofMillis(i % 3), now);
                limiter.tryAcquire("k" + ((i * 7) % 5_000), now + i % 5 * MS);
            }
            done.set(true);
            assertThat(reads.get(30, TimeUnit.SECONDS))
                    .as("reads completed without an exception")
                    .isPositive();
        } finally {
            done.set(true);
            scrape.shutdownNow();
        }
    }
}

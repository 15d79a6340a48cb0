package io.chatsignals.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "after {0} failures: a full-jitter draw in [0, {1}] ms")
    @CsvSource({
        "1,  200",
        "2,  400",
        "3,  800",
        "6,  6400",
        "7,  10000",
        "60, 10000",
    })
    void waitsAreDrawnUpToTheCappedExponential(int attempts, long capMs) {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
        SplittableRandom random = new SplittableRandom(7);
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long wait = backoff.next(attempts, random).toMillis();
            assertThat(wait).isBetween(0L, capMs);
            max = Math.max(max, wait);
        }
        assertThat(max).as("the draws reach near the cap").isGreaterThan(capMs * 9 / 10);
    }
}

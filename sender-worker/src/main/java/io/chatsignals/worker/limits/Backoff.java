package io.chatsignals.worker.limits;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt n+1 wait a uniform draw in [0, min(max, base × 2^(n-1))].
 */
public record Backoff(Duration base, Duration max) {

    /** @return the wait after {@code attempts} failed attempts (1 or more) */
    public Duration next(int attempts, RandomGenerator random) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempts - 1)));
        return Duration.ofMillis(random.nextLong(cap + 1));
    }
}

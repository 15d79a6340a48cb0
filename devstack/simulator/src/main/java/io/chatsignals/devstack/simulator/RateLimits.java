package io.chatsignals.devstack.simulator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers' own request limits as token buckets (Bucket4j), one per (endpoint, account): capacity = the
 * per-second limit (at least 1), refilled greedily at that rate. Thread-safe.
 */
final class RateLimits {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one token.
     *
     * @param perSecond the limit; 0 or less means unlimited
     * @return empty when allowed, else the seconds to wait before a token is available (at least 1, rounded up)
     */
    OptionalLong tryAcquire(String endpoint, String account, double perSecond) {
        if (perSecond <= 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(endpoint + "|" + account + "|" + perSecond, k -> newBucket(perSecond));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private static Bucket newBucket(double perSecond) {
        long capacity = Math.max(1, (long) Math.floor(perSecond));
        Duration period = Duration.ofNanos(Math.round(capacity * 1_000_000_000L / perSecond));
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(capacity, period)
                        .build())
                .build();
    }
}

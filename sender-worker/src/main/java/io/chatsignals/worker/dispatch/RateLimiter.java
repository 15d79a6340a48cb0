package io.chatsignals.worker.dispatch;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Token buckets (Bucket4j) per (provider, account, operation), plus the pause a provider's 429 asks for. A bucket
 * holds one token and refills one every {@code (1 / limit) × (1 + margin)} seconds: requests leave evenly spaced a
 * little under the provider's limit, so network jitter never makes them arrive faster than it allows. Confined to the
 * dispatcher's thread (not thread-safe).
 */
public final class RateLimiter {
    private final ToDoubleFunction<String> perSecond;
    private final double margin;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> pausedUntilNanos = new HashMap<>();

    /**
     * @param perSecond the limit of a key {@code provider:account:operation} in requests per second; 0 or less: unlimited
     * @param margin    share to stay under the limit (0.02 = 2 %)
     */
    public RateLimiter(ToDoubleFunction<String> perSecond, double margin) {
        this.perSecond = perSecond;
        this.margin = margin;
    }

    /**
     * Takes a token when one is there and the key is not paused.
     *
     * @return 0 when taken, else the nanoseconds to wait before trying again
     */
    public long tryAcquire(String key, long nowNanos) {
        Long paused = pausedUntilNanos.get(key);
        if (paused != null) {
            if (nowNanos < paused) {
                return paused - nowNanos;
            }
            pausedUntilNanos.remove(key);
        }
        Bucket bucket = buckets.computeIfAbsent(key, this::newBucket);
        if (bucket == null) {
            return 0;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Pauses a key (a provider's 429 with Retry-After): no token is handed out before then. */
    public void pause(String key, Duration duration, long nowNanos) {
        pausedUntilNanos.merge(key, nowNanos + duration.toNanos(), Math::max);
    }

    /** @return how many keys are paused now */
    public int pausedKeys(long nowNanos) {
        return (int) pausedUntilNanos.values().stream().filter(until -> until > nowNanos).count();
    }

    private Bucket newBucket(String key) {
        double limit = perSecond.applyAsDouble(key);
        if (limit <= 0) {
            return null;
        }
        Duration interval = Duration.ofNanos(Math.round(1_000_000_000L * (1 + margin) / limit));
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, interval).initialTokens(1).build()).build();
    }
}

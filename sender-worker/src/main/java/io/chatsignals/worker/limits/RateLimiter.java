package io.chatsignals.worker.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Token buckets (Bucket4j) per (provider, account, operation), plus the pause a provider's 429 asks for. A bucket
 * holds one token and refills one every {@code (1 / limit) × (1 + margin)} seconds: requests leave evenly spaced a
 * little under the provider's limit.
 *
 * <p>A token is handed out up to {@code margin × (1 / limit)} before it is due (Bucket4j's
 * {@code consumeIgnoringRateLimits}: the bucket goes into debt, which the next refill repays), and the wait returned
 * for a missing token ends that much early. A waiter woken a little late by its timer (Vert.x timers have 1 ms
 * granularity and run on a busy event loop) still finds its token: a capacity-1 bucket that stays full for the
 * lateness would lose that time for good, which cost 1–2 % of the rate at 5 calls/s per account. Departures are
 * still never closer than the provider's own interval {@code 1 / limit}, and on average {@code (1 + margin) / limit}
 * apart.
 *
 * <p>For a strict limit such as a provider's 1 message-details request per second per account (docs/providers/), the
 * provider counts <em>arrivals</em>, and an even departure spacing does not make arrivals even: a request that
 * waits for a new connection, or on a busy event loop, arrives late and the next one early (about 2–3 % of details
 * calls met a 429 at start-up under load with a 2 % margin). {@link #spaceFromResponse} closes that gap: the next
 * token of the key is not handed out before one interval after the previous request's <em>response</em> — the
 * latest moment it can have arrived — so arrivals are at least one interval apart whatever the jitter, at the cost
 * of one response time per interval (1/s becomes about 1/(1.02 s + RTT)).
 *
 * <p><b>Learned rates.</b> A provider that throttles a key harder than configured ({@link #pause}: its 429) lowers
 * that key's rate, which then climbs back ({@link LearnedRate}: AIMD, never above the configured rate); each change is
 * reported to the {@link RateListener}. Keys never throttled cost nothing more.
 *
 * <p>Thread-safe (Bucket4j buckets and concurrent maps): the dispatcher and the enricher share one instance from
 * their own Vert.x contexts, and the metrics scrape thread reads {@link #pausedKeys}.
 */
public final class RateLimiter<K> {
    /** Told each time a key's learned rate changes (metrics, a log line). */
    public interface RateListener<K> {
        /**
         * @param key        the limit key
         * @param perSecond  its rate from now on, requests per second
         * @param configured its configured rate (the learned rate is back at it when equal)
         */
        void rateChanged(K key, double perSecond, double configured);
    }

    private final ToDoubleFunction<K> perSecond;
    private final double margin;
    private final TimeMeter time;
    private final LearnedRate.Settings learning;
    private final RateListener<K> listener;
    private final Map<K, Optional<Bucket>> buckets = new ConcurrentHashMap<>();
    private final Map<K, Long> pausedUntilNanos = new ConcurrentHashMap<>();
    private final Map<K, Long> spacedUntilNanos = new ConcurrentHashMap<>();
    private final Map<K, LearnedRate> learned = new ConcurrentHashMap<>();

    /**
     * @param perSecond the limit of a key (the worker's: a {@link LimitKey}) in requests per second; 0 or less: unlimited
     * @param margin    share to stay under the limit (0.005 = 0.5 %), and of an interval a token may be taken early
     * @param learning  how throttled keys learn their rate; null: they do not (only the pause of each 429)
     * @param listener  told of each change of a learned rate
     */
    public RateLimiter(
            ToDoubleFunction<K> perSecond, double margin, LearnedRate.Settings learning, RateListener<K> listener) {
        this(perSecond, margin, learning, listener, System::nanoTime);
    }

    /** Without learned rates. */
    public RateLimiter(ToDoubleFunction<K> perSecond, double margin) {
        this(perSecond, margin, null, (k, r, c) -> {}, System::nanoTime);
    }

    /**
     * @param nanoClock the clock of the buckets' refills, in ns ({@link System#nanoTime()}; tests pass their own): the
     *                  {@code nowNanos} arguments of every method must be readings of the same clock
     */
    RateLimiter(
            ToDoubleFunction<K> perSecond,
            double margin,
            LearnedRate.Settings learning,
            RateListener<K> listener,
            LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.margin = margin;
        this.learning = learning;
        this.listener = listener;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    /**
     * Takes a token when one is there and the key is neither paused nor waiting out its response spacing.
     *
     * @return 0 when taken, else the nanoseconds to wait before trying again
     */
    public long tryAcquire(K key, long nowNanos) {
        long blocked = Math.max(remaining(pausedUntilNanos, key, nowNanos), remaining(spacedUntilNanos, key, nowNanos));
        if (blocked > 0) {
            return blocked;
        }
        LearnedRate rate = learned.get(key);
        if (rate != null) {
            climb(key, rate, nowNanos);
        }
        Optional<Bucket> bucket = buckets.computeIfAbsent(key, this::newBucket);
        if (bucket.isEmpty()) {
            return 0;
        }
        ConsumptionProbe probe = bucket.get().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long early = slackNanos(key);
        long wait = probe.getNanosToWaitForRefill();
        if (wait <= early) {
            bucket.get().consumeIgnoringRateLimits(1); // due within the slack: taken now, repaid by the next refill
            return 0;
        }
        return wait - early;
    }

    /** @return how long before it is due a token may be taken: {@code margin / limit}, in ns; 0 for unlimited keys */
    private long slackNanos(K key) {
        double limit = limit(key);
        return limit <= 0 ? 0 : Math.round(1_000_000_000L * margin / limit);
    }

    /**
     * Pauses a key (a provider's 429 with Retry-After): no token is handed out before then; with learning on, the key's
     * rate is lowered too ({@link LearnedRate#throttled}).
     */
    public void pause(K key, Duration duration, long nowNanos) {
        pausedUntilNanos.merge(key, nowNanos + duration.toNanos(), Math::max);
        double configured = perSecond.applyAsDouble(key);
        if (learning == null || configured <= 0) {
            return;
        }
        LearnedRate rate = learned.computeIfAbsent(key, k -> new LearnedRate(configured, learning));
        synchronized (rate) {
            if (rate.throttled(nowNanos)) {
                changed(key, rate, configured);
            }
        }
    }

    /** @return the key's rate now: the learned one while it has one, else the configured one (0 or less: none) */
    private double limit(K key) {
        LearnedRate rate = learned.get(key);
        if (rate != null) {
            synchronized (rate) {
                return rate.perSecond();
            }
        }
        return perSecond.applyAsDouble(key);
    }

    private void climb(K key, LearnedRate rate, long nowNanos) {
        synchronized (rate) {
            if (rate.advance(nowNanos)) {
                double configured = perSecond.applyAsDouble(key);
                if (rate.atConfigured()) {
                    learned.remove(key, rate);
                }
                changed(key, rate, configured);
            }
        }
    }

    /** A new rate for the key: its bucket is built again at it (a token may be lost, never gained), the listener told. */
    private void changed(K key, LearnedRate rate, double configured) {
        buckets.put(key, newBucket(rate.perSecond(), 0));
        listener.rateChanged(key, rate.perSecond(), configured);
    }

    /**
     * Holds the key's next token until one interval ({@code (1 / limit) × (1 + margin)}) after {@code responseNanos},
     * when the response (or failure) of its previous request came: arrivals at the provider are then spaced by at
     * least one interval. No effect on an unlimited key.
     */
    public void spaceFromResponse(K key, long responseNanos) {
        interval(limit(key))
                .ifPresent(interval -> spacedUntilNanos.merge(key, responseNanos + interval.toNanos(), Math::max));
    }

    /** @return how many keys are paused by a 429 now (safe from any thread) */
    public int pausedKeys(long nowNanos) {
        return (int) pausedUntilNanos.values().stream()
                .filter(until -> until > nowNanos)
                .count();
    }

    private static <K> long remaining(Map<K, Long> until, K key, long nowNanos) {
        Long end = until.get(key);
        if (end == null) {
            return 0;
        }
        if (nowNanos < end) {
            return end - nowNanos;
        }
        until.remove(key, end);
        return 0;
    }

    private Optional<Duration> interval(double limit) {
        return limit <= 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.round(1_000_000_000L * (1 + margin) / limit)));
    }

    private Optional<Bucket> newBucket(K key) {
        return newBucket(perSecond.applyAsDouble(key), 1);
    }

    private Optional<Bucket> newBucket(double limit, int initialTokens) {
        return interval(limit).map(interval -> Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder()
                        .capacity(1)
                        .refillGreedy(1, interval)
                        .initialTokens(initialTokens)
                        .build())
                .build());
    }
}

package io.chatsignals.worker.limits;

import java.time.Duration;

/**
 * The rate a provider really accepts for one limit key, learned from its throttling answers by additive increase and
 * multiplicative decrease (AIMD, as TCP's congestion control): providers throttle harder than configured all the time
 * (Meta lowers a number's throughput, a BSP's plan has its own limit), and a worker that only backs off after each 429
 * meets the next one a second later. Never above the configured rate.
 * <ul>
 * <li><b>Decrease</b>: a throttling answer (429, the Cloud API's 130429) multiplies the rate by {@code decrease} and
 *     remembers the rate it came at. Answers within a second of a decrease are to calls sent at the old rate: they
 *     change nothing.</li>
 * <li><b>Increase</b>: while nothing is throttled the rate climbs linearly, so that it is back at the rate that was
 *     throttled after {@code recovery} — at most one throttling answer per {@code recovery} at steady load on a key
 *     whose real limit does not move. Past that rate it keeps probing, the slope doubling every {@code recovery}, so a
 *     limit the provider raised again is found within a few periods.</li>
 * </ul>
 * Not thread-safe: the {@link RateLimiter} holds one per throttled key and synchronizes on it.
 */
public final class LearnedRate {
    /**
     * @param decrease the factor a throttling answer multiplies the rate by, in (0, 1)
     * @param recovery how long the rate takes to climb back to the rate that was throttled
     */
    public record Settings(double decrease, Duration recovery) {
        /** The worker's defaults: halve, and climb back in a minute. */
        public static final Settings DEFAULT = new Settings(0.5, Duration.ofMinutes(1));

        /** @throws IllegalArgumentException for a factor outside (0, 1) or a recovery under a second */
        public Settings {
            if (!(decrease > 0 && decrease < 1)) {
                throw new IllegalArgumentException("the decrease factor must be in (0, 1), was " + decrease);
            }
            if (recovery.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the recovery must be at least 1 s, was " + recovery);
            }
        }
    }

    private static final long SECOND = 1_000_000_000L;

    private final Settings settings;
    private final double configured;
    private final double floor;
    private double rate;
    private double throttledAt;
    private double slope;
    private long decreasedAtNanos = Long.MIN_VALUE / 2;
    private long steppedAtNanos;
    private long slopeSinceNanos;

    /** @param configured the configured rate of the key, requests per second (more than 0) */
    public LearnedRate(double configured, Settings settings) {
        this.settings = settings;
        this.configured = configured;
        this.floor = configured / 100;
        this.rate = configured;
    }

    /** @return the rate to hold to now, requests per second */
    public double perSecond() {
        return rate;
    }

    /** @return whether the rate is back at the configured one (the key needs no learned rate any more) */
    public boolean atConfigured() {
        return rate >= configured;
    }

    /**
     * A throttling answer came at {@code nowNanos}.
     *
     * @return whether the rate changed
     */
    public boolean throttled(long nowNanos) {
        if (nowNanos - decreasedAtNanos < SECOND) {
            return false;
        }
        throttledAt = rate;
        rate = Math.max(floor, rate * settings.decrease());
        slope = (throttledAt - rate) / settings.recovery().toSeconds();
        decreasedAtNanos = nowNanos;
        steppedAtNanos = nowNanos;
        slopeSinceNanos = nowNanos;
        return true;
    }

    /**
     * Climbs by the seconds elapsed since the last step (whole seconds only, so that a key asked often costs nothing).
     *
     * @return whether the rate changed
     */
    public boolean advance(long nowNanos) {
        long seconds = (nowNanos - steppedAtNanos) / SECOND;
        if (seconds <= 0 || rate >= configured) {
            return false;
        }
        for (long s = 0; s < seconds && rate < configured; s++) {
            if (rate >= throttledAt
                    && steppedAtNanos - slopeSinceNanos >= settings.recovery().toNanos()) {
                slope *= 2; // past the throttled rate for a whole recovery: probe faster
                slopeSinceNanos = steppedAtNanos;
            }
            rate = Math.min(configured, rate + slope);
            steppedAtNanos += SECOND;
        }
        return true;
    }
}

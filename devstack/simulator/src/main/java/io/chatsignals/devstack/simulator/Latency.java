package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A latency distribution in milliseconds: {@code fixed} ({@code fixedMs}), {@code uniform} ({@code minMs}..{@code maxMs})
 * or {@code lognormal} given its median {@code p50Ms} and 99th percentile {@code p99Ms}
 * (μ = ln p50, σ = (ln p99 − μ) / 2.3263).
 */
public record Latency(String kind, long fixedMs, long minMs, long maxMs, double p50Ms, double p99Ms) {
    private static final double Z99 = 2.3263478740408408;

    @JsonCreator
    public Latency(
            @JsonProperty("kind") String kind,
            @JsonProperty("fixedMs") long fixedMs,
            @JsonProperty("minMs") long minMs,
            @JsonProperty("maxMs") long maxMs,
            @JsonProperty("p50Ms") double p50Ms,
            @JsonProperty("p99Ms") double p99Ms) {
        this.kind = kind == null ? "fixed" : kind.toLowerCase(Locale.ROOT);
        this.fixedMs = fixedMs;
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.p50Ms = p50Ms;
        this.p99Ms = p99Ms;
        switch (this.kind) {
            case "fixed":
                require(fixedMs >= 0, "fixedMs must be >= 0");
                break;
            case "uniform":
                require(minMs >= 0 && maxMs >= minMs, "uniform needs 0 <= minMs <= maxMs");
                break;
            case "lognormal":
                require(p50Ms > 0 && p99Ms >= p50Ms, "lognormal needs 0 < p50Ms <= p99Ms");
                break;
            default:
                throw new IllegalArgumentException("latency kind must be fixed, uniform or lognormal, was " + kind);
        }
    }

    /** Always {@code ms}. */
    public static Latency fixed(long ms) {
        return new Latency("fixed", ms, 0, 0, 0, 0);
    }

    /** Uniform between {@code minMs} and {@code maxMs} inclusive. */
    public static Latency uniform(long minMs, long maxMs) {
        return new Latency("uniform", 0, minMs, maxMs, 0, 0);
    }

    /** Log-normal with the given median and 99th percentile (e.g. 80 ms and 400 ms). */
    public static Latency logNormal(double p50Ms, double p99Ms) {
        return new Latency("lognormal", 0, 0, 0, p50Ms, p99Ms);
    }

    /** @return one draw, in ms (never negative) */
    public long sampleMs(RandomGenerator random) {
        switch (kind) {
            case "uniform":
                return minMs + (maxMs == minMs ? 0 : random.nextLong(maxMs - minMs + 1));
            case "lognormal":
                double mu = Math.log(p50Ms);
                double sigma = (Math.log(p99Ms) - mu) / Z99;
                return Math.round(Math.exp(mu + sigma * random.nextGaussian()));
            default:
                return fixedMs;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * How the simulator answers, beyond the contract: the latency of every provider answer and the rates of injected
 * faults. Rates are probabilities per request in [0, 1] and are drawn in this order: dropped connection, timeout
 * (request held without an answer for {@code timeoutHoldMs}, then the connection closed), HTTP 5xx.
 *
 * @param latency       distribution of the delay before each answer
 * @param error5xxRate  share of requests answered 500 (each provider's own server-error body)
 * @param timeoutRate   share of requests never answered
 * @param dropRate      share of requests whose connection is closed without an answer
 * @param timeoutHoldMs how long an unanswered request is held before its connection is closed, ms
 * @param faultEndpoints the endpoints faults apply to ({@code <provider key>.<operation>}, as {@link CallLog} names
 *                       them); empty: all of them
 * @param faultAccounts  the accounts faults apply to (as each provider names the account in its calls); empty: all of
 *                       them
 */
public record Behaviour(
        Latency latency,
        double error5xxRate,
        double timeoutRate,
        double dropRate,
        long timeoutHoldMs,
        Set<String> faultEndpoints,
        Set<String> faultAccounts) {

    public Behaviour(Latency latency, double error5xxRate, double timeoutRate, double dropRate, long timeoutHoldMs) {
        this(latency, error5xxRate, timeoutRate, dropRate, timeoutHoldMs, Set.of(), Set.of());
    }

    @JsonCreator
    public Behaviour(
            @JsonProperty("latency") Latency latency,
            @JsonProperty("error5xxRate") double error5xxRate,
            @JsonProperty("timeoutRate") double timeoutRate,
            @JsonProperty("dropRate") double dropRate,
            @JsonProperty("timeoutHoldMs") long timeoutHoldMs,
            @JsonProperty("faultEndpoints") Set<String> faultEndpoints,
            @JsonProperty("faultAccounts") Set<String> faultAccounts) {
        this.latency = latency == null ? Latency.fixed(0) : latency;
        this.error5xxRate = rate("error5xxRate", error5xxRate);
        this.timeoutRate = rate("timeoutRate", timeoutRate);
        this.dropRate = rate("dropRate", dropRate);
        if (error5xxRate + timeoutRate + dropRate > 1) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        this.timeoutHoldMs = timeoutHoldMs <= 0 ? 30_000 : timeoutHoldMs;
        this.faultEndpoints = faultEndpoints == null ? Set.of() : Set.copyOf(faultEndpoints);
        this.faultAccounts = faultAccounts == null ? Set.of() : Set.copyOf(faultAccounts);
    }

    /** @return whether faults may be injected into calls of the endpoint for the account */
    public boolean faultsApplyTo(String endpoint, String account) {
        return (faultEndpoints.isEmpty() || faultEndpoints.contains(endpoint))
                && (faultAccounts.isEmpty() || faultAccounts.contains(account));
    }

    /** @return this behaviour with faults limited to the given endpoints */
    public Behaviour onlyFor(String... endpoints) {
        return new Behaviour(
                latency, error5xxRate, timeoutRate, dropRate, timeoutHoldMs, Set.of(endpoints), faultAccounts);
    }

    /** @return this behaviour with faults limited to the given accounts (as each provider names them) */
    public Behaviour onlyForAccounts(String... accounts) {
        return new Behaviour(
                latency, error5xxRate, timeoutRate, dropRate, timeoutHoldMs, faultEndpoints, Set.of(accounts));
    }

    /** No latency, no faults. */
    public static Behaviour none() {
        return new Behaviour(Latency.fixed(0), 0, 0, 0, 30_000);
    }

    /** @return this behaviour with another latency */
    public Behaviour withLatency(Latency newLatency) {
        return new Behaviour(
                newLatency, error5xxRate, timeoutRate, dropRate, timeoutHoldMs, faultEndpoints, faultAccounts);
    }

    /** @return this behaviour with other fault rates */
    public Behaviour withFaults(double newError5xxRate, double newTimeoutRate, double newDropRate) {
        return new Behaviour(
                latency, newError5xxRate, newTimeoutRate, newDropRate, timeoutHoldMs, faultEndpoints, faultAccounts);
    }

    private static double rate(String name, double value) {
        if (value < 0 || value > 1 || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
        return value;
    }
}

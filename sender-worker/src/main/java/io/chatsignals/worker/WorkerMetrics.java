package io.chatsignals.worker;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.provider.ProviderResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Meters of the worker, named by Micrometer's conventions (dotted names, values in tags; Prometheus adds the unit
 * and {@code _total}): {@code chatsignals.commands} (provider, action, outcome), {@code chatsignals.provider.requests}
 * (timer with histogram buckets; provider, action, status: the HTTP status or {@code none} when no answer came),
 * {@code chatsignals.retries} and {@code chatsignals.provider.rate.limited} (provider, action: MARK_READ, TYPING, or
 * DETAILS for message-details lookups; status 429), {@code chatsignals.ratelimiter.wait} (timer),
 * {@code chatsignals.enrichment} (outcome), {@code chatsignals.publish.retries} (stage), {@code chatsignals.dlq}
 * (reason); gauges {@code chatsignals.inflight}, {@code chatsignals.queue.depth}, {@code chatsignals.ratelimiter.paused},
 * {@code chatsignals.partitions.paused}, {@code chatsignals.buffer.parked}, {@code chatsignals.commit.metadata.truncated},
 * and {@code chatsignals.ratelimiter.learned} (provider, account, operation: the rate a throttled key holds to, per
 * second, while it is under its configured rate; gone once it is back).
 */
public final class WorkerMetrics {
    private final MeterRegistry registry;
    private final Map<LimitKey, LearnedGauge> learned = new ConcurrentHashMap<>();

    /** A throttled key's gauge and the value it shows. */
    private record LearnedGauge(Gauge gauge, AtomicReference<Double> value) {}

    private final Timer limiterWait;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.limiterWait = Timer.builder("chatsignals.ratelimiter.wait")
                .description("waits for a token or a 429 pause")
                .register(registry);
        // at 0 from the start, so that a fresh deployment's DLQ panel and alert see 0, not "no data"
        for (String reason : new String[] {"undecodable", "invalid"}) {
            registry.counter("chatsignals.dlq", "reason", reason);
        }
    }

    /** Registers the dispatcher's gauges. */
    public void gauges(Supplier<Number> inFlight, Supplier<Number> queued, Supplier<Number> pausedKeys) {
        Gauge.builder("chatsignals.inflight", inFlight)
                .description("provider calls in flight")
                .register(registry);
        Gauge.builder("chatsignals.queue.depth", queued)
                .description("commands waiting in lanes")
                .register(registry);
        Gauge.builder("chatsignals.ratelimiter.paused", pausedKeys)
                .description("(account, operation) paused by a 429")
                .register(registry);
    }

    public void pausedPartitions(Supplier<Number> paused) {
        Gauge.builder("chatsignals.partitions.paused", paused)
                .description("partitions paused for backpressure")
                .register(registry);
    }

    public void httpCall(ChatCommand c, ProviderResult result, long nanos) {
        registry.timer(
                        "chatsignals.provider.requests",
                        "provider",
                        c.getProvider().name(),
                        "action",
                        c.getAction().name(),
                        "status",
                        result.httpStatus() == null ? "none" : Integer.toString(result.httpStatus()))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void retry(ChatCommand c) {
        registry.counter(
                        "chatsignals.retries",
                        "provider",
                        c.getProvider().name(),
                        "action",
                        c.getAction().name())
                .increment();
    }

    public void providerRateLimited(ChatCommand c) {
        providerRateLimited(c.getProvider(), c.getAction().name());
    }

    /** Counts a provider's 429 for an operation that is not a command's action (message details: {@code DETAILS}). */
    public void providerRateLimited(Provider provider, String operation) {
        registry.counter(
                        "chatsignals.provider.rate.limited",
                        "provider",
                        provider.name(),
                        "action",
                        operation,
                        "status",
                        "429")
                .increment();
    }

    public void rateLimiterWait(long nanos) {
        limiterWait.record(Duration.ofNanos(nanos));
    }

    public void command(ChatCommand c, Outcome outcome) {
        registry.counter(
                        "chatsignals.commands",
                        "provider",
                        c.getProvider().name(),
                        "action",
                        c.getAction().name(),
                        "outcome",
                        outcome.name())
                .increment();
    }

    public void enrichment(Enrichment outcome) {
        registry.counter("chatsignals.enrichment", "outcome", outcome.name()).increment();
    }

    /** Counts a retry of status publishing ({@code stage}: serialize or send). */
    public void publishRetry(String stage) {
        registry.counter("chatsignals.publish.retries", "stage", stage).increment();
    }

    /** Registers the consumer's gauges: commands parked outside memory, commits whose metadata was cut. */
    public void consumerGauges(Supplier<Number> parked, Supplier<Number> truncatedCommits) {
        Gauge.builder("chatsignals.buffer.parked", parked)
                .description("commands of accounts over their buffer share, fetched again later")
                .register(registry);
        Gauge.builder("chatsignals.commit.metadata.truncated", truncatedCommits)
                .description("commits whose unfinished-offset metadata was cut to fit offset.metadata.max.bytes")
                .register(registry);
    }

    /**
     * The learned rate of a key changed: its gauge shows it while it is under the configured rate, and is removed once
     * it is back (so only throttled keys have one).
     */
    public void learnedRate(LimitKey key, double perSecond, double configured) {
        if (perSecond >= configured) {
            LearnedGauge gone = learned.remove(key);
            if (gone != null) {
                registry.remove(gone.gauge());
            }
            return;
        }
        learned.computeIfAbsent(key, k -> {
                    AtomicReference<Double> value = new AtomicReference<>(perSecond);
                    Gauge gauge = Gauge.builder("chatsignals.ratelimiter.learned", value, AtomicReference::get)
                            .description("the rate a key the provider throttles holds to, under its configured rate")
                            .tags(
                                    "provider",
                                    k.provider().name(),
                                    "account",
                                    k.account(),
                                    "operation",
                                    k.operation().name())
                            .register(registry);
                    return new LearnedGauge(gauge, value);
                })
                .value()
                .set(perSecond);
    }

    public void deadLetter(String reason) {
        registry.counter("chatsignals.dlq", "reason", reason).increment();
    }
}

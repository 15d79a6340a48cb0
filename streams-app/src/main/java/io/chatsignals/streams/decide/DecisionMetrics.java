package io.chatsignals.streams.decide;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the decision topology: {@code chatsignals.decisions} (tags action, trigger, provider, policy_source:
 * ACCOUNT, PROVIDER or GLOBAL), {@code chatsignals.skips} (tags reason, provider; reasons: invalid, duplicate, late,
 * expired, unsupported, covered, throttled, unseen, no-message, read-off), {@code chatsignals.conversations.purged}, and {@code chatsignals.punctuation.lag} (how late a
 * due decision ran). Records sent to the DLQ are counted by {@code chatsignals.dlq} (errors.DeadLetterMetrics).
 */
public final class DecisionMetrics {
    private final MeterRegistry registry;
    private final Timer punctuationLag;
    private final Counter purged;
    private final AtomicInteger policiesHeld = new AtomicInteger();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.punctuationLag = Timer.builder("chatsignals.punctuation.lag")
                .description("wall-clock delay between due time and decision")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("chatsignals.policies", policiesHeld, AtomicInteger::get)
                .description("business policy records held (provider defaults included)")
                .register(registry);
        this.purged = Counter.builder("chatsignals.conversations.purged")
                .description("idle conversation states dropped")
                .register(registry);
    }

    /** @param source where the deciding policy came from (account, provider default, global settings) */
    public void decision(CommandAction action, Trigger trigger, Provider provider, PolicySource source) {
        registry.counter(
                        "chatsignals.decisions",
                        "action",
                        action.name(),
                        "trigger",
                        trigger.name(),
                        "provider",
                        provider.name(),
                        "policy_source",
                        source.name())
                .increment();
    }

    public void skip(String reason, Provider provider) {
        registry.counter("chatsignals.skips", "reason", reason, "provider", provider.name())
                .increment();
    }

    /** @param held the policy records a stream task holds now ({@code chatsignals.policies}, the last task to change) */
    public void policies(int held) {
        policiesHeld.set(held);
    }

    public void punctuationLag(long lagMs) {
        punctuationLag.record(Duration.ofMillis(Math.max(0, lagMs)));
    }

    public void purged() {
        purged.increment();
    }
}

package io.chatsignals.worker.dispatch;

import io.chatsignals.schema.Provider;
import io.chatsignals.worker.limits.Backoff;
import java.time.Duration;
import java.util.Map;

/**
 * The dispatcher's limits and retry settings (docs/configuration.md, sender-worker), as the settings give them: a value, no behaviour.
 *
 * @param maxInFlight        provider calls in flight over all lanes
 * @param perAccountInFlight provider calls in flight per (provider, account)
 * @param maxAttempts        an optional cap on attempts per command; 0 or less: none (retries end by time)
 * @param maxRetryDuration   retries of a command end this long after its first attempt (and at its notAfter)
 * @param requestTimeout     per-request timeout; each request's is capped at the time left to its notAfter
 * @param backoff            waits between retries
 * @param conversationSpacing per provider, the least time between the starts of two calls of one conversation
 *                           (the Cloud API's pair limit); a provider without an entry, or zero: none
 */
public record DispatchLimits(
        int maxInFlight,
        int perAccountInFlight,
        int maxAttempts,
        Duration maxRetryDuration,
        Duration requestTimeout,
        Backoff backoff,
        Map<Provider, Duration> conversationSpacing) {

    /** Limits without conversation spacing. */
    public DispatchLimits(
            int maxInFlight,
            int perAccountInFlight,
            int maxAttempts,
            Duration maxRetryDuration,
            Duration requestTimeout,
            Backoff backoff) {
        this(maxInFlight, perAccountInFlight, maxAttempts, maxRetryDuration, requestTimeout, backoff, Map.of());
    }

    /** @return the least time between two calls of one conversation of the provider, ns; 0: none */
    long spacingNanos(Provider provider) {
        Duration spacing = conversationSpacing.get(provider);
        return spacing == null ? 0 : spacing.toNanos();
    }
}

package io.chatsignals.streams.decide;

import io.chatsignals.contract.Policies;
import io.chatsignals.ops.Durations;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TypingPolicy;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The knobs of the decision rules (docs/design.md "Decision rules"); defaults from the providers' windows
 * ({@link ProviderSpec#readWindow()}, {@link ProviderSpec#typingWindow()}, docs/providers.md). Built with
 * {@link #builder()}; immutable.
 *
 * @param readPolicy        when to mark read: the global default of every account (docs/policies.md)
 * @param readDelay         quiet time before an on-receipt decision (default 2 s, wall clock)
 * @param readMaxAge        per provider: no read for a message older than this; also the read command's notAfter
 *                          (every known provider has an entry)
 * @param typingPolicy      when to show typing
 * @param typingRefresh     at most one TYPING per conversation per this (default 20 s; the indicator shows 25 s)
 * @param typingTtl         a TYPING command expires this long after its decision (default 10 s)
 * @param typingWindow      per provider: typing is accepted only this long after receipt (every known provider has an
 *                          entry; zero for a provider without typing)
 * @param dedupeRetention   redelivered webhooks of the same message within this are dropped (default 24 h)
 * @param clockSkew         a record whose event time is further than this in the future is invalid (default 5 min)
 * @param punctuateInterval how often due decisions are looked up (default 50 ms, wall clock)
 * @param appKeys           app keys for conversations whose inbound records carry none where their provider needs one
 */
public record DecisionSettings(
        ReadPolicy readPolicy,
        Duration readDelay,
        Map<Provider, Duration> readMaxAge,
        TypingPolicy typingPolicy,
        Duration typingRefresh,
        Duration typingTtl,
        Map<Provider, Duration> typingWindow,
        Duration dedupeRetention,
        Duration clockSkew,
        Duration punctuateInterval,
        AppKeys appKeys) {

    public DecisionSettings {
        readMaxAge = complete(readMaxAge, ProviderSpec::readWindow);
        typingWindow = complete(typingWindow, ProviderSpec::typingWindow);
    }

    /** The documented defaults. */
    public static DecisionSettings defaults() {
        return builder().build();
    }

    /** @return a builder holding the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.readPolicy = readPolicy;
        b.readDelay = readDelay;
        b.readMaxAge.putAll(readMaxAge);
        b.typingPolicy = typingPolicy;
        b.typingRefresh = typingRefresh;
        b.typingTtl = typingTtl;
        b.typingWindow.putAll(typingWindow);
        b.dedupeRetention = dedupeRetention;
        b.clockSkew = clockSkew;
        b.punctuateInterval = punctuateInterval;
        b.appKeys = appKeys;
        return b;
    }

    /** @return how old a message of the provider may be for a read (and the read command's notAfter − inboundAt) */
    public Duration readMaxAge(Provider provider) {
        return readMaxAge.getOrDefault(provider, Duration.ZERO);
    }

    /** @return the typing window of a provider (zero for one without typing or not known) */
    public Duration typingWindow(Provider provider) {
        return typingWindow.getOrDefault(provider, Duration.ZERO);
    }

    /** @return how long an idle conversation's state is kept: the longest window any rule looks back over */
    public Duration stateRetention() {
        return Stream.concat(
                        Stream.concat(readMaxAge.values().stream(), typingWindow.values().stream()),
                        Stream.of(dedupeRetention))
                .max(Duration::compareTo)
                .orElseThrow();
    }

    /** Every known provider's entry: the given one, else the provider's default. */
    private static Map<Provider, Duration> complete(
            Map<Provider, Duration> given, Function<ProviderSpec, Duration> fallback) {
        Map<Provider, Duration> all = new EnumMap<>(Provider.class);
        for (ProviderSpec spec : ProviderSpecs.known()) {
            all.put(
                    spec.provider(),
                    Objects.requireNonNullElseGet(given.get(spec.provider()), () -> fallback.apply(spec)));
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * The documented default of each decision setting, in the settings' own words: the app's config mapping declares
     * them ({@code @WithDefault}) and the {@link Builder} starts from them, so each default is written once.
     */
    public static final class Defaults {
        private Defaults() {}

        public static final String READ_POLICY = "on-receipt";
        public static final String READ_DELAY = "2s";
        public static final String READ_MAX_AGE = "30d";
        public static final String TYPING_POLICY = "on-agent-typing";
        public static final String TYPING_REFRESH = "20s";
        public static final String TYPING_TTL = "10s";
        public static final String DEDUPE_RETENTION = "24h";
        public static final String CLOCK_SKEW = "5m";
        public static final String PUNCTUATE_INTERVAL = "50ms";
    }

    /** Builds {@link DecisionSettings}; starts from the documented defaults ({@link Defaults}). Not thread-safe. */
    public static final class Builder {
        private ReadPolicy readPolicy = Policies.readPolicy(Defaults.READ_POLICY);
        private Duration readDelay = Durations.parse(Defaults.READ_DELAY);
        private final Map<Provider, Duration> readMaxAge = new EnumMap<>(Provider.class);
        private TypingPolicy typingPolicy = Policies.typingPolicy(Defaults.TYPING_POLICY);
        private Duration typingRefresh = Durations.parse(Defaults.TYPING_REFRESH);
        private Duration typingTtl = Durations.parse(Defaults.TYPING_TTL);
        private final Map<Provider, Duration> typingWindow = new EnumMap<>(Provider.class);
        private Duration dedupeRetention = Durations.parse(Defaults.DEDUPE_RETENTION);
        private Duration clockSkew = Durations.parse(Defaults.CLOCK_SKEW);
        private Duration punctuateInterval = Durations.parse(Defaults.PUNCTUATE_INTERVAL);
        private AppKeys appKeys = AppKeys.none();

        private Builder() {}

        public Builder readPolicy(ReadPolicy policy) {
            this.readPolicy = policy;
            return this;
        }

        public Builder readDelay(Duration delay) {
            this.readDelay = delay;
            return this;
        }

        /** Sets the read window of one provider (the others keep theirs). */
        public Builder readMaxAge(Provider provider, Duration maxAge) {
            this.readMaxAge.put(provider, maxAge);
            return this;
        }

        public Builder typingPolicy(TypingPolicy policy) {
            this.typingPolicy = policy;
            return this;
        }

        public Builder typingRefresh(Duration refresh) {
            this.typingRefresh = refresh;
            return this;
        }

        public Builder typingTtl(Duration ttl) {
            this.typingTtl = ttl;
            return this;
        }

        /** Sets the typing window of one provider (the others keep theirs). */
        public Builder typingWindow(Provider provider, Duration window) {
            this.typingWindow.put(provider, window);
            return this;
        }

        public Builder dedupeRetention(Duration retention) {
            this.dedupeRetention = retention;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder punctuateInterval(Duration interval) {
            this.punctuateInterval = interval;
            return this;
        }

        public Builder appKeys(AppKeys keys) {
            this.appKeys = keys;
            return this;
        }

        /** @return the settings; providers without an entry of their own get their documented windows */
        public DecisionSettings build() {
            return new DecisionSettings(
                    readPolicy,
                    readDelay,
                    readMaxAge,
                    typingPolicy,
                    typingRefresh,
                    typingTtl,
                    typingWindow,
                    dedupeRetention,
                    clockSkew,
                    punctuateInterval,
                    appKeys);
        }
    }
}

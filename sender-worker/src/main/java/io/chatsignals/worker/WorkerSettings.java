package io.chatsignals.worker;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Checks;
import io.chatsignals.ops.Launcher;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.dispatch.DispatchLimits;
import io.chatsignals.worker.kafka.BufferBounds;
import io.chatsignals.worker.limits.Backoff;
import io.chatsignals.worker.limits.LearnedRate;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.limits.LimitTable;
import io.chatsignals.worker.provider.ProviderTls;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of sender-worker, read from its config file and environment (docs/configuration.md, "sender-worker").
 * Provider limits default to each provider's own ({@link ProviderSpec#defaultPerSecond}, per account and operation:
 * each provider's page in docs/providers/ gives its figures and their source); any of them can be set per account. Each
 * provider's endpoint settings belong to its {@link io.chatsignals.worker.provider.GatewayRegistration}.
 */
public final class WorkerSettings implements Launcher.HttpSettings {
    /** Every key, for the lookups outside the mapping (per-account limits, credentials, pass-through settings). */
    final AppConfig config;
    /** The declarative settings, read directly where no check or derivation is needed. */
    final WorkerConfig mapping;
    /** Serde settings: {@code schema.registry.url} and the other serde keys. */
    final Map<String, Object> registry;

    final int maxConnectionsPerHost;
    final DispatchLimits limits;
    final Backoff publishBackoff;
    final Backoff registryBackoff;
    final boolean enrichEnabled;
    final BufferBounds buffer;
    private final LimitTable limitTable;
    /** How throttled keys learn their rate ({@code limits.adaptive.*}); null when {@code limits.adaptive.enabled=false}. */
    final LearnedRate.Settings learning;

    final int commitMetadataMaxBytes;
    final AppKeys appKeys;
    final ProviderTls tls;

    /** Reads the mapping and checks, in this one place, every value the mapping's types do not already constrain. */
    private WorkerSettings(AppConfig c) {
        WorkerConfig w = c.mapping(WorkerConfig.class);
        this.config = c;
        this.mapping = w;
        this.registry = new HashMap<>(c.settingsOf(SerdeConfig.PREFIXES, SerdeConfig.KEYS));
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, w.schemaRegistryUrl().trim());
        this.maxConnectionsPerHost =
                Checks.atLeast("http.max-connections", w.http().maxConnections(), 1);
        this.limits = new DispatchLimits(
                Checks.atLeast("inflight.max", w.inflight().max(), 1),
                Checks.atLeast("inflight.per-account", w.inflight().perAccount(), 1),
                w.retry().maxAttempts(),
                w.retry().maxDuration(),
                w.http().requestTimeout(),
                new Backoff(w.retry().base(), w.retry().max()),
                conversationSpacing(c));
        this.publishBackoff =
                new Backoff(w.retry().publish().base(), w.retry().publish().max());
        this.registryBackoff =
                new Backoff(w.retry().registry().base(), w.retry().registry().max());
        this.enrichEnabled = Checks.oneOf("enrich.enabled", w.enrich().enabled(), "true", "false")
                .equals("true");
        this.limitTable = LimitTable.of(c::optional, c.withPrefix("limits"));
        this.learning = Checks.oneOf("limits.adaptive.enabled", w.adaptive().enabled(), "true", "false")
                        .equals("true")
                ? learning(w.adaptive())
                : null;
        int bufferMax = Checks.atLeast("buffer.max", w.buffer().max(), 1);
        this.buffer = new BufferBounds(
                bufferMax,
                bufferShare(bufferMax, w.buffer().perAccount()),
                Checks.atLeast("buffer.max-parked", w.buffer().maxParked(), 1));
        this.commitMetadataMaxBytes =
                Checks.atLeast("commit.metadata.max-bytes", w.commit().metadataMaxBytes(), 64);
        this.appKeys = AppKeys.of(c::optional, c::withPrefix);
        this.tls = ProviderTls.from(c);
    }

    /** @throws IllegalArgumentException naming the key, for a decrease outside (0, 1) or a recovery under 1 s */
    private static LearnedRate.Settings learning(WorkerConfig.Adaptive a) {
        try {
            return new LearnedRate.Settings(a.decrease(), a.recovery());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limits.adaptive: " + e.getMessage(), e);
        }
    }

    /**
     * {@code limits.<provider>.conversation-spacing}: per provider, the least time between two calls of one conversation
     * (the Cloud API's pair limit, docs/providers.md); unset or zero: none.
     *
     * @throws IllegalArgumentException naming the key, for a malformed or negative duration
     */
    static Map<Provider, Duration> conversationSpacing(AppConfig c) {
        Map<Provider, Duration> spacing = new EnumMap<>(Provider.class);
        for (ProviderSpec spec : ProviderSpecs.known()) {
            String key = "limits." + spec.limitsKey() + ".conversation-spacing";
            Duration d = c.duration(key, Duration.ZERO);
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + " must not be negative, was " + d);
            }
            if (!d.isZero()) {
                spacing.put(spec.provider(), d);
            }
        }
        return spacing;
    }

    /**
     * One account's share of the intake buffer ({@code buffer.per-account}), in commands: a tenth of {@code buffer.max}
     * (at least 1) when unset, so that ten hot accounts fit before the buffer fills whatever its size; a set share
     * must leave room for the others (at most half of {@code buffer.max}, rounded up), or one hot account would fill
     * the buffer and pause every partition again (docs/design.md, execution rule 2: no head-of-line blocking).
     *
     * @param bufferMax {@code buffer.max}, at least 1
     * @param perAccount {@code buffer.per-account} as configured, empty when unset
     * @throws IllegalArgumentException naming the key, when the share is below 1 or above half of {@code buffer.max}
     */
    static int bufferShare(int bufferMax, Optional<Integer> perAccount) {
        if (perAccount.isEmpty()) {
            return Math.max(1, bufferMax / 10);
        }
        int share = Checks.atLeast("buffer.per-account", perAccount.get(), 1);
        return Checks.atMost(
                "buffer.per-account",
                share,
                (bufferMax + 1) / 2,
                "half of buffer.max " + bufferMax + ": room for others");
    }

    @Override
    public String httpHost() {
        return mapping.http().host();
    }

    @Override
    public int httpPort() {
        return mapping.http().port();
    }

    /**
     * Reads the settings; a provider's settings under a former name ({@link ProviderSpecs#formerSettingPrefixes()})
     * are still read, each logged once as deprecated.
     *
     * @throws IllegalArgumentException naming the key, for a missing or malformed value
     */
    public static WorkerSettings from(AppConfig config) {
        return new WorkerSettings(config.withRenamed(ProviderSpecs.formerSettingPrefixes()));
    }

    /**
     * The limit of a rate-limit key, in requests per second:
     * {@code limits.<provider>.<read|typing|messages|details>-per-second[.<account>]}, {@code <provider>} its
     * {@link ProviderSpec#limitsKey()}; checked at
     * start ({@link LimitTable}), worked out once per key.
     */
    public double perSecond(LimitKey key) {
        return limitTable.perSecond(key);
    }
}

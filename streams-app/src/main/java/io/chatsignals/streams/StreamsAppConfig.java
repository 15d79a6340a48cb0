package io.chatsignals.streams;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.streams.decide.DecisionSettings.Defaults;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * streams-app's declarative settings (docs/configuration.md, "streams-app"; environment variables: upper case, {@code .} and
 * {@code -} as {@code _}). Keys outside it are read by {@link StreamsSettings#from}: the per-provider windows
 * {@code read.max-age.<provider>} (default {@code read.max-age}) and {@code typing.window.<provider>} (default the
 * provider's own, {@link io.chatsignals.providers.ProviderSpec#typingWindow()}), NXCloud appkeys, serde and
 * {@code kafka.*} settings.
 */
@ConfigMapping(prefix = "")
public interface StreamsAppConfig {
    @WithName("bootstrap.servers")
    String bootstrapServers();

    @WithName("schema.registry.url")
    String schemaRegistryUrl();

    @WithName("application.id")
    @WithDefault("chat-signals-decisions")
    String applicationId();

    /** Kafka Streams' state directory; a temporary directory when unset. */
    @WithName("state.dir")
    Optional<String> stateDir();

    /**
     * Off-heap memory of all RocksDB state stores of the instance together (block cache, index and filter blocks and
     * memtables), MiB: see {@link io.chatsignals.streams.store.BoundedRocksDbMemory}.
     */
    @WithName("state.rocksdb.memory-mb")
    @WithDefault("256")
    int stateRocksdbMemoryMb();

    /**
     * On-heap record cache of the instance's state stores, MiB, shared by the stream threads (Kafka Streams'
     * {@code statestore.cache.max.bytes}, default 10 MiB there): a conversation found in it costs no RocksDB read, and
     * a full cache evicts (writes out) an entry on every put. Sized to hold the conversations active within a few
     * seconds: at 100,000 conversations 128 MiB took the topology from 19,500 to 30,700 events/s
     * (docs/benchmarks.md).
     */
    @WithName("state.cache-mb")
    @WithDefault("128")
    int stateCacheMb();

    Topic topic();

    /** Output topic names; the inbound ones ({@code topic.inbound-<provider>}, {@code topic.activity}) are read per source of {@link io.chatsignals.streams.topology.InboundSources}. */
    interface Topic {
        @WithDefault(Topics.COMMANDS)
        String commands();

        @WithDefault(Topics.INBOUND_DLQ)
        String inboundDlq();

        /** The business policies (compacted; docs/policies.md). */
        @WithDefault(Topics.POLICIES)
        String policies();
    }

    Read read();

    /** When to mark read. */
    interface Read {
        /** on-receipt, on-agent-view, on-agent-reply or off: every account's default (docs/policies.md). */
        @WithDefault(Defaults.READ_POLICY)
        String policy();

        @WithDefault(Defaults.READ_DELAY)
        Duration delay();

        @WithDefault(Defaults.READ_MAX_AGE)
        Duration maxAge();
    }

    Typing typing();

    /** When to show typing. */
    interface Typing {
        /** on-agent-typing, on-receipt or off. */
        @WithDefault(Defaults.TYPING_POLICY)
        String policy();

        @WithDefault(Defaults.TYPING_REFRESH)
        Duration refresh();

        @WithDefault(Defaults.TYPING_TTL)
        Duration ttl();
    }

    @WithName("dedupe.retention")
    @WithDefault(Defaults.DEDUPE_RETENTION)
    Duration dedupeRetention();

    @WithName("clock.skew")
    @WithDefault(Defaults.CLOCK_SKEW)
    Duration clockSkew();

    /**
     * How often the punctuator looks up due decisions (wall clock): a read goes out at most this long after its quiet
     * period ends. Cheap while nothing is due: the due index then skips the store.
     */
    @WithName("punctuate.interval")
    @WithDefault(Defaults.PUNCTUATE_INTERVAL)
    Duration punctuateInterval();

    Http http();

    /** The ops HTTP server. */
    interface Http {
        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("8080")
        int port();
    }
}

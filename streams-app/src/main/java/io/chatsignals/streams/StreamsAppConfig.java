package io.chatsignals.streams;

import io.chatsignals.contract.Schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * streams-app's declarative settings (README, "streams-app"; environment variables: upper case, {@code .} and
 * {@code -} as {@code _}). Defaults are the providers' windows (docs/providers.md: 8x8 typing 2 h, read
 * 30 d; NXCloud 24 h). Keys outside it are read where they are used: {@code read.max-age.huawei-case} (a key under
 * {@code read.max-age}, which a mapping cannot hold beside it), NXCloud appkeys, serde and {@code kafka.*} settings.
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

    Topic topic();

    /** Topic names. */
    interface Topic {
        @WithName("inbound-8x8")
        @WithDefault(Topics.INBOUND_8X8)
        String inbound8x8();

        @WithDefault(Topics.INBOUND_NXCLOUD)
        String inboundNxcloud();

        /** Opt-in: the Huawei case connector's topic; unset or blank, no Huawei source is read. */
        Optional<String> inboundHuaweiCase();

        @WithDefault(Topics.ACTIVITY)
        String activity();

        @WithDefault(Topics.COMMANDS)
        String commands();

        @WithDefault(Topics.INBOUND_DLQ)
        String inboundDlq();
    }

    Read read();

    /** When to mark read. */
    interface Read {
        /** on-receipt, on-agent-view or off. */
        @WithDefault("on-receipt")
        String policy();

        @WithDefault("2s")
        Duration delay();

        @WithDefault("30d")
        Duration maxAge();
    }

    Typing typing();

    /** When to show typing. */
    interface Typing {
        /** on-agent-typing, on-receipt or off. */
        @WithDefault("on-agent-typing")
        String policy();

        @WithDefault("20s")
        Duration refresh();

        @WithDefault("10s")
        Duration ttl();

        Window window();

        /** How long after receipt a typing indicator is accepted. */
        interface Window {
            /** 8x8 "Send typing indicator". */
            @WithName("8x8")
            @WithDefault("2h")
            Duration eightByEight();

            /** NXCloud: the 24 h customer-service window (docs/providers.md). */
            @WithDefault("24h")
            Duration nxcloud();
        }
    }

    @WithName("dedupe.retention")
    @WithDefault("24h")
    Duration dedupeRetention();

    @WithName("clock.skew")
    @WithDefault("5m")
    Duration clockSkew();

    @WithName("punctuate.interval")
    @WithDefault("250ms")
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

package io.chatsignals.worker;

import io.chatsignals.contract.Schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * sender-worker's declarative settings (docs/configuration.md, "sender-worker"; environment variables: upper case, {@code .} and
 * {@code -} as {@code _}). Keys outside it are read where they are used: per-account limits
 * ({@code limits.<provider>.<op>-per-second[.<account>]}), credentials ({@link io.chatsignals.worker.provider.Credentials}),
 * NXCloud appkeys, provider TLS, serde and {@code kafka.consumer.*}/{@code kafka.producer.*} pass-through settings.
 * Bounds are checked by {@link WorkerSettings} at start.
 */
@ConfigMapping(prefix = "")
public interface WorkerConfig {
    @WithName("bootstrap.servers")
    String bootstrapServers();

    @WithName("schema.registry.url")
    String schemaRegistryUrl();

    @WithName("group.id")
    @WithDefault("chat-signals-sender")
    String groupId();

    Topic topic();

    /** Topic names. */
    interface Topic {
        @WithDefault(Topics.COMMANDS)
        String commands();

        @WithDefault(Topics.STATUS)
        String status();

        @WithName("commands-dlq")
        @WithDefault(Topics.COMMANDS_DLQ)
        String commandsDlq();
    }

    @WithName("limits.margin")
    @WithDefault("0.005")
    double limitsMargin();

    /**
     * Learned rates: a key the provider throttles harder than configured lowers its rate and climbs back (AIMD, never
     * above the configured rate; {@link io.chatsignals.worker.limits.LearnedRate}).
     */
    @WithName("limits.adaptive")
    Adaptive adaptive();

    /** Learned rates. */
    interface Adaptive {
        /** {@code true} or {@code false} (checked: a typo is an error, not false). */
        @WithDefault("true")
        String enabled();

        /** The factor a throttling answer multiplies the key's rate by, in (0, 1). */
        @WithDefault("0.5")
        double decrease();

        /** How long the rate takes to climb back to the rate that was throttled. */
        @WithDefault("1m")
        Duration recovery();
    }

    Inflight inflight();

    /** Provider calls in flight. */
    interface Inflight {
        @WithDefault("256")
        int max();

        @WithDefault("4")
        int perAccount();
    }

    Retry retry();

    /** Exponential backoff with full jitter, and when retries end. */
    interface Retry {
        @WithDefault("200ms")
        Duration base();

        @WithDefault("10s")
        Duration max();

        /** 0: no cap (retries end by time). */
        @WithDefault("0")
        int maxAttempts();

        @WithDefault("15m")
        Duration maxDuration();

        /** Republishing a status or DLQ record the broker (or the registry, for its schema) did not take. */
        Publish publish();

        /** Backoff of the status publisher. */
        interface Publish {
            @WithDefault("100ms")
            Duration base();

            @WithDefault("5s")
            Duration max();
        }

        /** Reading a command again while the registry cannot give its schema (its partition waits, others go on). */
        Registry registry();

        /** Backoff of the command intake. */
        interface Registry {
            @WithDefault("500ms")
            Duration base();

            @WithDefault("30s")
            Duration max();
        }
    }

    Enrich enrich();

    /** Message-details enrichment of successes, for providers that offer a lookup. */
    interface Enrich {
        /** {@code true} or {@code false} (checked: a typo is an error, not false). */
        @WithDefault("true")
        String enabled();

        @WithDefault("5s")
        Duration maxWait();
    }

    Buffer buffer();

    /** Commands held in memory. */
    interface Buffer {
        @WithDefault("10000")
        int max();

        /** Unset: a tenth of {@code max} (see {@link WorkerSettings#bufferShare}). */
        Optional<Integer> perAccount();

        @WithDefault("200000")
        int maxParked();
    }

    Commit commit();

    /** Offset commits. */
    interface Commit {
        @WithDefault("1s")
        Duration interval();

        @WithName("metadata.max-bytes")
        @WithDefault("4000")
        int metadataMaxBytes();
    }

    @WithName("shutdown.grace")
    @WithDefault("10s")
    Duration shutdownGrace();

    Http http();

    /** The Vert.x Web Client towards the providers, and the ops HTTP server. */
    interface Http {
        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("5s")
        Duration requestTimeout();

        /**
         * Connections per provider host, i.e. calls in flight to it at most (HTTP/1.1). What a load needs is calls/s ×
         * response time (Little's law): 1,500 commands/s with enrichment on (a details lookup after each
         * success: two calls) at about 110 ms each hold about 330; at 256 the benchmark's 10,000-account row
         * delivered 82 % of its offer, at 512 all of it (docs/benchmarks.md).
         */
        @WithDefault("512")
        int maxConnections();

        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("8081")
        int port();
    }
}

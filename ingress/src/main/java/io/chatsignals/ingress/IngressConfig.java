package io.chatsignals.ingress;

import io.chatsignals.contract.Schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * ingress's declarative settings (docs/configuration.md, "ingress"; environment variables: upper case, {@code .} and {@code -} as
 * {@code _}). Secrets (the providers' webhook secrets, the activity API's tokens) and per-provider produce timeouts
 * are read beside it by {@link IngressSettings}.
 */
@ConfigMapping(prefix = "")
public interface IngressConfig {
    @WithName("bootstrap.servers")
    String bootstrapServers();

    @WithName("schema.registry.url")
    String schemaRegistryUrl();

    Topic topic();

    /** Where the records go; each webhook provider's own topic is {@code topic.inbound-<key>} ({@link IngressSettings}). */
    interface Topic {
        @WithDefault(Topics.ACTIVITY)
        String activity();

        /** Authentic webhooks that cannot be mapped: their raw bytes, with the reason in headers. */
        @WithName("inbound-dlq")
        @WithDefault(Topics.INBOUND_DLQ)
        String inboundDlq();

        /** The business policies the admin API sets and reads (compacted; docs/policies.md). */
        @WithDefault(Topics.POLICIES)
        String policies();
    }

    Server server();

    /** The listener the providers and helpdesks call (put it behind your load balancer). */
    interface Server {
        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("8088")
        int port();

        /** Largest request body, bytes; a larger one is answered 413 and nothing is written. */
        @WithName("max-body-bytes")
        @WithDefault("1048576")
        int maxBodyBytes();

        /**
         * A request not answered within this (a slow body included) is answered 408 and nothing is written; so is one
         * whose request line and headers are still arriving this long after its first byte.
         */
        @WithName("request-timeout")
        @WithDefault("15s")
        Duration requestTimeout();

        /** A connection idle this long is closed. */
        @WithName("idle-timeout")
        @WithDefault("30s")
        Duration idleTimeout();
    }

    /**
     * How long a request waits for the broker to acknowledge its records before it is answered 503 (the provider then
     * retries); {@code produce.timeout.<provider>} overrides it per provider (a provider's own default:
     * {@link WebhookSource#produceTimeout}).
     */
    @WithName("produce.timeout")
    @WithDefault("10s")
    Duration produceTimeout();

    /**
     * Readiness follows whether the Kafka cluster answers: an Admin client asks it to describe itself this often, each
     * time with this as its timeout ({@link BrokerProbe}).
     */
    @WithName("health.broker-probe-interval")
    @WithDefault("5s")
    Duration brokerProbeInterval();

    @WithName("http.host")
    @WithDefault("0.0.0.0")
    String httpHost();

    /** The ops server: {@code /metrics}, {@code /health/live}, {@code /health/ready}. */
    @WithName("http.port")
    @WithDefault("8082")
    int httpPort();
}

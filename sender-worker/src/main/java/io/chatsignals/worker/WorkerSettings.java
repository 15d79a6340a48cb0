package io.chatsignals.worker;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.EightByEight;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.providers.NxCloudAppKeys;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.limits.Backoff;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.dispatch.Dispatcher;
import io.chatsignals.worker.kafka.CommandConsumer;
import io.chatsignals.worker.provider.ProviderTls;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of sender-worker, read from its config file and environment (README, "sender-worker configuration").
 * Provider limits default to 10/s per account for 8x8 read/typing and NXCloud calls, 1/s per subaccount for 8x8
 * message details (8x8-message-details.txt) and 5/s per account for Huawei case mark-read (PROVIDERS.md: none
 * documented); any of them can be set per account.
 */
public final class WorkerSettings {
    final AppConfig config;
    final String bootstrapServers;
    final String groupId;
    final Map<String, Object> registry;
    final String commandsTopic;
    final String statusTopic;
    final String dlqTopic;
    final String eightByEightUrl;
    final String nxCloudUrl;
    final String huaweiCaseUrl;
    final String huaweiIamUrl;
    final Duration huaweiTokenRefreshAhead;
    final String huaweiLanguage;
    final String huaweiTimeZone;
    final Duration connectTimeout;
    final Duration requestTimeout;
    final int maxConnectionsPerHost;
    final double margin;
    final Dispatcher.Limits limits;
    final boolean enrichEnabled;
    final Duration enrichMaxWait;
    final CommandConsumer.Buffer buffer;
    final int commitMetadataMaxBytes;
    final Duration commitInterval;
    final Duration shutdownGrace;
    final String httpHost;
    final int httpPort;
    final NxCloudAppKeys appKeys;
    final ProviderTls tls;

    private WorkerSettings(AppConfig c) {
        this.config = c;
        this.bootstrapServers = c.required("bootstrap.servers");
        this.groupId = c.string("group.id", "chat-signals-sender");
        this.registry = new HashMap<>(c.settingsOf(SerdeConfig.PREFIXES, SerdeConfig.KEYS));
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, c.required(SerdeConfig.SCHEMA_REGISTRY_URL));
        this.commandsTopic = c.string("topic.commands", Topics.COMMANDS);
        this.statusTopic = c.string("topic.status", Topics.STATUS);
        this.dlqTopic = c.string("topic.commands-dlq", Topics.COMMANDS_DLQ);
        this.eightByEightUrl = c.string("eightbyeight.base-url", "https://chatapps.8x8.com");
        this.nxCloudUrl = c.string("nxcloud.base-url", "https://api2.nxcloud.com");
        this.huaweiCaseUrl = c.string("huawei.base-url", "https://osm.myhuaweicloud.com");
        this.huaweiIamUrl = c.string("huawei.iam.url", "https://iam.myhuaweicloud.com");
        this.huaweiTokenRefreshAhead = c.duration("huawei.iam.refresh-ahead", Duration.ofHours(1));
        this.huaweiLanguage = c.optional("huawei.language").orElse(null);
        this.huaweiTimeZone = c.optional("huawei.time-zone").orElse(null);
        this.connectTimeout = c.duration("http.connect-timeout", Duration.ofSeconds(2));
        this.requestTimeout = c.duration("http.request-timeout", Duration.ofSeconds(5));
        this.maxConnectionsPerHost = c.integer("http.max-connections", 256);
        this.margin = Double.parseDouble(c.string("limits.margin", "0.02"));
        this.limits = new Dispatcher.Limits(atLeast(c, "inflight.max", 256, 1), atLeast(c, "inflight.per-account", 4, 1),
                c.integer("retry.max-attempts", 0), c.duration("retry.max-duration", Duration.ofMinutes(15)), requestTimeout,
                new Backoff(c.duration("retry.base", Duration.ofMillis(200)), c.duration("retry.max", Duration.ofSeconds(10))));
        this.enrichEnabled = c.oneOf("enrich.enabled", "true", "true", "false").equals("true");
        this.enrichMaxWait = c.duration("enrich.max-wait", Duration.ofSeconds(5));
        this.buffer = new CommandConsumer.Buffer(atLeast(c, "buffer.max", 10_000, 1), atLeast(c, "buffer.per-account", 1_000, 1),
                atLeast(c, "buffer.max-parked", 200_000, 1));
        this.commitMetadataMaxBytes = atLeast(c, "commit.metadata.max-bytes", 4_000, 64);
        this.commitInterval = c.duration("commit.interval", Duration.ofSeconds(1));
        this.shutdownGrace = c.duration("shutdown.grace", Duration.ofSeconds(10));
        this.httpHost = c.string("http.host", "0.0.0.0");
        this.httpPort = c.integer("http.port", 8081);
        this.appKeys = new NxCloudAppKeys(c.optional(NxCloudAppKeys.KEY).orElse(null), c.withPrefix(NxCloudAppKeys.KEY));
        this.tls = ProviderTls.from(c);
    }

    /** @throws IllegalArgumentException naming the key, the value and the rule, for a value under {@code min} */
    private static int atLeast(AppConfig c, String key, int fallback, int min) {
        int value = c.integer(key, fallback);
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * @throws IllegalArgumentException naming the key, for a missing or malformed value
     */
    public static WorkerSettings from(AppConfig config) {
        return new WorkerSettings(config);
    }

    /**
     * The limit of a rate-limit key, in requests per second:
     * {@code limits.<eightbyeight|nxcloud|huawei-case>.<read|typing|details>-per-second[.<account>]}.
     *
     * @throws IllegalArgumentException naming the key, when the value is not a number
     */
    public double perSecond(LimitKey key) {
        String provider = switch (key.provider()) {
            case EIGHT_BY_EIGHT -> "eightbyeight";
            case HUAWEI_CASE -> "huawei-case";
            default -> "nxcloud";
        };
        String account = key.account();
        String op = key.operation().settingName();
        double fallback = op.equals("details") ? EightByEight.DETAILS_PER_SECOND
                : provider.equals("huawei-case") ? HuaweiCase.DEFAULT_PER_SECOND : 10.0;
        String base = "limits." + provider + "." + op + "-per-second";
        String value = config.optional(base + "." + account).orElse(config.string(base, Double.toString(fallback)));
        try {
            return Double.parseDouble(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(base + " must be a number of requests per second, was '" + value + "'");
        }
    }
}

package io.chatsignals.streams;

import io.chatsignals.contract.Policies;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Checks;
import io.chatsignals.ops.Launcher;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.streams.decide.DecisionSettings;
import io.chatsignals.streams.errors.InvalidRecordHandler;
import io.chatsignals.streams.errors.UndecodableRecordHandler;
import io.chatsignals.streams.store.BoundedRocksDbMemory;
import io.chatsignals.streams.topology.EventTimestampExtractor;
import io.chatsignals.streams.topology.InboundSource;
import io.chatsignals.streams.topology.InboundSources;
import io.chatsignals.streams.topology.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of streams-app, read from its config file and environment (see docs/configuration.md, "streams-app").
 *
 * @param kafka     Kafka Streams properties: the fixed ones below, then every {@code kafka.*} key of the config
 * @param registry  serde settings ({@code schema.registry.url} and other {@code schema.registry.*} / {@code basic.auth.*} keys)
 * @param topics    topic names
 * @param decisions decision rule settings
 * @param httpHost  ops HTTP interface
 * @param httpPort  ops HTTP port ({@code /metrics}, {@code /health/*})
 */
public record StreamsSettings(
        Map<String, Object> kafka,
        Map<String, Object> registry,
        Topics topics,
        DecisionSettings decisions,
        String httpHost,
        int httpPort)
        implements Launcher.HttpSettings {

    /**
     * @throws IllegalArgumentException naming the key, for a missing or malformed value
     */
    public static StreamsSettings from(AppConfig config) {
        StreamsAppConfig c = config.mapping(StreamsAppConfig.class);
        Map<String, String> inbound = new LinkedHashMap<>();
        for (InboundSource<?> source :
                InboundSources.ALL) { // an opt-in source (a connector's) only when its topic is set
            config.optional(source.topicKey())
                    .map(String::trim)
                    .or(() -> source.optIn() ? Optional.empty() : Optional.of(source.topic()))
                    .filter(t -> !t.isBlank())
                    .ifPresent(t -> inbound.put(source.name(), t));
        }
        Topics topics = new Topics(
                inbound, c.topic().commands(), c.topic().inboundDlq(), c.topic().policies());
        DecisionSettings.Builder decisions = DecisionSettings.builder()
                .readPolicy(Policies.readPolicy(Checks.oneOf(
                        "read.policy",
                        c.read().policy(),
                        Policies.readPolicyNames().toArray(String[]::new))))
                .readDelay(c.read().delay())
                .typingPolicy(Policies.typingPolicy(Checks.oneOf(
                        "typing.policy",
                        c.typing().policy(),
                        Policies.typingPolicyNames().toArray(String[]::new))))
                .typingRefresh(c.typing().refresh())
                .typingTtl(c.typing().ttl())
                .dedupeRetention(c.dedupeRetention())
                .clockSkew(c.clockSkew())
                .punctuateInterval(c.punctuateInterval())
                .appKeys(AppKeys.of(config::optional, config::withPrefix));
        for (ProviderSpec spec : ProviderSpecs.known()) { // per provider: read.max-age.<key>, typing.window.<key>
            // its own key, else its documented read window capped by the global read.max-age: a provider never gets
            // a read past the window it accepts reads in, and the global setting still shortens every provider's
            Duration window = spec.readWindow().compareTo(c.read().maxAge()) < 0
                    ? spec.readWindow()
                    : c.read().maxAge();
            decisions.readMaxAge(spec.provider(), config.duration("read.max-age." + spec.key(), window));
            decisions.typingWindow(
                    spec.provider(), config.duration("typing.window." + spec.key(), spec.typingWindow()));
        }
        Map<String, Object> kafka =
                new HashMap<>(streamsProperties(c.applicationId(), c.bootstrapServers(), topics.inboundDlq()));
        kafka.put(
                StreamsConfig.STATE_DIR_CONFIG,
                c.stateDir().orElse(System.getProperty("java.io.tmpdir") + "/chat-signals-streams"));
        kafka.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        kafka.put(
                BoundedRocksDbMemory.MEMORY_BYTES,
                Long.toString((long) Checks.atLeast("state.rocksdb.memory-mb", c.stateRocksdbMemoryMb(), 16) << 20));
        kafka.put(
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                (long) Checks.atLeast("state.cache-mb", c.stateCacheMb(), 0) << 20);
        kafka.putAll(config.withPrefix("kafka"));
        Map<String, Object> registry = new HashMap<>(config.settingsOf(SerdeConfig.PREFIXES, SerdeConfig.KEYS));
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, c.schemaRegistryUrl().trim());
        return new StreamsSettings(
                kafka,
                registry,
                topics,
                decisions.build(),
                c.http().host(),
                c.http().port());
    }

    /**
     * The Kafka Streams properties the topology relies on: exactly_once_v2, event time from the payload, undecodable
     * records logged and sent to the DLQ, invalid ones to the DLQ through {@link InvalidRecordHandler}.
     */
    public static Map<String, Object> streamsProperties(
            String applicationId, String bootstrapServers, String dlqTopic) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimestampExtractor.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecordHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidRecordHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlqTopic);
        // a source task reads every inbound topic; waiting for the empty ones buys no order (the repartition by
        // conversation interleaves the source tasks anyway) and Kafka Streams' wait check (0, the default) builds
        // log text on every loop: -1 processes whatever is buffered (about a tenth of the stream threads' CPU)
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // An instance killed with SIGKILL sends no LeaveGroup: its tasks (and the decisions due on them) wait until the
        // coordinator drops it after the session timeout, then until the transaction it left open is aborted, since
        // its records hold back every read_committed reader of those partitions. Kafka's 45 s session stalled
        // decisions 35 s; a 6 s session (the brokers' group.min.session.timeout.ms, heartbeat every 2 s) 13.4 s; with
        // a 6 s transaction timeout as well 8.8 s. A produce request to a broker cut off by the network waits
        // request.timeout.ms before the producer retries it at the partition's new leader, and a commit waits for it:
        // longer than the transaction may stay open, it gets the transaction aborted and the threads fenced (a 30 s
        // cut stalled decisions the whole 30 s at 6 s / 10 s); at 3 s, under the transaction timeout, the kill row took
        // 9.4 s, a 30 s cut 13.8 s and a broker crash 8.8 s (docs/reliability.md, "streams-app failover").
        // Idempotence makes the retry safe. The price: a consumer silent for 6 s (a long GC pause, a partition of the
        // instance) leaves the group and its tasks move, and a transaction open over 6 s (a slow first schema
        // registration on a stream thread) is aborted and redone — exactly once still. kafka.session.timeout.ms,
        // kafka.heartbeat.interval.ms, kafka.producer.transaction.timeout.ms and kafka.producer.request.timeout.ms set
        // them
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 6_000);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), 3_000);
        // each commit flushes what the producer holds for ~30 partitions per thread (repartition, three changelogs,
        // commands); Kafka's 16 KiB batches split that into many small produce requests: 128 KiB took the
        // 100,000-conversation benchmark from about 30,000 to 37,000 events/s and halved the broker's CPU
        // (docs/benchmarks.md). It changes no latency: with linger.ms 100 (Kafka Streams' default) the commit, not
        // the batch size, sends a batch at low load. kafka.producer.batch.size sets it
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131_072);
        // a transaction's first write to a partition whose previous transaction's markers are still being written is
        // answered CONCURRENT_TRANSACTIONS once the broker's own retries (100 ms) run out; the producer then waits
        // retry.backoff.ms, Kafka's 100 ms, doubling to 1 s. A replicated cluster writes markers slowly enough that
        // most commits hit it: on the three-node benchmark cluster 20 ms (Kafka's own backoff for this error before
        // transactions v2, KAFKA-5477) took the 10,000-conversation row from 5,413 to 17,000 events/s
        // (docs/benchmarks.md). The backoff still doubles on each retry. kafka.producer.retry.backoff.ms sets it
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 20);
        p.put(
                "processing.exception.handler.global.enabled",
                "true"); // no global stores; silences Kafka's start-up advice
        return p;
    }
}

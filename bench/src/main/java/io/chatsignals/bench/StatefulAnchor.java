package io.chatsignals.bench;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.serde.SpecificAvroSerde;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.streams.state.ConversationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The stateful anchor (docs/benchmarks.md): a Kafka Streams job of the decision topology's shape and no more — the 8x8
 * source with streams-app's serde, the repartition by conversation, per event one dedupe look-up in a window store
 * and one get and put of the conversation's state (streams-app's {@code ConversationState}, in a cached key-value
 * store), a record out for the same share of events as the topology emits commands; exactly_once_v2 and the same
 * Kafka Streams properties (threads, commit interval, cache, RocksDB memory) as streams-app. What the topology does on
 * top of it — validation, the decision rules, the due index and its punctuator, the policies — is what
 * {@code ours ÷ stateful anchor} prices.
 */
final class StatefulAnchor {
    private static final String DEDUPE = "dedupe";
    private static final String CONVERSATIONS = "conversations";

    private StatefulAnchor() {}

    /**
     * @param emitShare the share of events that emit a record (the topology's commands ÷ events of the same row)
     * @return sustained events/s: E / time until the repartition topic's committed offsets reach its end
     */
    static double run(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            int conversations,
            long events,
            Map<String, String> settings,
            double emitShare)
            throws Exception {
        String run = "tstate-" + UUID.randomUUID().toString().substring(0, 6);
        String in = run + TopologyBench.IN_8X8;
        TopologyBench.createTopics(kafka, run, TopologyBench.IN_8X8, "-out");
        StreamsSettings app =
                StreamsSettings.from(AppConfig.of(TopologyBench.appConfig(kafka, registry, run, settings)));
        SchemaRegistryClient client = CachedSchemaRegistryClient.fromConfig(SerdeConfig.from(app.registry()));
        SpecificAvroSerde<EightByEightInbound> inbound =
                new SpecificAvroSerde<>(client, EightByEightInbound.class, true);
        Duration retention = app.decisions().dedupeRetention();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUPE, retention.multipliedBy(2), retention, false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CONVERSATIONS),
                        Serdes.String(),
                        new SpecificAvroSerde<>(client, ConversationState.class, true))
                .withCachingEnabled());
        builder.stream(in, Consumed.with(Serdes.ByteArray(), inbound))
                .selectKey((k, m) -> Keys.conversation(Provider.EIGHT_BY_EIGHT, m.getSubAccountId(), m.getMsisdn()))
                .repartition(Repartitioned.<String, EightByEightInbound>as("by-conversation")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(inbound))
                .process(() -> new Work(retention.toMillis(), emitShare), DEDUPE, CONVERSATIONS)
                .to(run + "-out", Produced.with(Serdes.String(), inbound));
        Properties props = new Properties();
        props.putAll(app.kafka());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            TopologyBench.awaitRunning(streams::state);
            long started = System.nanoTime();
            TopologyBench.produce(kafka, registry, in, 0, conversations, 0, events, 0);
            TopologyBench.awaitCommitted(kafka, run, in, Duration.ofMinutes(20));
            long consumedAt = TopologyBench.awaitCommitted(
                    kafka, run, run + "-by-conversation-repartition", Duration.ofMinutes(20));
            return events / ((consumedAt - started) / 1e9);
        }
    }

    /** Per event: a dedupe fetch and put, a state get and put, and a record out for {@code emitShare} of them. */
    private static final class Work implements Processor<String, EightByEightInbound, String, EightByEightInbound> {
        private final long retentionMs;
        private final long emitEvery;
        private ProcessorContext<String, EightByEightInbound> context;
        private WindowStore<String, Long> dedupe;
        private KeyValueStore<String, ConversationState> states;
        private long seen;

        Work(long retentionMs, double emitShare) {
            this.retentionMs = retentionMs;
            this.emitEvery = emitShare <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1 / emitShare));
        }

        @Override
        public void init(ProcessorContext<String, EightByEightInbound> context) {
            this.context = context;
            this.dedupe = context.getStateStore(DEDUPE);
            this.states = context.getStateStore(CONVERSATIONS);
        }

        @Override
        public void process(Record<String, EightByEightInbound> record) {
            EightByEightInbound m = record.value();
            long at = m.getTimestamp().toEpochMilli();
            String id = "EIGHT_BY_EIGHT:" + m.getUmid();
            try (WindowStoreIterator<Long> found = dedupe.fetch(id, Math.max(0, at - retentionMs), at + retentionMs)) {
                if (found.hasNext()) {
                    return;
                }
            }
            dedupe.put(id, at, at);
            ConversationState state = states.get(record.key());
            if (state == null) {
                state = ConversationState.newBuilder()
                        .setProvider(Provider.EIGHT_BY_EIGHT)
                        .setAccount(m.getSubAccountId())
                        .setCustomer(m.getMsisdn())
                        .build();
            }
            state.setLatestMessageId(m.getUmid());
            state.setLatestInboundAt(Instant.ofEpochMilli(at));
            state.setSequence(state.getSequence() + 1);
            states.put(record.key(), state);
            if (++seen % emitEvery == 0) {
                context.forward(record);
            }
        }
    }
}

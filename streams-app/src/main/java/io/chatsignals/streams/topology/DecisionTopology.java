package io.chatsignals.streams.topology;

import io.chatsignals.ops.Tracing;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SpecificAvroSerde;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.decide.DecisionSettings;
import io.chatsignals.streams.errors.InvalidRecordException;
import io.chatsignals.streams.state.AccountPolicy;
import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.ConversationState;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the decision topology:
 * <pre>
 * chat.inbound.&lt;key&gt;.v1 (one per provider) ─validate─┐
 * chat.conversation-activity.v1 ──────────────validate─┤
 * chat.policies.v1 ───────────────────────────validate─┴─ merge ─ key by conversation ─ repartition "by-conversation"
 *     ─ decide ─ chat.commands.v1               (stores: conversations, dedupe, due-index, policies)
 * </pre>
 * A policy record is keyed {@code provider:account} and sent to every partition of the repartition topic
 * ({@link PolicyBroadcast}): each task applies it in its log order, between the same events on a replay.
 * One source per row of {@link InboundSources#ALL} whose topic is set in {@link Topics}.
 * Input keys are the users' choice (read as bytes, ignored). Undecodable records are handled by the deserialization
 * exception handler and invalid ones by {@link io.chatsignals.streams.errors.InvalidRecordHandler}: both go to the
 * inbound DLQ with the original bytes.
 */
public final class DecisionTopology {
    private DecisionTopology() {}

    /** The topology with serdes that register the schemas they write (the serde's default). */
    public static Topology build(
            Topics topics, DecisionSettings settings, SchemaRegistryClient registry, DecisionMetrics metrics) {
        return build(topics, settings, registry, true, metrics);
    }

    /**
     * @param registry     schema registry client shared by every serde
     * @param autoRegister whether the commands serde registers its schema ({@code auto.register.schemas}); false: the
     *                     {@code chat.commands.v1} subject must be registered at deploy time. The schemas of the
     *                     internal topics (repartition, changelog) are the app's own and always registered.
     */
    public static Topology build(
            Topics topics,
            DecisionSettings settings,
            SchemaRegistryClient registry,
            boolean autoRegister,
            DecisionMetrics metrics) {
        Validation validation = new Validation(settings.clockSkew(), settings.appKeys());
        DecisionTracing tracing = new DecisionTracing(Tracing.current("io.chatsignals.streams"));
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], ConversationEvent> inbound = null;
        for (InboundSource<?> source : InboundSources.ALL) {
            String topic = topics.inbound(source.name());
            if (topic != null) {
                KStream<byte[], ConversationEvent> events =
                        source(builder, source, topic, validation, registry, autoRegister, metrics);
                inbound = inbound == null ? events : inbound.merge(events, Named.as("merge-" + source.name()));
            }
        }
        if (inbound == null) {
            throw new IllegalArgumentException("no inbound topic to read: " + topics.inbound());
        }
        inbound = inbound.merge(
                builder.stream(
                                topics.policies(),
                                Consumed.with(Serdes.ByteArray(), serde(registry, autoRegister, BusinessPolicy.class))
                                        .withName("policies"))
                        .processValues(() -> new PolicyRecords(metrics), Named.as("validate-policies")),
                Named.as("merge-policies"));

        // caching: a burst's many updates of one conversation reach RocksDB and the changelog once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ConversationProcessor.CONVERSATIONS),
                        Serdes.String(),
                        serde(registry, true, ConversationState.class))
                .withCachingEnabled());
        Duration dedupe = settings.dedupeRetention();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ConversationProcessor.DEDUPE, dedupe.multipliedBy(2), dedupe, false),
                Serdes.String(),
                Serdes.Long()));
        // no cache: an entry is written once and deleted read.delay or more later, many commits apart, so a cache
        // would merge nothing and add its own look-ups to every put, delete and range scan
        // read once, when a task starts (into its PolicyBook); written on each policy change
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ConversationProcessor.POLICIES),
                        Serdes.String(),
                        serde(registry, true, AccountPolicy.class))
                .withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ConversationProcessor.DUE_INDEX),
                        Serdes.String(),
                        Serdes.String())
                .withCachingDisabled());

        inbound.selectKey((key, event) -> Validation.conversationKey(event), Named.as("key-by-conversation"))
                .repartition(Repartitioned.<String, ConversationEvent>as("by-conversation")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde(registry, true, ConversationEvent.class))
                        .withStreamPartitioner(new PolicyBroadcast()))
                .process(
                        () -> new ConversationProcessor(settings, metrics, tracing),
                        Named.as("decide"),
                        ConversationProcessor.CONVERSATIONS,
                        ConversationProcessor.DEDUPE,
                        ConversationProcessor.DUE_INDEX,
                        ConversationProcessor.POLICIES)
                .to(
                        topics.commands(),
                        Produced.with(Serdes.String(), serde(registry, autoRegister, ChatCommand.class))
                                .withName("commands"));
        return builder.build();
    }

    /** One input topic: read with its record type's serde, validated into {@link ConversationEvent}s. */
    private static <V extends SpecificRecord> KStream<byte[], ConversationEvent> source(
            StreamsBuilder builder,
            InboundSource<V> source,
            String topic,
            Validation validation,
            SchemaRegistryClient registry,
            boolean autoRegister,
            DecisionMetrics metrics) {
        return builder.stream(
                        topic,
                        Consumed.with(Serdes.ByteArray(), serde(registry, autoRegister, source.type()))
                                .withName("inbound-" + source.name()))
                .processValues(
                        () -> new Validate<>(
                                (v, now) -> source.rule().apply(validation, v, now), metrics, source.provider()),
                        Named.as("validate-" + source.name()));
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> serde(
            SchemaRegistryClient registry, boolean autoRegister, Class<T> type) {
        return new SpecificAvroSerde<>(registry, type, autoRegister);
    }

    /**
     * Validates one input record into a {@link ConversationEvent} (wall clock from the context), or counts it as an
     * {@code invalid} skip of its provider ({@code UNKNOWN} when the record names none) and throws for the processing
     * exception handler (DLQ).
     */
    private static final class Validate<V> implements FixedKeyProcessor<byte[], V, ConversationEvent> {
        private final BiFunction<V, Long, ConversationEvent> rule;
        private final DecisionMetrics metrics;
        private final Function<V, Provider> provider;
        private FixedKeyProcessorContext<byte[], ConversationEvent> context;

        Validate(BiFunction<V, Long, ConversationEvent> rule, DecisionMetrics metrics, Function<V, Provider> provider) {
            this.rule = rule;
            this.metrics = metrics;
            this.provider = provider;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], ConversationEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], V> record) {
            ConversationEvent event;
            try {
                event = rule.apply(record.value(), context.currentSystemTimeMs());
            } catch (InvalidRecordException e) {
                Provider of = record.value() == null ? null : provider.apply(record.value());
                metrics.skip("invalid", of == null ? Provider.UNKNOWN : of);
                throw e;
            }
            context.forward(record.withValue(event));
        }
    }
}

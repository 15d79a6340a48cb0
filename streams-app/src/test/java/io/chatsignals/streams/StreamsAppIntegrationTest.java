package io.chatsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Metrics;
import io.chatsignals.ops.OpsServer;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.streams.store.BoundedRocksDbMemory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * streams-app end to end on the embedded broker and registry with exactly_once_v2: decisions flow from the inbound
 * topics to chat.commands.v1, and a restart mid-stream on an empty state directory (state restored from the
 * changelogs) yields no duplicate and no lost command; bad input reaches the DLQ.
 */
@KafkaStack
class StreamsAppIntegrationTest {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Setting → topic of this run: every inbound provider of the registry (Huawei's opt-in aside) and the rest. */
    private final Map<String, String> topics = topicsOf(run);

    private static Map<String, String> topicsOf(String run) {
        Map<String, String> out = new HashMap<>();
        ProviderSpecs.withInbound().stream()
                .filter(spec -> !spec.inbound().orElseThrow().optIn())
                .forEach(spec -> out.put(InboundSpec.topicSetting(spec.key()), "it-" + run + "-inbound-" + spec.key()));
        out.put("topic.activity", "it-" + run + "-activity");
        out.put("topic.commands", "it-" + run + "-commands");
        out.put("topic.inbound-dlq", "it-" + run + "-dlq");
        out.put("topic.policies", "it-" + run + "-policies");
        return Map.copyOf(out);
    }

    private KafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;
    private StreamsApp app;

    @BeforeEach
    void topics(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(topics.values().stream()
                            .map(t -> new NewTopic(t, 3, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void decisionsFlowAndARestartOnEmptyStateLosesAndRepeatsNothing(@TempDir Path stateA, @TempDir Path stateB) {
        app = start(stateA);
        // first half: 20 8x8 conversations with a burst of 3 each, and 10 NXCloud conversations
        List<String> expected = new ArrayList<>();
        Map<Integer, Instant> lastSentAt = new HashMap<>();
        for (int c = 0; c < 20; c++) {
            for (int m = 1; m <= 3; m++) {
                Instant at = Instant.now().minusSeconds(10 - m);
                send8x8("c" + c + "-m" + m, "+1555000" + String.format("%04d", c), at);
                lastSentAt.put(c, at);
            }
            expected.add(umid("c" + c + "-m3"));
        }
        for (int c = 0; c < 10; c++) {
            sendNx(
                    "wamid.n" + c,
                    "1555100" + String.format("%04d", c),
                    Instant.now().minusSeconds(5));
            expected.add("wamid.n" + c);
        }
        assertThat(awaitCommands(r -> true, expected.size()))
                .extracting(ChatCommand::getMessageId)
                .containsExactlyInAnyOrderElementsOf(expected);

        // second half goes in, and the app is stopped while its reads are still waiting out read.delay
        for (int c = 20; c < 40; c++) {
            send8x8(
                    "c" + c + "-m1",
                    "+1555000" + String.format("%04d", c),
                    Instant.now().minusSeconds(1));
            expected.add(umid("c" + c + "-m1"));
        }
        awaitInputCommitted(); // the inbound records are consumed and their state committed, the reads not yet due
        app.close();

        // restart on an EMPTY state directory: everything comes back from the changelogs
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        app = start(stateB, meters);
        for (int c = 0; c < 20; c++) {
            // redelivered webhooks: 8x8 sends the same payload again, the message's timestamp with it
            send8x8("c" + c + "-m3", "+1555000" + String.format("%04d", c), lastSentAt.get(c));
        }
        List<ChatCommand> all = awaitCommands(r -> true, expected.size());
        // each redelivery was seen and dropped as a duplicate (the dedupe store came back too), so none can add a
        // command
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.find("chatsignals.skips").tag("reason", "duplicate").counters().stream()
                                .mapToDouble(c -> c.count())
                                .sum()
                        >= 20);
        assertThat(all).extracting(ChatCommand::getMessageId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(all).extracting(ChatCommand::getCommandId).doesNotHaveDuplicates();
        assertThat(all).allMatch(c -> c.getAction() == CommandAction.MARK_READ);
        assertThat(readCommands()).as("nothing more arrived").hasSize(expected.size());
    }

    /**
     * NXCloud's timestamps have whole seconds: two messages of one conversation often share one. The later one is the
     * newer: inside the quiet period it is the read target, after the first one's read it is read on its own.
     */
    @Test
    void messagesOfTheSameSecondAreReadTheLaterOneAsTheNewer(@TempDir Path state) {
        app = start(state);
        Instant second = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        sendNx("wamid.tie-a1", "15552000001", second); // tie inside the quiet period
        sendNx("wamid.tie-a2", "15552000001", second);
        sendNx("wamid.tie-b1", "15552000002", second); // tie after the read
        assertThat(awaitCommands(c -> c.getMessageId().startsWith("wamid.tie-"), 2))
                .extracting(ChatCommand::getMessageId)
                .containsExactlyInAnyOrder("wamid.tie-a2", "wamid.tie-b1");
        sendNx("wamid.tie-b2", "15552000002", second);
        assertThat(awaitCommands(c -> c.getMessageId().startsWith("wamid.tie-"), 3))
                .extracting(ChatCommand::getMessageId)
                .containsExactlyInAnyOrder("wamid.tie-a2", "wamid.tie-b1", "wamid.tie-b2");
    }

    @Test
    void undecodableAndInvalidRecordsGoToTheDlqWithTheirOrigin(@TempDir Path state) throws Exception {
        PrometheusMeterRegistry meters = Metrics.prometheus("streams-app");
        StreamsApp running = start(state, meters);
        app = running;
        OpsServer ops = OpsServer.start("127.0.0.1", 0, meters, () -> running.state() == KafkaStreams.State.RUNNING);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(
                    new ProducerRecord<>(topics.get("topic.inbound-8x8"), "not avro".getBytes(StandardCharsets.UTF_8)));
        }
        send8x8WithAccount("bad", "no spaces allowed", "+15550000000", Instant.now());
        send8x8("good", "+15550009999", Instant.now());

        assertThat(awaitCommands(r -> true, 1))
                .extracting(ChatCommand::getMessageId)
                .containsExactly(umid("good"));
        List<ConsumerRecord<byte[], byte[]>> dead =
                consume(topics.get("topic.inbound-dlq"), new ByteArrayDeserializer(), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        List<String> reasons =
                dead.stream().map(r -> header(r, "__streams.errors.message")).toList();
        assertThat(reasons).anySatisfy(m -> assertThat(m).contains("magic byte"));
        assertThat(reasons)
                .anySatisfy(m -> assertThat(m).contains("subAccountId").contains("no spaces allowed"));
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "__streams.errors.offset"))
                .isNotEmpty());
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "__streams.errors.topic"))
                .isEqualTo(topics.get("topic.inbound-8x8")));
        assertThat(new String(
                        dead.stream()
                                .filter(r ->
                                        header(r, "__streams.errors.message").contains("magic"))
                                .findFirst()
                                .orElseThrow()
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo("not avro");

        // operations: ready while RUNNING, decisions and Kafka Streams' own metrics on /metrics
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + ops.port();
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains(
                        "chatsignals_decisions_total{action=\"MARK_READ\",application=\"streams-app\",policy_source=\"GLOBAL\",provider=\"EIGHT_BY_EIGHT\",trigger=\"ON_RECEIPT\"} 1.0");
        assertThat(metrics).contains("kafka_stream_thread_process_total").contains("jvm_memory_used_bytes");
        // every DLQ record counted by its reason, the undecodable one included (the DLQ alert and panel read these)
        assertThat(metrics)
                .contains("chatsignals_dlq_total{application=\"streams-app\",reason=\"undecodable\"} 1.0")
                .contains("chatsignals_dlq_total{application=\"streams-app\",reason=\"invalid\"} 1.0");
        // the stores opened with the one shared, bounded RocksDB cache (state.rocksdb.memory-mb, default 256)
        assertThat(BoundedRocksDbMemory.sizedFor()).isEqualTo(256L << 20);
        app.close();
        app = null;
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(503);
        ops.close();
        meters.close();
    }

    private StreamsApp start(Path stateDir) {
        return start(stateDir, new SimpleMeterRegistry());
    }

    private StreamsApp start(Path stateDir, MeterRegistry meters) {
        Map<String, String> config = new HashMap<>(topics);
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("application.id", "it-" + run);
        config.put("state.dir", stateDir.toString());
        config.put("read.delay", "1500ms");
        config.put("punctuate.interval", "100ms");
        config.put("kafka.commit.interval.ms", "100");
        config.put("kafka.num.stream.threads", "1");
        StreamsApp started = StreamsApp.start(StreamsSettings.from(AppConfig.of(config)), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> started.state() == KafkaStreams.State.RUNNING);
        return started;
    }

    private void send8x8(String label, String msisdn, Instant at) {
        send8x8WithAccount(label, "acme_support", msisdn, at);
    }

    /** @return the 8x8 umid (a UUID) that stands for a readable label */
    private static String umid(String label) {
        return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Sends an 8x8 inbound message whose umid is {@link #umid(String) umid(label)}. */
    private void send8x8WithAccount(String label, String account, String msisdn, Instant at) {
        produce(
                topics.get("topic.inbound-8x8"),
                EightByEightInbound.newBuilder()
                        .setUmid(umid(label))
                        .setSubAccountId(account)
                        .setTimestamp(Instant.ofEpochMilli(at.toEpochMilli()))
                        .setChannel("whatsapp")
                        .setMsisdn(msisdn)
                        .build());
    }

    /** Sends an NXCloud inbound message keyed by its customer, so that one customer's messages keep their order. */
    private void sendNx(String id, String waId, Instant at) {
        produce(
                topics.get("topic.inbound-nxcloud"),
                waId,
                NxCloudInbound.newBuilder()
                        .setMessageId(id)
                        .setBusinessPhone("8613800000000")
                        .setWaId(waId)
                        .setTimestamp(Instant.ofEpochMilli(at.toEpochMilli()))
                        .build());
    }

    private void produce(String topic, SpecificRecord value) {
        produce(topic, null, value);
    }

    private void produce(String topic, String key, SpecificRecord value) {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** Waits until the application's committed offsets reach the end of its input and repartition topics. */
    private void awaitInputCommitted() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("it-" + run)
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> request =
                        committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get();
                return committed.keySet().stream().anyMatch(tp -> tp.topic().endsWith("by-conversation-repartition"))
                        && committed.entrySet().stream()
                                .allMatch(e -> e.getValue().offset()
                                        >= ends.get(e.getKey()).offset());
            });
        }
    }

    private List<ChatCommand> awaitCommands(Predicate<ChatCommand> filter, int count) {
        AtomicReference<List<ChatCommand>> last = new AtomicReference<>(List.of());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    last.set(readCommands().stream().filter(filter).toList());
                    return last.get().size() >= count;
                });
        return last.get();
    }

    private List<ChatCommand> readCommands() {
        KafkaAvroDeserializer<ChatCommand> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        return consume(topics.get("topic.commands"), deserializer, Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** Reads every partition from the beginning (read_committed, no group) until {@code max} records or {@code quiet} without new ones. */
    private <V> List<ConsumerRecord<byte[], V>> consume(String topic, Deserializer<V> values, int max, Duration quiet) {
        List<ConsumerRecord<byte[], V>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = System.nanoTime();
            long hardStop = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < max
                    && System.nanoTime() - idleSince < quiet.toNanos()
                    && System.nanoTime() < hardStop) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    records.forEach(out::add);
                    idleSince = System.nanoTime();
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}

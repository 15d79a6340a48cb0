package io.chatsignals.bench;

import io.chatsignals.contract.Policies;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Tracing;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.serde.SpecificAvroSerde;
import io.chatsignals.streams.StreamsApp;
import io.chatsignals.streams.StreamsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * streams-app throughput: once the app (exactly_once_v2, 2 stream threads, 6 partitions) runs, E inbound 8x8 events
 * over C conversations are produced as fast as the producer goes while the app consumes them; sustained events/s =
 * E / (time until its committed offsets reach the end of the input and of its repartition topic). The producer, the
 * broker and the app share this JVM and its 2 cores. Decision latency = a command's decidedAt − its message's receipt
 * time − read.delay (how late the decision came beyond the quiet period it must wait).
 */
final class TopologyBench {
    /** One row of the table. */
    record Result(
            int conversations,
            int idle,
            long events,
            double eventsPerSecond,
            long commands,
            long latencyP50Ms,
            long latencyP99Ms,
            long heapMiB,
            long rssMiB,
            Map<String, Double> cpuSeconds,
            long stateMiB,
            Purge purge) {}

    /**
     * What the idle purge left, once every conversation of the run was purged (only with {@code --purge-after}).
     *
     * @param purged   conversations purged ({@code chatsignals.conversations.purged})
     * @param stateMiB the state directory's size after the purge
     * @param seconds  from the moment the run's input was consumed to the last purge
     */
    record Purge(long purged, long stateMiB, double seconds) {}

    private static final Duration READ_DELAY = Duration.ofSeconds(2);
    /** The input topics of a run are named {@code run + suffix}: the topology's and the anchor's alike. */
    static final String IN_8X8 = "-in8x8";

    private static final String IN_NXCLOUD = "-innx";
    private static final String IN_CLOUD = "-incloud";
    private static final String IN_ACTIVITY = "-act";

    private TopologyBench() {}

    /**
     * @param idle          conversations put in the state (one message each, decided) before the measured traffic and
     *                      idle during it: the cost of the state's size alone, the traffic's shape unchanged
     * @param ratePerSecond 0: produce as fast as possible (throughput, latency includes the backlog); otherwise paced at
     *                      this many events/s (latency at a sustainable load)
     */
    static Result run(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            int conversations,
            int idle,
            long events,
            double ratePerSecond,
            Map<String, String> settings,
            Duration purgeAfter,
            int policies)
            throws Exception {
        String run = "tb-" + UUID.randomUUID().toString().substring(0, 6);
        String in = run + IN_8X8;
        String commands = run + "-commands";
        Map<String, String> config = appConfig(kafka, registry, run, settings);
        if (!purgeAfter.isZero()) { // every window the state retention is the longest of
            for (String window : List.of(
                    "read.max-age",
                    "read.max-age.huawei-case",
                    "typing.window.8x8",
                    "typing.window.nxcloud",
                    "dedupe.retention")) {
                config.put(window, purgeAfter.toMillis() + "ms");
            }
        }
        Path stateDir = Path.of(config.get("state.dir"));
        createTopics(
                kafka,
                "",
                config.entrySet().stream() // every topic the app reads or writes, each provider's inbound one too
                        .filter(e -> e.getKey().startsWith("topic."))
                        .map(Map.Entry::getValue)
                        .toArray(String[]::new));
        long started;
        long consumedAt;
        ThreadCpu cpu;
        Map<String, Double> cpuSeconds;
        long stateMiB;
        Purge purge = null;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long measuredFromMs;
        try (StreamsApp app = StreamsApp.start(StreamsSettings.from(AppConfig.of(config)), meters)) {
            awaitRunning(app::state);
            if (policies > 0) { // every task reads them all before the clock starts
                producePolicies(kafka, registry, config.get("topic.policies"), policies);
                awaitProcessed(kafka, run, config.get("topic.policies"));
            }
            if (idle > 0) { // conversations after the measured ones, umids after the measured ones
                produce(kafka, registry, in, conversations, idle, events, idle, 0);
                awaitProcessed(kafka, run, in);
                Thread.sleep(READ_DELAY.toMillis() + 3000); // their reads are decided before the clock starts
            }
            measuredFromMs = System.currentTimeMillis();
            cpu = new ThreadCpu(kafka);
            started = System.nanoTime();
            produce(kafka, registry, in, 0, conversations, 0, events, ratePerSecond);
            consumedAt = awaitProcessed(kafka, run, in);
            cpuSeconds = cpu.since(); // while the stream threads are alive
            Thread.sleep(READ_DELAY.toMillis() + 3000); // the last quiet periods end, their reads are decided
            stateMiB = sizeMiB(stateDir);
            if (!purgeAfter.isZero()) {
                purge = awaitPurged(meters, conversations + idle, stateDir, purgeAfter, consumedAt);
            }
        }
        double seconds = (consumedAt - started) / 1e9;
        long[] latencies = latencies(kafka, registry, commands, measuredFromMs);
        int n = (int) latencies[latencies.length - 1];
        return new Result(
                conversations,
                idle,
                events,
                events / seconds,
                n,
                Percentiles.of(latencies, n, 0.5),
                Percentiles.of(latencies, n, 0.99),
                Percentiles.heapMiB(),
                Percentiles.rssMiB(),
                cpuSeconds,
                stateMiB,
                purge);
    }

    /**
     * Polls the purge counter until every conversation of the run is purged (at most the retention + 2 min after
     * {@code consumedAtNanos}, the {@link System#nanoTime()} at which the input was consumed).
     */
    private static Purge awaitPurged(
            SimpleMeterRegistry meters, int conversations, Path stateDir, Duration retention, long consumedAtNanos)
            throws Exception {
        long deadline = consumedAtNanos + retention.plusMinutes(2).toNanos();
        long purged = 0;
        while (System.nanoTime() < deadline) {
            Counter counter = meters.find("chatsignals.conversations.purged").counter();
            purged = counter == null ? 0 : (long) counter.count();
            if (purged >= conversations) {
                break;
            }
            Thread.sleep(500);
        }
        return new Purge(purged, sizeMiB(stateDir), (System.nanoTime() - consumedAtNanos) / 1e9);
    }

    /** @return the size of the files under {@code dir} (the stores' RocksDB files, checkpoints), MiB */
    private static long sizeMiB(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    return 0; // a file RocksDB removed meanwhile
                                }
                            })
                            .sum()
                    >> 20;
        }
    }

    /**
     * The anchor: a bare exactly-once Kafka Streams pass-through with streams-app's own Kafka Streams properties (same
     * guarantee, threads, commit interval and timestamp extractor), the same three input topics of 6 partitions and the
     * same serdes, each record mapped to one output record; nothing else (no repartition, no state).
     *
     * @return sustained events/s: E / time until the committed offsets reach the end of the input
     */
    static double bare(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            int conversations,
            long events,
            Map<String, String> settings)
            throws Exception {
        String run = "tbare-" + UUID.randomUUID().toString().substring(0, 6);
        String in = run + IN_8X8;
        createTopics(
                kafka, run, IN_8X8, IN_NXCLOUD, IN_CLOUD, IN_ACTIVITY, "-out8x8", "-outnx", "-outcloud", "-outact");
        StreamsSettings app = StreamsSettings.from(AppConfig.of(appConfig(kafka, registry, run, settings)));
        SchemaRegistryClient client = CachedSchemaRegistryClient.fromConfig(SerdeConfig.from(app.registry()));
        StreamsBuilder builder = new StreamsBuilder();
        passThrough(builder, client, in, run + "-out8x8", EightByEightInbound.class);
        passThrough(builder, client, run + IN_NXCLOUD, run + "-outnx", NxCloudInbound.class);
        passThrough(builder, client, run + IN_CLOUD, run + "-outcloud", WhatsAppCloudInbound.class);
        passThrough(builder, client, run + IN_ACTIVITY, run + "-outact", ConversationActivity.class);
        Properties props = new Properties();
        props.putAll(app.kafka());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            awaitRunning(streams::state);
            long started = System.nanoTime();
            produce(kafka, registry, in, 0, conversations, 0, events, 0);
            long consumedAt = awaitCommitted(kafka, run, in, Duration.ofMinutes(20));
            return events / ((consumedAt - started) / 1e9);
        }
    }

    /** Polls until Kafka Streams runs: the clock of a run starts then. */
    static void awaitRunning(Supplier<KafkaStreams.State> state) throws InterruptedException {
        while (state.get() != KafkaStreams.State.RUNNING) {
            Thread.sleep(50);
        }
    }

    private static <T extends SpecificRecord> void passThrough(
            StreamsBuilder builder, SchemaRegistryClient client, String from, String to, Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(client, type, true);
        builder.stream(from, Consumed.with(Serdes.ByteArray(), serde))
                .mapValues(v -> v)
                .to(to, Produced.with(Serdes.ByteArray(), serde));
    }

    /** streams-app's configuration for one run: its topics named after the run, 2 stream threads, then {@code extra} */
    static Map<String, String> appConfig(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, String run, Map<String, String> extra)
            throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "schema.registry.url",
                registry.url(),
                "application.id",
                run,
                "state.dir",
                Files.createTempDirectory(run).toString(),
                "read.delay",
                READ_DELAY.toSeconds() + "s",
                "topic.inbound-8x8",
                run + IN_8X8,
                "topic.inbound-nxcloud",
                run + IN_NXCLOUD,
                "topic.inbound-whatsapp-cloud",
                run + IN_CLOUD,
                "topic.activity",
                run + IN_ACTIVITY,
                "topic.commands",
                run + "-commands"));
        config.put("topic.inbound-dlq", run + "-dlq");
        config.put("topic.policies", run + "-policies");
        for (ProviderSpec spec : ProviderSpecs.withInbound()) { // a provider the bench sends nothing to: its own topic
            if (!spec.inbound().orElseThrow().optIn()) {
                config.putIfAbsent(InboundSpec.topicSetting(spec.key()), run + "-in-" + spec.key());
            }
        }
        config.put("kafka.num.stream.threads", "2");
        config.putAll(extra);
        return config;
    }

    /**
     * Creates the run's topics, each named {@code run + suffix} (run "": the names as given), with 6 partitions and the
     * broker's default replication (1 on the single broker, 3 on the three-node cluster).
     */
    static void createTopics(KafkaBroker kafka, String run, String... suffixes) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(Arrays.stream(suffixes)
                            .map(suffix -> new NewTopic(run + suffix, Optional.of(6), Optional.empty()))
                            .toList())
                    .all()
                    .get();
        }
    }

    /** @return the benchmark's producer of contract records: batched (20 ms, 256 KiB, lz4), registering schemas */
    private static KafkaProducer<String, SpecificRecord> producer(KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262144,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                serializer);
    }

    /**
     * Produces {@code n} business policies: one per account of the traffic ({@code acct_0} … {@code acct_49}), each
     * the same as the global settings (on-receipt after {@link #READ_DELAY}) so the decisions do not change, and the
     * rest for accounts that send nothing.
     */
    private static void producePolicies(KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic, int n)
            throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = producer(kafka, registry)) {
            for (int i = 0; i < n; i++) {
                String account = i < 50 ? "acct_" + i : "quiet_" + i;
                producer.send(new ProducerRecord<>(
                        topic,
                        Policies.key(Provider.EIGHT_BY_EIGHT, account),
                        BusinessPolicy.newBuilder()
                                .setProvider(Provider.EIGHT_BY_EIGHT)
                                .setAccount(account)
                                .setReadPolicy(ReadPolicy.ON_RECEIPT)
                                .setReadDelayMs(READ_DELAY.toMillis())
                                .setUpdatedAt(Instant.now())
                                .build()));
            }
        }
    }

    /**
     * Produces {@code events} 8x8 messages round-robin over conversations {@code first} … {@code first + conversations
     * - 1}, with umids {@code firstUmid} onwards.
     */
    static void produce(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            String topic,
            int first,
            int conversations,
            long firstUmid,
            long events,
            double ratePerSecond)
            throws InterruptedException {
        Tracing tracing = TracingOn.tracing();
        try (KafkaProducer<String, SpecificRecord> producer = producer(kafka, registry)) {
            long start = System.nanoTime();
            for (long i = 0; i < events; i++) {
                if (ratePerSecond > 0 && i % 100 == 0) {
                    long due = start + (long) (i * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                int c = first + (int) (i % conversations);
                EightByEightInbound m = EightByEightInbound.newBuilder()
                        .setUmid(umid(firstUmid + i))
                        .setSubAccountId("acct_" + (c % 50))
                        .setTimestamp(Instant.ofEpochMilli(System.currentTimeMillis()))
                        .setChannel("whatsapp")
                        .setMsisdn(String.format("+1555%07d", c))
                        .build();
                producer.send(TracingOn.created(tracing, new ProducerRecord<>(topic, m.getMsisdn(), m)));
            }
        }
    }

    /**
     * Waits until streams-app (group {@code run}) has consumed its input and then its repartition topic: every event
     * produced so far is processed (a read due after its quiet period may still be pending).
     *
     * @return nanoTime at which the repartition topic's committed offsets reached its end
     */
    private static long awaitProcessed(KafkaBroker kafka, String run, String in) throws Exception {
        awaitCommitted(kafka, run, in, Duration.ofMinutes(20));
        return awaitCommitted(kafka, run, run + "-by-conversation-repartition", Duration.ofMinutes(20));
    }

    /** @return nanoTime at which the group's committed offsets on the input reached its end */
    static long awaitCommitted(KafkaBroker kafka, String group, String topic, Duration atMost) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, 6)
                    .boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
            long deadline = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                boolean done = ends.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return System.nanoTime();
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("streams-app did not consume its input within " + atMost);
        }
    }

    /**
     * @return latencies beyond read.delay (ms) of the commands for messages received from {@code fromMs} on (epoch ms);
     *     the last slot holds the count
     */
    private static long[] latencies(KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic, long fromMs) {
        KafkaAvroDeserializer<ChatCommand> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        long[] out = new long[1 << 16];
        int n = 0;
        try (KafkaConsumer<byte[], ChatCommand> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5000),
                new ByteArrayDeserializer(),
                values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idle = System.nanoTime();
            while (System.nanoTime() - idle < 3_000_000_000L) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    idle = System.nanoTime();
                }
                for (var r : records) {
                    if (n == out.length - 1) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    ChatCommand c = r.value();
                    if (c.getInboundAt().toEpochMilli() < fromMs) {
                        continue; // decided for the idle conversations before the measurement
                    }
                    out[n++] =
                            c.getDecidedAt().toEpochMilli() - c.getInboundAt().toEpochMilli() - READ_DELAY.toMillis();
                }
            }
        }
        out[out.length - 1] = n;
        return out;
    }

    static Function<Result, String> row() {
        return r -> String.format(
                "| %,d | %,d | %,d | %,.0f | %,d | %,d | %,d | %d | %d | %,d | %s | %s |",
                r.conversations(),
                r.idle(),
                r.events(),
                r.eventsPerSecond(),
                r.commands(),
                r.latencyP50Ms(),
                r.latencyP99Ms(),
                r.heapMiB(),
                r.rssMiB(),
                r.stateMiB(),
                r.purge() == null
                        ? "—"
                        : String.format(
                                "%,d purged in %.0f s, %,d MiB left",
                                r.purge().purged(),
                                r.purge().seconds(),
                                r.purge().stateMiB()),
                top(r.cpuSeconds()));
    }

    static String top(Map<String, Double> cpu) {
        return cpu.entrySet().stream()
                .limit(3)
                .map(e -> e.getKey() + " " + e.getValue() + " s")
                .collect(Collectors.joining("; "));
    }

    /** @return the i-th umid of the run: a UUID, as 8x8 issues them (the topology refuses anything else) */
    private static String umid(long i) {
        return new UUID(0x6d5f_0000_0000_4000L, 0x8000_0000_0000_0000L | i).toString();
    }
}

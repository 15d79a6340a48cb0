package io.chatsignals.bench;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.WorkerApp;
import io.chatsignals.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One fault scenario's stack: fresh topics on the shared broker, a provider simulator, a command producer, a reader of
 * the status topic, and the worker replicas it starts (in this JVM; a crash is {@link WorkerApp#kill()}: no commit,
 * no group leave, unsent statuses lost). Counts what a user would check after a fault: commands lost, commands with
 * more than one status, provider calls made again for one message, commands that ended FAILED.
 */
final class FaultRun implements AutoCloseable {
    static final String API_KEY = "fault-bench-key";

    final ProviderSimulator simulator;
    final String topic;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final KafkaProducer<String, ChatCommand> producer;
    private final KafkaConsumer<byte[], CommandStatus> statusReader;
    private final List<WorkerApp> workers = new ArrayList<>();
    private final List<ChatCommand> sent = new ArrayList<>();
    private final Map<String, Integer> statusesPerCommand = new HashMap<>();
    private final Map<String, String> outcomes = new HashMap<>();

    FaultRun(
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            String name,
            int partitions,
            Consumer<SimulatorConfig> setup)
            throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        this.topic = "fault-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        SimulatorConfig config = new SimulatorConfig();
        config.lenient = true;
        config.eightByEight.apiKeys = Map.of(API_KEY, List.of("*"));
        config.behaviour = Behaviour.none().withLatency(Latency.logNormal(80, 400));
        setup.accept(config);
        simulator = ProviderSimulator.start(config);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(topic, partitions, (short) 1),
                            new NewTopic(topic + "-status", 3, (short) 1),
                            new NewTopic(topic + "-dlq", 1, (short) 1)))
                    .all()
                    .get();
        }
        KafkaAvroSerializer<ChatCommand> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                serializer);
        KafkaAvroDeserializer<CommandStatus> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        statusReader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                deserializer);
        List<TopicPartition> statusPartitions = List.of(0, 1, 2).stream()
                .map(p -> new TopicPartition(topic + "-status", p))
                .toList();
        statusReader.assign(statusPartitions);
        statusReader.seekToBeginning(statusPartitions);
    }

    /** Starts a replica: the worker's defaults but for the scenario's {@code overrides} and short failure detection. */
    WorkerApp worker(Map<String, String> overrides, MeterRegistry meters) {
        Map<String, String> s = Implementations.workerSettings(kafka, registry, topic, topic, simulator.url(), API_KEY);
        s.put("enrich.enabled", "false");
        s.put("commit.interval", "200ms");
        s.put("shutdown.grace", "2s");
        s.put("kafka.consumer.session.timeout.ms", "6000");
        s.put("kafka.consumer.heartbeat.interval.ms", "1000");
        // an in-process crash (WorkerApp.kill) stops polling but not the client's heartbeat thread: the group drops
        // the member after max.poll.interval.ms, which stands in for the session timeout of a real SIGKILL
        s.put("kafka.consumer.max.poll.interval.ms", "8000");
        s.putAll(overrides);
        WorkerApp app = WorkerApp.start(WorkerSettings.from(AppConfig.of(s)), meters, Clock.systemUTC());
        workers.add(app);
        return app;
    }

    WorkerApp worker(Map<String, String> overrides) {
        return worker(overrides, new SimpleMeterRegistry());
    }

    /** Sends one command (a UUID umid, key {@code provider:account}) and remembers it. */
    ChatCommand send(Provider provider, CommandAction action, String account, String customer, Instant notAfter) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        ChatCommand c = ChatCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setAction(action)
                .setProvider(provider)
                .setAccount(account)
                .setChannel("whatsapp")
                .setCustomer(customer)
                .setMessageId(UUID.randomUUID().toString())
                .setInboundAt(now.minusSeconds(1))
                .setDecidedAt(now)
                .setNotAfter(notAfter)
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
        producer.send(new ProducerRecord<>(topic, Keys.command(provider, account), c));
        sent.add(c);
        return c;
    }

    /** Sends an 8x8 mark-read valid for 30 days. */
    ChatCommand read(String account, String customer) {
        return send(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.MARK_READ,
                account,
                customer,
                Instant.now().plus(Duration.ofDays(30)));
    }

    void flush() {
        producer.flush();
    }

    /** @return the statuses read so far, by command id (how many each) */
    Map<String, Integer> statuses() {
        for (ConsumerRecord<byte[], CommandStatus> r : statusReader.poll(Duration.ofMillis(100))) {
            statusesPerCommand.merge(r.value().getCommandId(), 1, Integer::sum);
            outcomes.put(r.value().getCommandId(), r.value().getOutcome().name());
        }
        return statusesPerCommand;
    }

    /** @return how many of the given commands have at least one status */
    long done(List<ChatCommand> of) {
        Map<String, Integer> s = statuses();
        return of.stream().filter(c -> s.containsKey(c.getCommandId())).count();
    }

    List<ChatCommand> sent() {
        return sent;
    }

    /** Waits, pacing a scenario (the load's rhythm, a commit interval to pass). */
    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** Polls the condition every 100 ms. @return whether it held within the limit */
    static boolean await(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    /** The figures of the run: lost, with more than one status, provider calls repeated for a message. */
    Counts counts(List<ChatCommand> of) {
        Map<String, Integer> s = statuses();
        Map<String, Integer> calls = acceptedCallsPerMessage(simulator);
        long lost = of.stream().filter(c -> !s.containsKey(c.getCommandId())).count();
        long duplicates =
                of.stream().filter(c -> s.getOrDefault(c.getCommandId(), 0) > 1).count();
        long repeatedCalls = of.stream()
                .filter(c -> calls.getOrDefault(c.getMessageId(), 0) > 1)
                .count();
        long failed = of.stream()
                .filter(c -> "FAILED".equals(outcomes.get(c.getCommandId())))
                .count();
        return new Counts(of.size(), lost, duplicates, repeatedCalls, failed);
    }

    /**
     * @return message id → read and typing calls the simulator accepted for it (message-details look-ups, which the
     *         worker may repeat by design, left out)
     */
    static Map<String, Integer> acceptedCallsPerMessage(ProviderSimulator simulator) {
        Map<String, Integer> calls = new HashMap<>();
        simulator.calls().latest(CallLog.RECORD_CAPACITY).stream()
                .filter(c -> c.accepted()
                        && !c.messageId().isEmpty()
                        && (c.endpoint().endsWith(".read") || c.endpoint().endsWith(".typing")))
                .forEach(c -> calls.merge(c.messageId(), 1, Integer::sum));
        return calls;
    }

    /** Figures of one scenario (failed: commands whose last status is FAILED). */
    record Counts(long commands, long lost, long duplicateStatuses, long repeatedCalls, long failed) {}

    @Override
    public void close() {
        WorkerApp.closeAll(workers);
        statusReader.close();
        producer.close();
        simulator.close();
    }
}

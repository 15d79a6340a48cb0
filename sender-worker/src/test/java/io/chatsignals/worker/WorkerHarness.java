package io.chatsignals.worker;

import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Policies;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.EightByEight;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A provider simulator, fresh topics on the embedded broker, and workers started against them. */
final class WorkerHarness implements AutoCloseable {
    static final String EIGHT_KEY = "key-acme-1f2e";
    static final String NX_KEY = "nx-access-77";
    static final String NX_SECRET = "nx-secret-99";

    final ProviderSimulator simulator;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String commandsTopic = "w-" + run + "-commands";
    final String statusTopic = "w-" + run + "-status";
    final String dlqTopic = "w-" + run + "-dlq";
    private final KafkaBroker kafka;
    private final EmbeddedSchemaRegistry registry;
    static final String HUAWEI_DOMAIN = "acme-intl";
    static final String HUAWEI_USER = "ops-bot";
    static final String HUAWEI_PASSWORD = "hw-Passw0rd-never-logged";
    private final List<WorkerApp> workers = new ArrayList<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaAvroSerializer<ChatCommand> serializer = new KafkaAvroSerializer<>();
    private final List<CommandStatus> statuses = new ArrayList<>();
    private KafkaConsumer<byte[], CommandStatus> statusConsumer;

    WorkerHarness(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            int partitions,
            Consumer<SimulatorConfig> simulatorSetup)
            throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        SimulatorConfig config = new SimulatorConfig();
        config.eightByEight.apiKeys = Map.of(EIGHT_KEY, List.of("*"));
        config.nxcloud.credentials = Map.of(NX_KEY, SimulatorConfig.Credential.of(NX_SECRET));
        config.huawei.users = Map.of(HUAWEI_DOMAIN, Map.of(HUAWEI_USER, HUAWEI_PASSWORD));
        config.huawei.cases = Map.of(HUAWEI_DOMAIN, List.of("TT1", "TT2", "TT3"));
        simulatorSetup.accept(config);
        simulator = ProviderSimulator.start(config);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(commandsTopic, partitions, (short) 1),
                            new NewTopic(statusTopic, 3, (short) 1),
                            new NewTopic(dlqTopic, 1, (short) 1)))
                    .all()
                    .get();
        }
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
    }

    /** The worker settings the tests start from; {@code overrides} replace or add keys. */
    Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("group.id", "w-" + run);
        s.put("topic.commands", commandsTopic);
        s.put("topic.status", statusTopic);
        s.put("topic.commands-dlq", dlqTopic);
        s.put("eightbyeight.base-url", simulator.url());
        s.put("nxcloud.base-url", simulator.url());
        s.put("eightbyeight.api-key", EIGHT_KEY);
        s.put("nxcloud.access-key", NX_KEY);
        s.put("nxcloud.secret", NX_SECRET);
        s.put("huawei-case.base-url", simulator.url());
        s.put("huawei-case.iam.url", simulator.url());
        s.put("huawei-case.iam.user", HUAWEI_USER);
        s.put("huawei-case.iam.password", HUAWEI_PASSWORD);
        s.put("retry.base", "50ms");
        s.put("retry.max", "400ms");
        s.put("enrich.max-wait", "3s");
        s.put("commit.interval", "200ms");
        s.put("shutdown.grace", "5s");
        s.put("kafka.consumer.max.poll.interval.ms", "8000");
        s.put("kafka.consumer.session.timeout.ms", "6000");
        s.put("kafka.consumer.heartbeat.interval.ms", "1000");
        s.putAll(overrides);
        return s;
    }

    WorkerApp startWorker(Map<String, String> overrides, SimpleMeterRegistry meters, Clock clock) {
        return startWorkerOn(settings(overrides), meters, clock);
    }

    /** Starts a worker on exactly these settings (e.g. {@link #settings} with keys renamed). */
    WorkerApp startWorkerOn(Map<String, String> settings, SimpleMeterRegistry meters, Clock clock) {
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(AppConfig.of(settings)), meters, clock);
        workers.add(worker);
        return worker;
    }

    WorkerApp startWorker(Map<String, String> overrides, SimpleMeterRegistry meters) {
        return startWorker(overrides, meters, Clock.systemUTC());
    }

    /** Registers an 8x8 inbound message, umid {@link #umid(String) umid(label)}, with the simulator. */
    void known8x8(String label, String account, String channel, int steps) {
        simulator
                .messages()
                .register(new KnownMessages.Message(
                        "8x8", umid(label), account, "+15551234567", channel, Instant.now(), steps));
    }

    /** @return the 8x8 umid (a UUID, as 8x8 issues them) that stands for a readable label; a UUID stays as it is */
    static String umid(String label) {
        return EightByEight.validUmid(label)
                ? label
                : UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString();
    }

    void knownNx(String messageId, String phone) {
        simulator
                .messages()
                .register(new KnownMessages.Message(
                        "nxcloud", messageId, phone, "15551234567", "whatsapp", Instant.now(), 1));
    }

    /** A command; an 8x8 {@code messageId} label becomes {@link #umid(String) umid(label)}. */
    static ChatCommand command(
            Provider provider,
            CommandAction action,
            String account,
            String customer,
            String messageId,
            String channel,
            Instant notAfter) {
        return commandAsIs(
                provider,
                action,
                account,
                customer,
                provider == Provider.EIGHT_BY_EIGHT ? umid(messageId) : messageId,
                channel,
                notAfter);
    }

    /** A command with the {@code messageId} exactly as given (validation tests). */
    static ChatCommand commandAsIs(
            Provider provider,
            CommandAction action,
            String account,
            String customer,
            String messageId,
            String channel,
            Instant notAfter) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return ChatCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setAction(action)
                .setProvider(provider)
                .setAccount(account)
                .setChannel(channel)
                .setCustomer(customer)
                .setMessageId(messageId)
                .setInboundAt(now.minusSeconds(5))
                .setDecidedAt(now)
                .setNotAfter(notAfter)
                .setTrigger(Trigger.ON_RECEIPT)
                .setAppId(provider == Provider.NXCLOUD ? "app-1" : null)
                .setDecidedBy(new DecidedBy(PolicySource.ACCOUNT, "on-agent-view", Policies.key(provider, account), 7L))
                .build();
    }

    static ChatCommand read8x8(String account, String customer, String umid) {
        return command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.MARK_READ,
                account,
                customer,
                umid,
                "whatsapp",
                Instant.now().plusSeconds(600));
    }

    /** A Huawei case mark-read command as streams-app emits it (messageId derived, channel "case"). */
    static ChatCommand readCase(String caseId, String groupId) {
        ChatCommand c = commandAsIs(
                Provider.HUAWEI_CASE,
                CommandAction.MARK_READ,
                HUAWEI_DOMAIN,
                caseId,
                "hw1-" + UUID.randomUUID(),
                "case",
                Instant.now().plusSeconds(600));
        c.setGroupId(groupId);
        return c;
    }

    /** Publishes a command keyed as streams-app keys it; @return where it landed (partition and offset) */
    RecordMetadata send(ChatCommand command) {
        return sendTo(null, command);
    }

    /**
     * Publishes a command keyed as streams-app keys it, to one partition of the commands topic (null: the key's).
     *
     * @return where it landed (partition and offset)
     */
    RecordMetadata sendTo(Integer partition, ChatCommand command) {
        String key = Keys.command(command.getProvider(), command.getAccount());
        try {
            return producer.send(new ProducerRecord<>(
                            commandsTopic, partition, key.getBytes(), serializer.serialize(commandsTopic, command)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("command not published", e.getCause());
        }
    }

    void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(commandsTopic, key.getBytes(), value));
        producer.flush();
    }

    /** @return every status published so far (read_committed, from the beginning) */
    synchronized List<CommandStatus> statuses() {
        if (statusConsumer == null) {
            KafkaAvroDeserializer<CommandStatus> deserializer = new KafkaAvroDeserializer<>();
            deserializer.configure(
                    Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                    false);
            statusConsumer = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new ByteArrayDeserializer(),
                    deserializer);
            List<TopicPartition> partitions = statusConsumer.partitionsFor(statusTopic).stream()
                    .map(p -> new TopicPartition(statusTopic, p.partition()))
                    .toList();
            statusConsumer.assign(partitions);
            statusConsumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<byte[], CommandStatus> r : statusConsumer.poll(Duration.ofMillis(200))) {
            statuses.add(r.value());
        }
        return List.copyOf(statuses);
    }

    /** Waits (bounded) until at least {@code count} statuses are published, and returns them. */
    List<CommandStatus> awaitStatuses(int count, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> statuses().size() >= count);
        return statuses();
    }

    List<ConsumerRecord<byte[], byte[]>> deadLetters(int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(dlqTopic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
            });
        }
        return out;
    }

    @Override
    public void close() {
        WorkerApp.closeAll(workers);
        if (statusConsumer != null) {
            statusConsumer.close();
        }
        producer.close();
        simulator.close();
    }
}

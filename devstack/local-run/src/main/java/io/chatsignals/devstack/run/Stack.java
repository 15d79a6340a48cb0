package io.chatsignals.devstack.run;

import io.chatsignals.connect.ContractAvroConverter;
import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.connect.EmbeddedConnect;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.devstack.run.traffic.IngressPoster;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.ingress.IngressApp;
import io.chatsignals.ingress.IngressSettings;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Metrics;
import io.chatsignals.ops.OpsServer;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.streams.StreamsApp;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.streams.topology.InboundSource;
import io.chatsignals.streams.topology.InboundSources;
import io.chatsignals.worker.WorkerApp;
import io.chatsignals.worker.WorkerSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole system on one machine: embedded KRaft broker, embedded registry, provider simulator (every provider's API, as its
 * documentation states it), the topics, a Kafka Connect worker (standalone) running the source connector of every
 * provider whose messages are polled ({@code ProviderFixture.PolledSource}),
 * one streams-app (more with {@link #addStreams()}) and N sender-worker replicas, wired to each other as in production.
 * Runs on the embedded broker or on a cluster the caller started ({@link #start(Options, KafkaBroker, short)}). Closed
 * in reverse order.
 */
public final class Stack implements AutoCloseable {
    /**
     * What to start.
     *
     * @param polledConversations conversations opened per polled provider (its fixture's conversation 0 … n-1 of
     *                            its account) and polled by its connector; 0: no connector runs
     * @param tokenTtlSeconds     lifetime of the tokens a polled provider's simulated login issues, s; 0 or less:
     *                            the provider's documented lifetime
     * @param providerUrls        providers whose calls go to another base URL than the simulator's (a provider's
     *                            sandbox, a mock of one's own); the workers and the connectors use it
     */
    public record Options(
            int partitions,
            int workers,
            Map<String, String> streamsOverrides,
            Map<String, String> workerOverrides,
            Behaviour behaviour,
            EmbeddedSchemaRegistry.Mode registryMode,
            int polledConversations,
            long tokenTtlSeconds,
            Map<Provider, String> providerUrls) {
        /** @return the base URL of the provider's calls: its own given one, or the simulator's */
        String urlOf(Provider provider, String simulatorUrl) {
            return providerUrls.getOrDefault(provider, simulatorUrl);
        }
    }

    /** The activity API's bearer token of the local run's ingress ({@code activity.token.local}). */
    public static final String ACTIVITY_TOKEN = "local-activity-token";
    /** The policy admin API's bearer token of the local run's ingress ({@code admin.token.local}). */
    public static final String ADMIN_TOKEN = "local-admin-token";

    private final KafkaBroker kafka;
    private final EmbeddedSchemaRegistry registry;
    private final ProviderSimulator simulator;
    private final List<StreamsApp> streams = new ArrayList<>();
    private final Map<String, String> streamsSettings;
    private final List<WorkerApp> workers = new ArrayList<>();
    /** /metrics and /health of streams-app, then of each worker, on 127.0.0.1 and free ports. */
    private final List<OpsServer> opsServers = new ArrayList<>();

    private final List<PrometheusMeterRegistry> meterRegistries = new ArrayList<>();
    private final Map<String, String> workerSettings;
    private final Path workDir;
    /** Connector name → config, of every polled provider's connector (none without polled conversations). */
    private final Map<String, Map<String, String>> connectorConfigs;
    /** The conversations opened per polled provider. */
    private final Map<Provider, List<String>> polled;

    private EmbeddedConnect connect;
    private IngressApp ingress;

    private Stack(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            ProviderSimulator simulator,
            Map<String, String> streamsSettings,
            Map<String, String> workerSettings,
            Path workDir,
            Map<String, Map<String, String>> connectorConfigs,
            Map<Provider, List<String>> polled) {
        this.kafka = kafka;
        this.registry = registry;
        this.simulator = simulator;
        this.streamsSettings = streamsSettings;
        this.workerSettings = workerSettings;
        this.workDir = workDir;
        this.connectorConfigs = Map.copyOf(connectorConfigs);
        this.polled = Map.copyOf(polled);
    }

    /**
     * Starts everything and returns once streams-app is RUNNING and the workers' consumers run.
     *
     * @throws IllegalStateException if a component does not start
     */
    public static Stack start(Options o) throws Exception {
        return start(
                o, EmbeddedKafka.startTemporary(Map.of("num.partitions", Integer.toString(o.partitions()))), (short) 1);
    }

    /**
     * Starts everything but the broker on {@code kafka} (which the stack closes with the rest), its topics with
     * {@code replication} replicas; returns once streams-app is RUNNING and the workers' consumers run.
     *
     * @throws IllegalStateException if a component does not start
     */
    public static Stack start(Options o, KafkaBroker kafka, short replication) throws Exception {
        return start(o, kafka, replication, true);
    }

    /**
     * As {@link #start(Options, KafkaBroker, short)} with neither streams-app nor the Connect worker in this JVM: the
     * caller runs them (as separate processes, from {@link #streamsSettings(Path)}, {@link #connectWorkerSettings()}
     * and {@link #connectorConfigs()}, or with {@link #addStreams()}); the polled conversations are opened all the same.
     */
    public static Stack startWithoutStreamsAndConnect(Options o, KafkaBroker kafka, short replication)
            throws Exception {
        return start(o, kafka, replication, false);
    }

    private static Stack start(Options o, KafkaBroker kafka, short replication, boolean inThisJvm) throws Exception {
        Path workDir = Files.createTempDirectory("local-run"); // registry log and streams state; deleted on close
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(o.registryMode(), workDir.resolve("registry"));
        SimulatorConfig sim = new SimulatorConfig();
        Fixtures.ALL.forEach(f -> f.simulator(sim));
        Map<Provider, List<String>> polled = new LinkedHashMap<>();
        for (ProviderFixture f : Fixtures.polled()) {
            ProviderFixture.PolledSource source = f.polled().orElseThrow();
            List<String> conversations = IntStream.range(0, o.polledConversations())
                    .mapToObj(source::conversation)
                    .toList();
            source.open(sim, conversations, o.tokenTtlSeconds());
            polled.put(f.provider(), conversations);
        }
        sim.behaviour = o.behaviour();
        ProviderSimulator simulator = ProviderSimulator.start(sim);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(Topics.ALL.stream()
                            .map(t -> new NewTopic(t, o.partitions(), replication).configs(Topics.config(t)))
                            .toList())
                    .all()
                    .get();
        }
        Map<String, String> streamsConfig = new HashMap<>(Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "schema.registry.url",
                registry.url(),
                "kafka.commit.interval.ms",
                "100"));
        InboundSources.ALL.stream() // the connectors' topics are read only when named
                .filter(InboundSource::optIn)
                .forEach(s -> streamsConfig.put(s.topicKey(), s.topic()));
        streamsConfig.putAll(o.streamsOverrides());
        Map<String, String> workerConfig = new HashMap<>(Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "schema.registry.url",
                registry.url(),
                "commit.interval",
                "200ms"));
        Fixtures.ALL.forEach(
                f -> workerConfig.putAll(f.workerSettings(o.urlOf(f.provider(), simulator.url() + f.simulatorPath()))));
        workerConfig.putAll(o.workerOverrides());
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        for (ProviderFixture f : Fixtures.polled()) {
            if (o.polledConversations() > 0) {
                ProviderFixture.PolledSource source = f.polled().orElseThrow();
                connectors.put(
                        source.connectorName(),
                        source.connectorConfig(o.urlOf(f.provider(), simulator.url()), polled.get(f.provider())));
            }
        }
        Stack stack = new Stack(kafka, registry, simulator, streamsConfig, workerConfig, workDir, connectors, polled);
        StreamsApp streams = inThisJvm ? stack.addStreams() : null;
        if (inThisJvm && !connectors.isEmpty()) {
            stack.startConnect();
        }
        for (int i = 0; i < o.workers(); i++) {
            stack.addWorker();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams != null && streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                stack.close();
                throw new IllegalStateException("streams-app did not reach RUNNING: " + streams.state());
            }
            Thread.sleep(100);
        }
        return stack;
    }

    /**
     * Starts the Connect worker (offsets in this stack's work directory, so a restart resumes where the last one
     * stopped) and creates the polled providers' source connectors on it.
     */
    private void startConnect() {
        connect = EmbeddedConnect.start(
                kafka.bootstrapServers(), workDir.resolve("connect.offsets"), connectWorkerSettings());
        connectorConfigs.forEach(connect::putConnector);
    }

    /** @return the Connect worker settings of this stack beyond the broker: the contract's value converter on its registry */
    public Map<String, String> connectWorkerSettings() {
        return Map.of(
                "value.converter",
                ContractAvroConverter.class.getName(),
                "value.converter." + SerdeConfig.SCHEMA_REGISTRY_URL,
                registry.url());
    }

    /** @return the conversations this stack opened for a polled provider, in order (none unless asked for) */
    public List<String> polledConversations(Provider provider) {
        return polled.getOrDefault(provider, List.of());
    }

    /** @return the source connectors' configs polling this stack's conversations, by connector name */
    public Map<String, Map<String, String>> connectorConfigs() {
        return connectorConfigs;
    }

    /**
     * Starts an ingress on 127.0.0.1 (a free port) in this JVM, writing to this stack's topics, with the
     * providers' local webhook secrets; returns its webhook base URL. Closed with the stack.
     */
    public synchronized String startIngress() {
        if (ingress == null) {
            ingress = IngressApp.start(IngressSettings.from(AppConfig.of(ingressSettings(0))), ingressMeters());
        }
        return "http://127.0.0.1:" + ingress.port();
    }

    /**
     * @param port the listener's port (0: any free one)
     * @return the settings of an ingress of this stack (config keys as in docs/configuration.md): this stack's topics, the
     *         providers' local webhook secrets ({@link Fixtures}), listening on 127.0.0.1
     */
    public Map<String, String> ingressSettings(int port) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "schema.registry.url",
                registry.url(),
                "server.host",
                "127.0.0.1",
                "server.port",
                Integer.toString(port),
                "activity.token.local",
                ACTIVITY_TOKEN,
                "admin.token.local",
                ADMIN_TOKEN));
        Fixtures.ALL.forEach(f -> settings.putAll(f.ingressSettings()));
        return Map.copyOf(settings);
    }

    /**
     * @param baseUrl the webhook listener of an ingress started with {@link #ingressSettings}
     * @return a poster that authorizes and signs webhooks as each provider's fixture does
     */
    public static IngressPoster ingressPoster(String baseUrl) {
        return new IngressPoster(baseUrl);
    }

    /** @return the settings of a worker replica of this stack (config keys as in docs/configuration.md) */
    public Map<String, String> workerSettings() {
        return Map.copyOf(workerSettings);
    }

    /**
     * @return per provider (its contract symbol), the decisions streams-app skipped as unsupported by the provider's
     *         spec (a read where the provider has no read call), from its {@code chatsignals.skips} counter
     */
    public Map<String, Long> unsupportedDecisions() {
        Map<String, Long> out = new TreeMap<>();
        meterRegistries.forEach(r -> r.find("chatsignals.skips")
                .tag("reason", "unsupported")
                .counters()
                .forEach(c -> out.merge(c.getId().getTag("provider"), (long) c.count(), Long::sum)));
        return out;
    }

    private PrometheusMeterRegistry ingressMeters() {
        PrometheusMeterRegistry meters = Metrics.prometheus("ingress");
        meterRegistries.add(meters);
        return meters;
    }

    /** Stops the Connect worker (its tasks flush their source offsets) and starts a new one on the same offsets. */
    public void restartConnect() {
        connect.close();
        startConnect();
    }

    /** @return the Connect worker's REST base URL, or null when no conversation is polled */
    public String connectUrl() {
        return connect == null ? null : connect.restUrl();
    }

    /**
     * Starts one more streams-app instance (the same application id, a state directory of its own, an ops server);
     * returns at once.
     */
    public StreamsApp addStreams() throws IOException {
        Map<String, String> config =
                streamsSettings(Files.createDirectories(workDir.resolve("streams-" + streams.size())));
        PrometheusMeterRegistry meters = Metrics.prometheus("streams-app");
        StreamsApp instance = StreamsApp.start(StreamsSettings.from(AppConfig.of(config)), meters);
        streams.add(instance);
        meterRegistries.add(meters);
        opsServers.add(OpsServer.start(
                "127.0.0.1", 0, meters, instance::live, () -> instance.state() == KafkaStreams.State.RUNNING));
        return instance;
    }

    /** @return the settings of a streams-app instance of this stack (config keys as in docs/configuration.md) with this state directory */
    public Map<String, String> streamsSettings(Path stateDir) {
        Map<String, String> config = new HashMap<>(streamsSettings);
        config.put("state.dir", stateDir.toString());
        return config;
    }

    /** @return this stack's working directory (deleted on close) */
    public Path workDir() {
        return workDir;
    }

    /** Starts one more worker replica in the same consumer group. */
    public WorkerApp addWorker() {
        PrometheusMeterRegistry meters = Metrics.prometheus("sender-worker");
        WorkerApp worker =
                WorkerApp.start(WorkerSettings.from(AppConfig.of(workerSettings)), meters, Clock.systemUTC());
        workers.add(worker);
        meterRegistries.add(meters);
        opsServers.add(OpsServer.start("127.0.0.1", 0, meters, worker::live, worker::running));
        return worker;
    }

    /** @return the base URLs of the apps' ops servers ({@code /metrics}, {@code /health/live}, {@code /health/ready}): streams-app first */
    public List<String> opsUrls() {
        return opsServers.stream().map(s -> "http://127.0.0.1:" + s.port()).toList();
    }

    /** Stops worker {@code index} cleanly (its partitions move to the others). */
    public void stopWorker(int index) {
        workers.get(index).close();
    }

    /** @return a producer of contract records (string keys, Avro values in the Confluent wire format) to this stack */
    public KafkaProducer<String, SpecificRecord> producer() {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                serializer);
    }

    /**
     * @return a consumer with no group, assigned every partition of these topics from the beginning, reading committed
     *         records as the contract's specific Avro classes
     */
    public KafkaConsumer<byte[], Object> reader(String... topics) {
        KafkaAvroDeserializer<Object> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        KafkaConsumer<byte[], Object> reader = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                values);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        return reader;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    /** @return the first streams-app instance */
    public StreamsApp streams() {
        return streams.get(0);
    }

    /** @return every streams-app instance started, the first one first */
    public List<StreamsApp> streamsInstances() {
        return List.copyOf(streams);
    }

    @Override
    public void close() {
        if (ingress != null) {
            ingress.close();
        }
        opsServers.forEach(OpsServer::close);
        if (connect != null) {
            connect.close();
        }
        WorkerApp.closeAll(workers);
        streams.forEach(StreamsApp::close);
        meterRegistries.forEach(PrometheusMeterRegistry::close);
        simulator.close();
        registry.close();
        kafka.close();
        try {
            Utils.delete(workDir.toFile());
        } catch (IOException ignored) {
            // temporary directory
        }
    }
}

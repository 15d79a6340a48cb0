package io.chatsignals.devstack.run;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.ProviderSimulator;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.streams.StreamsApp;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.worker.WorkerApp;
import io.chatsignals.worker.WorkerSettings;
import io.chatsignals.ops.Metrics;
import io.chatsignals.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: embedded KRaft broker, embedded registry, provider simulator, the topics, one
 * streams-app and N sender-worker replicas, wired to each other as in production. Closed in reverse order.
 */
public final class Stack implements AutoCloseable {
    /** Credentials the simulator accepts and the workers use (local only). */
    public static final String EIGHT_BY_EIGHT_KEY = "local-8x8-key";
    public static final String NX_ACCESS_KEY = "local-access-key";
    public static final String NX_SECRET = "local-access-secret";

    /** What to start. */
    public record Options(int partitions, int workers, Map<String, String> streamsOverrides, Map<String, String> workerOverrides,
                          Behaviour behaviour, EmbeddedSchemaRegistry.Mode registryMode) {
    }

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final ProviderSimulator simulator;
    private final StreamsApp streams;
    private final List<WorkerApp> workers = new ArrayList<>();
    /** /metrics and /health of streams-app, then of each worker, on 127.0.0.1 and free ports. */
    private final List<OpsServer> opsServers = new ArrayList<>();
    private final List<PrometheusMeterRegistry> meterRegistries = new ArrayList<>();
    private final Map<String, String> workerSettings;
    private final Path workDir;

    private Stack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, ProviderSimulator simulator, StreamsApp streams,
                  Map<String, String> workerSettings, Path workDir) {
        this.kafka = kafka;
        this.registry = registry;
        this.simulator = simulator;
        this.streams = streams;
        this.workerSettings = workerSettings;
        this.workDir = workDir;
    }

    /**
     * Starts everything and returns once streams-app is RUNNING and the workers' consumers run.
     *
     * @throws IllegalStateException if a component does not start
     */
    public static Stack start(Options o) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of("num.partitions", Integer.toString(o.partitions())));
        Path workDir = Files.createTempDirectory("local-run"); // registry log and streams state; deleted on close
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(o.registryMode(), workDir.resolve("registry"));
        SimulatorConfig sim = new SimulatorConfig();
        sim.eightByEight.apiKeys = Map.of(EIGHT_BY_EIGHT_KEY, List.of("*"));
        sim.nxcloud.credentials = Map.of(NX_ACCESS_KEY, SimulatorConfig.Credential.of(NX_SECRET));
        sim.behaviour = o.behaviour();
        ProviderSimulator simulator = ProviderSimulator.start(sim);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(Topics.ALL.stream()
                    .map(t -> new NewTopic(t, o.partitions(), (short) 1)).toList()).all().get();
        }
        Path stateDir = Files.createDirectories(workDir.resolve("streams"));
        Map<String, String> streamsConfig = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", registry.url(), "state.dir", stateDir.toString(), "kafka.commit.interval.ms", "100"));
        streamsConfig.putAll(o.streamsOverrides());
        PrometheusMeterRegistry streamsMeters = Metrics.prometheus("streams-app");
        StreamsApp streams = StreamsApp.start(StreamsSettings.from(AppConfig.of(streamsConfig)), streamsMeters);
        Map<String, String> workerConfig = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", registry.url(), "eightbyeight.base-url", simulator.url(), "nxcloud.base-url", simulator.url(),
                "eightbyeight.api-key", EIGHT_BY_EIGHT_KEY, "nxcloud.access-key", NX_ACCESS_KEY, "nxcloud.secret", NX_SECRET,
                "commit.interval", "200ms"));
        workerConfig.putAll(o.workerOverrides());
        Stack stack = new Stack(kafka, registry, simulator, streams, workerConfig, workDir);
        stack.meterRegistries.add(streamsMeters);
        stack.opsServers.add(OpsServer.start("127.0.0.1", 0, streamsMeters, streams::live, () -> streams.state() == KafkaStreams.State.RUNNING));
        for (int i = 0; i < o.workers(); i++) {
            stack.addWorker();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                stack.close();
                throw new IllegalStateException("streams-app did not reach RUNNING: " + streams.state());
            }
            Thread.sleep(100);
        }
        return stack;
    }

    /** Starts one more worker replica in the same consumer group. */
    public WorkerApp addWorker() {
        PrometheusMeterRegistry meters = Metrics.prometheus("sender-worker");
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(AppConfig.of(workerSettings)), meters, Clock.systemUTC());
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

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    public StreamsApp streams() {
        return streams;
    }

    @Override
    public void close() {
        opsServers.forEach(OpsServer::close);
        WorkerApp.closeAll(workers);
        streams.close();
        meterRegistries.forEach(PrometheusMeterRegistry::close);
        simulator.close();
        registry.close();
        kafka.close();
        try {
            org.apache.kafka.common.utils.Utils.delete(workDir.toFile());
        } catch (java.io.IOException ignored) {
            // temporary directory
        }
    }
}

package io.chatsignals.devstack.kafka;

import io.chatsignals.devstack.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft server in the combined broker+controller role, started the
 * way {@code kafka-storage.sh format} + {@code kafka-server-start.sh} do (storage {@link Formatter}, then
 * {@link KafkaRaftServer}). Listeners bind to 127.0.0.1 on ports picked when the instance is created, so a
 * {@link #restart()} comes back on the same address and the same log directory, with its data.
 *
 * <p>Ready in about 2–3 s; about 35 MiB of heap.
 */
public final class EmbeddedKafka implements KafkaBroker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    /** Fixed cluster id (the format {@code kafka-storage.sh random-uuid} prints): a restart must find the same one. */
    public static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.brokerPort = FreePorts.pick();
        this.controllerPort = FreePorts.pick();
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Starts a broker on a fresh temporary log directory, deleted again by {@link #close()}.
     *
     * @param overrides broker properties that replace the defaults (e.g. {@code num.partitions})
     * @throws IllegalStateException if the broker does not start
     */
    public static EmbeddedKafka startTemporary(Map<String, String> overrides) {
        try {
            EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("embedded-kafka-"), true, overrides);
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary log directory", e);
        }
    }

    /**
     * Starts a broker on the given log directory, which is kept on {@link #close()} (a later broker on the same
     * directory finds the topics and records again).
     *
     * @throws IllegalStateException if the broker does not start
     */
    public static EmbeddedKafka startIn(Path dataDir, Map<String, String> overrides) {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, false, overrides);
        kafka.start();
        return kafka;
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    @Override
    public String backend() {
        return "embedded";
    }

    /** @return the log directory this broker formats and writes to */
    public Path dataDir() {
        return dataDir;
    }

    /** @return whether the server is up (between {@link #start()} and {@link #stop()}) */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Formats the log directory if it is new and starts the server; returns once the broker is registered and
     * unfenced. A no-op while it is running.
     *
     * @throws IllegalStateException if formatting or start-up fails (e.g. the port was taken in the meantime)
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        String logDir = dataDir.resolve("kraft-combined-logs").toString();
        try {
            Files.createDirectories(Path.of(logDir));
            KafkaConfig config = new KafkaConfig(brokerConfig(logDir), false);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(CLUSTER_ID)
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true) // a restart on an existing directory keeps its data
                    .run();
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
            LOG.info("embedded Kafka up at {} (log dir {})", bootstrapServers(), logDir);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start on " + bootstrapServers() + ": " + e, e);
        }
    }

    /** Shuts the server down cleanly and waits for it; keeps the log directory. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("embedded Kafka at {} stopped", bootstrapServers());
        }
    }

    /** Stops and starts again on the same ports and log directory: committed records and offsets survive. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Stops the server and, for a temporary broker, deletes its log directory. */
    @Override
    public synchronized void close() {
        stop();
        if (ownsDataDir) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", dataDir, e.toString());
            }
        }
    }

    private Map<String, Object> brokerConfig(String logDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir);
        // one node: every internal topic has one replica (consumer offsets, transactions for exactly_once_v2, shares)
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default puts a 128 MiB dedupe buffer on the heap
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        // a broker restarted after a crash waits this out before it is unfenced
        p.put("broker.session.timeout.ms", "6000");
        p.put("broker.heartbeat.interval.ms", "1000");
        p.putAll(overrides);
        return p;
    }
}

package io.chatsignals.devstack.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * The main class of one node of a {@link KafkaCluster}, run as its own JVM: what {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} do, on Kafka's own classes. Formats the log directory if it is new (a restart keeps its
 * data), starts a {@link KafkaRaftServer} in the combined broker+controller role and runs until the JVM is told to stop:
 * SIGTERM shuts it down in order (controlled shutdown: its partition leaderships move first), SIGKILL is a crash.
 */
public final class ClusterNode {
    /** Printed once the server has started; the parent does not rely on it (it asks the cluster), it is for the log. */
    static final String STARTED = "cluster node started";

    private ClusterNode() {}

    /**
     * @param args one argument: the path of the node's {@code server.properties} ({@code node.id}, {@code log.dirs},
     *             the cluster id under {@value KafkaCluster#CLUSTER_ID_KEY}, listeners and the rest)
     * @throws Exception if the directory cannot be formatted or the server does not start (the JVM exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            properties.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
        String clusterId = (String) config.remove(KafkaCluster.CLUSTER_ID_KEY);
        String logDir = (String) config.get("log.dirs");
        format(Integer.parseInt((String) config.get("node.id")), clusterId, logDir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            server.awaitShutdown();
                        },
                        "cluster-node-shutdown"));
        server.startup();
        System.out.println(STARTED + ": node " + config.get("node.id"));
        server.awaitShutdown();
    }

    private static void format(int nodeId, String clusterId, String logDir) throws IOException {
        Files.createDirectories(Path.of(logDir));
        try (OutputStream quiet = OutputStream.nullOutputStream()) {
            new Formatter()
                    .setPrintStream(new PrintStream(quiet))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setControllerListenerName(KafkaCluster.CONTROLLER_LISTENER)
                    .setIgnoreFormatted(true) // a restart on the same directory keeps its data
                    .run();
        } catch (Exception e) {
            throw new IOException("cannot format " + logDir + " for node " + nodeId + ": " + e, e);
        }
    }
}

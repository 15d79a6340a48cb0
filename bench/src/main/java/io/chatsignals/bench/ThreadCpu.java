package io.chatsignals.bench;

import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.kafka.KafkaBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads grouped by role (broker, stream threads, clients, HTTP, …), and of a three-node
 * cluster's JVMs when the run has one, to name a bottleneck.
 */
final class ThreadCpu {
    static final String CLUSTER_NODES = "three cluster nodes (their JVMs)";

    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();
    private final KafkaCluster cluster;
    private final Duration clusterStart;

    /** @param kafka the run's broker: a {@link KafkaCluster}'s node processes are counted as one group */
    ThreadCpu(KafkaBroker kafka) {
        for (long id : bean.getAllThreadIds()) {
            start.put(id, Math.max(0, bean.getThreadCpuTime(id)));
        }
        this.cluster = kafka instanceof KafkaCluster c ? c : null;
        this.clusterStart = cluster == null ? Duration.ZERO : cluster.nodesCpu();
    }

    /** @return CPU seconds since construction per group, largest first */
    Map<String, Double> since() {
        Map<String, Double> groups = new HashMap<>();
        for (long id : bean.getAllThreadIds()) {
            ThreadInfo info = bean.getThreadInfo(id);
            long cpu = bean.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            groups.merge(group(info.getThreadName()), (cpu - start.getOrDefault(id, 0L)) / 1e9, Double::sum);
        }
        if (cluster != null) {
            groups.put(CLUSTER_NODES, cluster.nodesCpu().minus(clusterStart).toMillis() / 1e3);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
        return sorted;
    }

    private static String group(String name) {
        if (name.contains("StreamThread")) {
            return "streams-app stream threads (processing, RocksDB, serde)";
        }
        if (name.startsWith("data-plane")
                || name.contains("request-handler")
                || name.contains("kafka-") && !name.contains("producer") && !name.contains("consumer")
                || name.contains("raft")
                || name.contains("quorum")
                || name.contains("LogDirFailure")
                || name.contains("ReplicaFetcher")
                || name.contains("ExpirationReaper")
                || name.contains("broker-")) {
            return "embedded broker";
        }
        if (name.contains("producer-network") || name.contains("consumer") || name.contains("heartbeat")) {
            return "Kafka clients (network)";
        }
        if (name.startsWith("vert.x")) {
            return "Vert.x (HTTP client and simulator)";
        }
        if (name.startsWith("traffic") || name.startsWith("bench")) {
            return "load generator";
        }
        return "other";
    }
}

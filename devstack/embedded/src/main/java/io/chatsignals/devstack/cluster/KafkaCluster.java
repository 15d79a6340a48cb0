package io.chatsignals.devstack.cluster;

import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Utils;

/**
 * A three-node KRaft cluster on loopback for tests and the fault harness: each node a separate JVM
 * ({@link ClusterNode}, Kafka's own server classes, combined broker+controller role, one of three voters) that a test
 * can {@link #kill(int) kill -9}, {@link #stop(int) stop with SIGTERM}, {@link #start(int) start again} on the same log
 * directory and ports, or {@link #cut(int) cut off}. Every topic is replicated to all three nodes with
 * {@code min.insync.replicas=2} by the brokers' defaults (the contract's topics, Kafka Streams' changelogs and
 * repartition topics, {@code __consumer_offsets}, {@code __transaction_state}), so one node may fail with no loss and
 * no stop of {@code acks=all} writes.
 *
 * <p>Every connection to a node passes a {@link TcpProxy} (except on a cluster {@link #startForBenchmarks started for
 * benchmarks}): clients and the other brokers reach its broker listener
 * through one (the address it advertises), and each node reaches each other node's controller listener through one of
 * its own. Cutting a node black-holes all of them, in both directions, as a network partition does: it loses its
 * controller session (fenced after {@code broker.session.timeout.ms}, 6 s here) and its leaderships move. About
 * 200 MiB of heap per node; ready in 10–20 s.
 */
public final class KafkaCluster implements KafkaBroker {
    /** Property of a node's server.properties carrying the cluster id to format with; not a broker setting. */
    static final String CLUSTER_ID_KEY = "chatsignals.cluster.id";

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int SIZE = 3;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** A controlled shutdown moves the node's leaderships first; this bounds the wait for it. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final List<NodeProcess> nodes = new ArrayList<>();
    /** proxies[i][j]: how node i+1 reaches node j+1's controller listener (null on the diagonal). */
    private final TcpProxy[][] controllerProxies = new TcpProxy[SIZE][SIZE];

    private final Admin admin;
    private final boolean proxied;

    private KafkaCluster(Path dir, Map<String, String> overrides, boolean proxied) {
        this.dir = dir;
        this.proxied = proxied;
        int[] brokerPorts = new int[SIZE];
        int[] controllerPorts = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            brokerPorts[i] = FreePorts.pick();
            controllerPorts[i] = FreePorts.pick();
        }
        for (int i = 0; proxied && i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                if (i != j) {
                    controllerProxies[i][j] =
                            TcpProxy.start("controller-" + (i + 1) + "-to-" + (j + 1), 0, controllerPorts[j]);
                }
            }
        }
        for (int i = 0; i < SIZE; i++) {
            TcpProxy brokerProxy = proxied ? TcpProxy.start("broker-" + (i + 1), 0, brokerPorts[i]) : null;
            List<String> voters = new ArrayList<>();
            for (int j = 0; j < SIZE; j++) {
                int port = i == j || !proxied ? controllerPorts[j] : controllerProxies[i][j].port();
                voters.add((j + 1) + "@127.0.0.1:" + port);
            }
            int advertised = proxied ? brokerProxy.port() : brokerPorts[i];
            Map<String, String> config = brokerConfig(i + 1, brokerPorts[i], controllerPorts[i], advertised);
            config.put("controller.quorum.voters", String.join(",", voters));
            config.put(
                    "log.dirs", dir.resolve("node-" + (i + 1)).resolve("logs").toString());
            config.putAll(overrides);
            nodes.add(new NodeProcess(
                    i + 1,
                    dir,
                    config,
                    brokerProxy,
                    advertised,
                    proxied ? NodeProcess.FAULT_JVM_OPTIONS : NodeProcess.BENCHMARK_JVM_OPTIONS));
        }
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                "15000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                "5000"));
    }

    /**
     * Starts three nodes on a fresh temporary directory (deleted by {@link #close()}) and returns once all three are
     * registered and unfenced.
     *
     * @param overrides broker properties replacing the defaults on every node (e.g. {@code num.partitions}, 6 unless
     *                  set)
     * @throws IllegalStateException if a node does not start within 90 s (the message names its log file); a port
     *                               taken by another process between its pick and its bind is picked again (3 tries)
     */
    public static KafkaCluster start(Map<String, String> overrides) {
        return start(overrides, true);
    }

    /**
     * As {@link #start(Map)}, laid out for measuring rather than for faults: no proxy between a client or a node and a
     * node (nothing can be {@link #cut(int) cut}; killing, stopping and starting work), and each node's JVM with the
     * full JIT and 512 MiB of heap, so that the cost measured is replication's, not the harness's.
     */
    public static KafkaCluster startForBenchmarks(Map<String, String> overrides) {
        return start(overrides, false);
    }

    private static KafkaCluster start(Map<String, String> overrides, boolean proxied) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(overrides, proxied);
            } catch (IllegalStateException e) {
                // the free ports are picked before the nodes bind them: another process may take one in between
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static KafkaCluster startOnce(Map<String, String> overrides, boolean proxied) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kafka-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster's directory", e);
        }
        KafkaCluster cluster = new KafkaCluster(dir, overrides, proxied);
        try {
            cluster.nodes.forEach(NodeProcess::launch);
            cluster.awaitRegistered(cluster.nodeIds());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.clientPort).collect(Collectors.joining(","));
    }

    @Override
    public String backend() {
        return "cluster";
    }

    /** @return the node ids, 1 to 3 */
    public List<Integer> nodeIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    /**
     * @return the CPU time the running nodes' JVMs have used since they started (a node started again counts from its
     *         restart), as the operating system reports it
     */
    public Duration nodesCpu() {
        return nodes.stream()
                .flatMap(n -> n.handle().stream())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** @return whether node {@code id}'s JVM is running */
    public boolean isRunning(int id) {
        return node(id).isAlive();
    }

    /** SIGKILL of node {@code id}: no controlled shutdown, no flush; returns once the process is gone. */
    public void kill(int id) {
        node(id).kill();
    }

    /**
     * SIGTERM of node {@code id} (a controlled shutdown: its leaderships move to the others first); returns once the
     * process has exited.
     *
     * @throws IllegalStateException if it has not exited within 120 s (it is then killed)
     */
    public void stop(int id) {
        node(id).terminate(STOP_TIMEOUT);
    }

    /**
     * Starts node {@code id} again on its log directory and ports (a no-op while it runs); returns once it is registered
     * and unfenced.
     *
     * @throws IllegalStateException if it is not back within 90 s
     */
    public void start(int id) {
        NodeProcess node = node(id);
        if (!node.isAlive()) {
            node.launch();
        }
        awaitRegistered(List.of(id));
    }

    /**
     * Cuts node {@code id} off from clients and the other nodes, in both directions (see the class comment).
     *
     * @throws IllegalStateException on a cluster {@link #startForBenchmarks started for benchmarks} (no proxies)
     */
    public void cut(int id) {
        partition(id, true);
    }

    /** Ends a {@link #cut(int)}: black-holed connections are closed and new ones pass. */
    public void heal(int id) {
        partition(id, false);
    }

    private void partition(int id, boolean cut) {
        if (!proxied) {
            throw new IllegalStateException("a cluster started for benchmarks has no proxies to cut");
        }
        List<TcpProxy> proxies = new ArrayList<>(List.of(node(id).brokerProxy));
        for (int other = 0; other < SIZE; other++) {
            if (other != id - 1) {
                proxies.add(controllerProxies[id - 1][other]);
                proxies.add(controllerProxies[other][id - 1]);
            }
        }
        proxies.forEach(cut ? TcpProxy::cut : TcpProxy::heal);
    }

    /**
     * @return node id → how many partitions of {@code topics} it leads now (nodes leading none are listed with 0)
     * @throws IllegalStateException if the cluster cannot be asked within 15 s
     */
    public Map<Integer, Integer> leaderships(Collection<String> topics) {
        Map<Integer, Integer> counts = new TreeMap<>();
        nodeIds().forEach(id -> counts.put(id, 0));
        for (TopicPartitionInfo p : partitions(topics)) {
            if (p.leader() != null) {
                counts.merge(p.leader().id(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** @return the node leading the most partitions of {@code topics} (the lowest id on a tie) */
    public int leaderOfMost(Collection<String> topics) {
        return leaderships(topics).entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(e -> -e.getKey()))
                .orElseThrow()
                .getKey();
    }

    /**
     * Waits until every partition of every topic (internal ones included) has all three replicas in sync, as a rolling
     * restart must before it takes the next node down.
     *
     * @throws IllegalStateException if that is not so within {@code timeout}
     */
    public void awaitInSync(Duration timeout) {
        awaitTrue("every partition with all replicas in sync", timeout, () -> {
            try {
                Collection<String> all = admin.listTopics(new ListTopicsOptions().listInternal(true))
                        .names()
                        .get();
                return partitions(all).stream()
                        .allMatch(p -> p.isr().size() == p.replicas().size());
            } catch (InterruptedException | ExecutionException | RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Describes {@code topics}, asking again while the answer is a retriable error (a node being cut or stopped drops
     * the admin's request; a topic just created is not yet in every node's metadata).
     *
     * @throws IllegalStateException if no answer comes within {@link #ASK_TIMEOUT}, or on a non-retriable error
     */
    private List<TopicPartitionInfo> partitions(Collection<String> topics) {
        long deadline = System.nanoTime() + ASK_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .map(TopicDescription::partitions)
                        .flatMap(List::stream)
                        .toList();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe " + topics + ": " + e.getCause(), e);
                }
                pause("describing " + topics);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private void awaitRegistered(List<Integer> ids) {
        awaitTrue("nodes " + ids + " registered and unfenced", START_TIMEOUT, () -> {
            ids.forEach(id -> {
                if (!node(id).isAlive()) {
                    throw new IllegalStateException("cluster node " + id + " exited: " + node(id).logTail());
                }
            });
            try {
                List<Integer> live = admin.describeCluster().nodes().get().stream()
                        .map(Node::id)
                        .toList();
                return live.containsAll(ids);
            } catch (InterruptedException | ExecutionException e) {
                return false;
            }
        });
    }

    /** Polls {@code condition} every 200 ms. */
    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout.toSeconds() + " s: " + what);
            }
            pause(what);
        }
    }

    /** Waits the 200 ms between two polls. */
    private static void pause(String what) {
        try {
            Thread.sleep(200); // between two polls of a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    private NodeProcess node(int id) {
        if (id < 1 || id > SIZE) {
            throw new IllegalArgumentException("no node " + id + ": the nodes are 1 to " + SIZE);
        }
        return nodes.get(id - 1);
    }

    /** Kills every node (their data goes with the directory), closes the proxies and deletes the directory. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        nodes.forEach(NodeProcess::kill);
        nodes.stream().filter(n -> n.brokerProxy != null).forEach(n -> n.brokerProxy.close());
        for (TcpProxy[] row : controllerProxies) {
            for (TcpProxy proxy : row) {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        try {
            Utils.delete(dir.toFile());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static Map<String, String> brokerConfig(int id, int brokerPort, int controllerPort, int advertisedPort) {
        Map<String, String> p = new HashMap<>();
        p.put(CLUSTER_ID_KEY, EmbeddedKafka.CLUSTER_ID);
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(id));
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("num.partitions", "6");
        // every topic on all three nodes; acks=all writes need two of them
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("unclean.leader.election.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        // a crashed or cut-off node is fenced (its leaderships move) 6 s after its last heartbeat (default 9 s)
        p.put("broker.session.timeout.ms", "6000");
        p.put("broker.heartbeat.interval.ms", "1000");
        // a follower that stopped fetching leaves the ISR after 10 s (default 30 s)
        p.put("replica.lag.time.max.ms", "10000");
        return p;
    }
}

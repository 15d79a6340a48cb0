package io.chatsignals.devstack.cluster;

import io.chatsignals.devstack.ChildClasspath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link KafkaCluster} as a child JVM: its server.properties and log file in the cluster's directory
 * ({@code node-<id>.properties}, {@code node-<id>.log}, appended to across restarts), launched, killed or terminated. A
 * shutdown hook of this JVM kills it, so no node outlives the run that started it.
 */
final class NodeProcess {
    /** Small heaps and the C1 compiler only: three of these share two cores with the apps under test. */
    static final List<String> FAULT_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The full JIT and a broker's usual GC (G1), for figures that price replication rather than a slow broker. */
    static final List<String> BENCHMARK_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m");

    final int id;
    /** The proxy in front of its broker listener, or null when clients reach it directly. */
    final TcpProxy brokerProxy;
    /** The port clients and the other nodes reach its broker at (the proxy's, or the listener's). */
    final int clientPort;

    private final List<String> jvmOptions;
    private final Path config;
    private final Path log;
    private final Path logback;
    private Process process;
    private Thread reaper;

    NodeProcess(
            int id,
            Path dir,
            Map<String, String> settings,
            TcpProxy brokerProxy,
            int clientPort,
            List<String> jvmOptions) {
        this.id = id;
        this.brokerProxy = brokerProxy;
        this.clientPort = clientPort;
        this.jvmOptions = jvmOptions;
        this.config = dir.resolve("node-" + id + ".properties");
        this.log = dir.resolve("node-" + id + ".log");
        this.logback = dir.resolve("logback.xml");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "cluster node " + id);
            Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    synchronized void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dlogback.configurationFile=" + logback,
                "-cp",
                ChildClasspath.of(ClusterNode.class),
                ClusterNode.class.getName(),
                config.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch cluster node " + id, e);
        }
        Process launched = process;
        reaper = new Thread(launched::destroyForcibly, "cluster-node-" + id + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return the node's JVM while it runs */
    synchronized Optional<ProcessHandle> handle() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    /** SIGKILL; returns once the process is gone. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            forget();
        }
    }

    /** SIGTERM; waits for the exit, killing the process if it takes longer than {@code timeout}. */
    synchronized void terminate(Duration timeout) {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
            throw new IllegalStateException(
                    "cluster node " + id + " did not stop within " + timeout.toSeconds() + " s of SIGTERM: killed");
        }
        forget();
    }

    /** @return the last lines of the node's log, for error messages */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + " ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return log + " unreadable: " + e;
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process = null;
    }

    private static final String LOGBACK =
            """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka.clients" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}

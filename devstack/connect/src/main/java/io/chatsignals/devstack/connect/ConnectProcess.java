package io.chatsignals.devstack.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;

/**
 * A Kafka Connect worker as a separate JVM, started with Kafka's own mains as users run Connect
 * ({@code connect-standalone.sh worker.properties connector.properties}, {@code connect-distributed.sh
 * worker.properties}), so that a crash test can SIGKILL it mid-poll ({@link #kill()}) and start it again on what it
 * had persisted ({@link #restart()}): the offsets file in standalone mode, the worker group and its topics in
 * distributed mode.
 */
public final class ConnectProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PUT_TIMEOUT = Duration.ofSeconds(90);

    /** How the worker runs and keeps its source offsets. */
    public enum Mode {
        /**
         * {@link ConnectStandalone}: source offsets in a file, flushed every {@code offset.flush.interval.ms} (1 s
         * here); the connector from its properties file on the command line. A crash re-emits what the task produced
         * since the last flush.
         */
        STANDALONE,
        /**
         * {@link ConnectDistributed} with {@code exactly.once.source.support=enabled} (KIP-618): connector configs,
         * source offsets and statuses in topics of the worker group, a source task's records and offsets committed in
         * one transaction; the connector created over the REST API with {@code exactly.once.support=required}, so
         * that the worker refuses it unless the connector and the worker can.
         */
        DISTRIBUTED_EXACTLY_ONCE
    }

    private final Mode mode;
    private final List<String> args;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private AppProcess process;

    private ConnectProcess(Mode mode, List<String> args, Path log, int port) {
        this.mode = mode;
        this.args = args;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a worker (its files {@code <dir>/<name>-worker.properties}, {@code -connector.properties},
     * {@code .offsets} and {@code .log}) and creates the connector on it; returns once the connector and its tasks run.
     *
     * @param workerSettings  worker settings on top of the defaults (bootstrap servers, converters, …)
     * @param connectorConfig the connector's config, {@code connector.class} included
     * @throws IllegalStateException if the worker exits, refuses the connector, or the tasks do not run within 90 s
     */
    public static ConnectProcess start(
            Mode mode,
            String bootstrapServers,
            Map<String, String> workerSettings,
            String connector,
            Map<String, String> connectorConfig,
            Path dir,
            String name)
            throws IOException, InterruptedException {
        int port = FreePorts.pick();
        Map<String, String> worker = new HashMap<>(WorkerDefaults.of(bootstrapServers, port));
        if (mode == Mode.STANDALONE) {
            worker.put(
                    "offset.storage.file.filename",
                    dir.resolve(name + ".offsets").toString());
        } else {
            worker.putAll(Map.of(
                    "group.id",
                    name,
                    "config.storage.topic",
                    name + "-configs",
                    "offset.storage.topic",
                    name + "-offsets",
                    "status.storage.topic",
                    name + "-status",
                    // -1: the brokers' default replication factor (KIP-464)
                    "config.storage.replication.factor",
                    "-1",
                    "offset.storage.replication.factor",
                    "-1",
                    "status.storage.replication.factor",
                    "-1",
                    "exactly.once.source.support",
                    "enabled"));
        }
        worker.putAll(workerSettings);
        List<String> args = new ArrayList<>(List.of(write(worker, dir.resolve(name + "-worker.properties"))));
        Map<String, String> named = new HashMap<>(connectorConfig);
        named.put("name", connector);
        if (mode == Mode.DISTRIBUTED_EXACTLY_ONCE) {
            named.put("exactly.once.support", "required");
        }
        if (mode == Mode.STANDALONE) {
            args.add(write(named, dir.resolve(name + "-connector.properties")));
        }
        ConnectProcess connect = new ConnectProcess(mode, List.copyOf(args), dir.resolve(name + ".log"), port);
        connect.launch();
        try {
            if (mode == Mode.DISTRIBUTED_EXACTLY_ONCE) {
                connect.putConnector(connector, named);
            }
            connect.awaitRunning(connector, PUT_TIMEOUT);
        } catch (RuntimeException | IOException | InterruptedException e) {
            connect.close();
            throw e;
        }
        return connect;
    }

    private static String write(Map<String, String> settings, Path file) throws IOException {
        Properties props = new Properties();
        props.putAll(settings);
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, null);
        }
        return file.toString();
    }

    private void launch() throws IOException {
        Class<?> main = mode == Mode.STANDALONE ? ConnectStandalone.class : ConnectDistributed.class;
        process = AppProcess.launch(main, args, Map.of(), List.of("-Xmx384m"), log, port, "/");
    }

    /**
     * PUTs the connector's config, again while the worker answers that it cannot yet (409 during a rebalance, 5xx
     * while it starts), for up to 90 s.
     *
     * @throws IllegalStateException with the worker's answer when it refuses the config (400) or keeps failing
     */
    private void putConnector(String connector, Map<String, String> config) throws IOException, InterruptedException {
        HttpRequest put = HttpRequest.newBuilder(url("/connectors/" + connector + "/config"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build();
        long deadline = System.nanoTime() + PUT_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                return;
            }
            if ((answer.statusCode() != 409 && answer.statusCode() < 500) || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "connector " + connector + " refused: " + answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(500); // polling until the worker has joined its group
        }
    }

    /**
     * Waits until the connector and every one of its tasks (at least one) are {@code RUNNING}.
     *
     * @throws IllegalStateException with the last status when that does not happen within {@code timeout}, or a task
     *                               has {@code FAILED}
     */
    public void awaitRunning(String connector, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.process.isAlive()) {
                throw new IllegalStateException("the Connect worker exited; see " + log);
            }
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(url("/connectors/" + connector + "/status"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200) {
                JsonNode status = JSON.readTree(answer.body());
                List<String> tasks = new ArrayList<>();
                status.path("tasks").forEach(t -> tasks.add(t.path("state").asText()));
                if (tasks.contains("FAILED")) {
                    throw new IllegalStateException("a task of " + connector + " failed: " + last);
                }
                if ("RUNNING".equals(status.path("connector").path("state").asText())
                        && !tasks.isEmpty()
                        && tasks.stream().allMatch("RUNNING"::equals)) {
                    return;
                }
            }
            Thread.sleep(200); // polling the worker's status
        }
        throw new IllegalStateException(connector + " not running within " + timeout.toSeconds() + " s: " + last);
    }

    /** @return the worker's process id (a harness reads its resources under {@code /proc}) */
    public long pid() {
        return process.process.pid();
    }

    /** SIGKILL, as a crash: no offset flush, no commit, no group leave; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /**
     * Starts the worker again with the same files (standalone: the offsets file and the connector's properties;
     * distributed: the same group and topics, from which it reads the connector back); returns once it answers REST.
     *
     * @throws IllegalStateException if it exits or does not answer within 120 s
     */
    public void restart() throws IOException {
        process.close();
        launch();
    }

    /** @return the worker's log (standard output and error of every start) */
    public Path log() {
        return log;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGKILL if it still runs. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}

package io.chatsignals.devstack.connect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.TargetState;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A Kafka Connect worker in standalone mode, in this JVM (Kafka's own {@link ConnectStandalone}): source offsets in a
 * file (kept across restarts when the same file is given), REST on a free port of 127.0.0.1, plugins found by their
 * service manifests on the classpath. For tests and the local run; production runs Connect in distributed mode.
 */
public final class EmbeddedConnect implements AutoCloseable {
    private final Connect<StandaloneHerder> connect;

    private EmbeddedConnect(Connect<StandaloneHerder> connect) {
        this.connect = connect;
    }

    /**
     * Starts a worker; returns once it runs.
     *
     * @param bootstrapServers the broker
     * @param offsetsFile      where source offsets are kept (the same file resumes where a previous worker stopped)
     * @param workerOverrides  more worker settings (converters, {@code offset.flush.interval.ms}, …)
     */
    public static EmbeddedConnect start(
            String bootstrapServers, Path offsetsFile, Map<String, String> workerOverrides) {
        Map<String, String> props = new HashMap<>(WorkerDefaults.of(bootstrapServers, 0));
        props.put("offset.storage.file.filename", offsetsFile.toString());
        props.putAll(workerOverrides);
        return new EmbeddedConnect(new ConnectStandalone().startConnect(props));
    }

    /**
     * Creates (or replaces) a connector and waits until the worker accepted it.
     *
     * @throws IllegalStateException with Connect's reason when the config is refused
     */
    public void putConnector(String name, Map<String, String> config) {
        Map<String, String> full = new HashMap<>(config);
        full.put("name", name);
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, full, TargetState.STARTED, true, done);
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("connector " + name + " not created: " + e.getMessage(), e);
        }
    }

    /** @return the connector's and its tasks' states as Connect reports them ({@code RUNNING}, {@code FAILED}, …) */
    public String status(String name) {
        var status = connect.herder().connectorStatus(name);
        return status.connector().state() + " "
                + status.tasks().stream().map(t -> t.state()).toList();
    }

    /** @return the error traces of the connector's failed tasks (none while every task runs) */
    public List<String> taskTraces(String name) {
        return connect.herder().connectorStatus(name).tasks().stream()
                .map(t -> t.trace())
                .filter(t -> t != null)
                .toList();
    }

    /**
     * @return the configs of the connector's tasks as the worker holds them now (in standalone mode, replaced only
     *         after the previous tasks have stopped)
     * @throws IllegalStateException when the worker does not answer within 30 s
     */
    public List<Map<String, String>> taskConfigs(String name) {
        FutureCallback<List<TaskInfo>> done = new FutureCallback<>();
        connect.herder().taskConfigs(name, done);
        try {
            return done.get(30, TimeUnit.SECONDS).stream().map(TaskInfo::config).toList();
        } catch (Exception e) {
            throw new IllegalStateException("task configs of " + name + " not read: " + e.getMessage(), e);
        }
    }

    /** @return the worker's REST base URL, e.g. {@code http://127.0.0.1:40123/} */
    public String restUrl() {
        return connect.rest().advertisedUrl().toString();
    }

    /** Stops the worker: tasks stop and their offsets are flushed, the REST server closes. */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}

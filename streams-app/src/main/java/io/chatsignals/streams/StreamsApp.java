package io.chatsignals.streams;

import io.chatsignals.ops.Launcher;
import io.chatsignals.providers.AppKeys;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.RegistryUnavailableException;
import io.chatsignals.serde.SchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.streams.decide.DecisionMetrics;
import io.chatsignals.streams.errors.DeadLetterMetrics;
import io.chatsignals.streams.topology.DecisionTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * streams-app: runs the decision topology ({@link DecisionTopology}) with exactly_once_v2 and serves {@code /metrics},
 * {@code /health/live} and {@code /health/ready} (ready only while Kafka Streams is RUNNING). Stops cleanly on SIGTERM.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    /** How long {@link #close()} waits for Kafka Streams to commit, flush and leave the group (deployments give more). */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private volatile boolean closing;

    private StreamsApp(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
    }

    /**
     * Builds the topology and starts Kafka Streams (returns at once; see {@link #state()}).
     *
     * @param meters where decisions, skips, punctuation lag and Kafka Streams' own metrics are registered
     */
    public static StreamsApp start(StreamsSettings settings, MeterRegistry meters) {
        SerdeConfig serde = SerdeConfig.from(settings.registry());
        SchemaRegistryClient registry = CachedSchemaRegistryClient.fromConfig(serde);
        Properties props = new Properties();
        props.putAll(settings.kafka());
        // the DLQ counters, registered at 0 now, for the exception handlers Kafka Streams instantiates
        props.put(DeadLetterMetrics.CONFIG, new DeadLetterMetrics(meters));
        KafkaStreams streams = new KafkaStreams(
                DecisionTopology.build(
                        settings.topics(),
                        settings.decisions(),
                        registry,
                        serde.autoRegister(),
                        new DecisionMetrics(meters)),
                new StreamsConfig(props));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(StreamsApp::onUncaught);
        streams.start();
        return new StreamsApp(streams, streamsMetrics);
    }

    /**
     * A transient failure (schema registry unreachable or answering 5xx, a retriable Kafka error) replaces the stream
     * thread: under exactly_once_v2 its tasks resume from the last commit, nothing lost or doubled. Anything else is a
     * bug or a misconfiguration and stops the client (readiness goes down).
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException || t instanceof RetriableException) {
                LOG.warn("transient failure, replacing the stream thread: {}", t.toString());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        LOG.error("stream thread failed; stopping", error);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** @return the Kafka Streams state (RUNNING when ready) */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * @return false once Kafka Streams stopped after a fatal error (ERROR, PENDING_ERROR, or shut down without
     *         {@link #close()}): liveness, so that an orchestrator restarts the app. REBALANCING and a replaced stream
     *         thread (transient failures) stay live.
     */
    public boolean live() {
        KafkaStreams.State s = streams.state();
        boolean stoppedOnItsOwn =
                !closing && (s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN);
        return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR && !stoppedOnItsOwn;
    }

    /**
     * Closes Kafka Streams within 30 s: commits, flushes the stores, and leaves the consumer group so that the
     * partitions move to the other instances (or to this one restarted) at once instead of after the session timeout.
     */
    @Override
    public void close() {
        closing = true;
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        streamsMetrics.close();
    }

    /**
     * Entry point: {@code java -jar streams-app-all.jar <config.properties>}; every key can be overridden by its
     * environment variable (docs/configuration.md).
     */
    public static void main(String[] args) throws InterruptedException {
        Launcher.run(
                "streams-app",
                args,
                StreamsSettings::from,
                Stream.concat(
                                Stream.of(
                                        "kafka.",
                                        "read.",
                                        "typing.",
                                        "topic.",
                                        "dedupe.",
                                        "bootstrap.",
                                        "schema.",
                                        "basic.auth.",
                                        "application."),
                                AppKeys.settingPrefixes().stream())
                        .toList(),
                (settings, meters) -> {
                    StreamsApp app = start(settings, meters);
                    return Launcher.running(app, app::live, () -> app.state() == KafkaStreams.State.RUNNING);
                });
    }
}

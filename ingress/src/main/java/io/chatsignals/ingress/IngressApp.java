package io.chatsignals.ingress;

import io.chatsignals.ops.Launcher;
import io.chatsignals.ops.Tracing;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ingress: the providers' webhooks and the agent-activity API, verified and written to the inbound topics with the
 * idempotent producer ({@code acks=all}, key = the conversation), answered 200 only once the broker acknowledged them
 * ({@link IngressRoutes}). Serves {@code /metrics}, {@code /health/live} and {@code /health/ready} on the ops port
 * (ready while the listener is bound and the Kafka cluster answers: {@link BrokerProbe}). Stops cleanly on SIGTERM: the
 * listener first, then the producer (flushed).
 */
public final class IngressApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngressApp.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics producerMetrics;
    private final BrokerProbe brokers;
    private final PolicyView policies;
    private volatile boolean closed;

    private IngressApp(
            Vertx vertx,
            HttpServer server,
            KafkaProducer<String, byte[]> producer,
            KafkaClientMetrics producerMetrics,
            BrokerProbe brokers,
            PolicyView policies) {
        this.vertx = vertx;
        this.server = server;
        this.producer = producer;
        this.producerMetrics = producerMetrics;
        this.brokers = brokers;
        this.policies = policies;
    }

    /**
     * Starts the listener; returns once it is bound.
     *
     * @throws IllegalStateException when the listener cannot bind within 30 s
     */
    public static IngressApp start(IngressSettings s, MeterRegistry meters) {
        RequestTracing tracing = new RequestTracing(Tracing.current("io.chatsignals.ingress"));
        Duration longest = s.longestProduceTimeout();
        Map<String, Object> config = new HashMap<>(s.kafka()); // security and client settings; durability fixed below
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.mapping().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // a record not acknowledged by the time its request is answered 503 is failed by the producer too, so that a
        // late write rarely doubles the provider's retry (a copy that still lands is dropped by streams-app's dedupe)
        // send() blocks while the partition's metadata is unknown (a broker down): never past the shortest answer time
        config.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, s.shortestProduceTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) longest.toMillis() + 1);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) longest.toMillis());
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(meters);
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(s.registry(), false);
        Vertx vertx = Vertx.vertx();
        IngressConfig.Server listen = s.mapping().server();
        DurableWriter writer = new DurableWriter(producer, serializer, tracing);
        IngressMetrics metrics = new IngressMetrics(meters);
        PolicyView view = s.adminTokens().isEmpty()
                ? null
                : new PolicyView(
                        config,
                        s.registry(),
                        s.mapping().topic().policies(),
                        s.produceTimeouts().get(PolicyRoutes.SOURCE));
        PolicyRoutes policies = view == null ? null : new PolicyRoutes(s, writer, view, new Replies(vertx, metrics));
        HeaderDeadline headers = new HeaderDeadline(vertx, listen.requestTimeout());
        try {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost(listen.host())
                            .setPort(listen.port())
                            .setIdleTimeout((int) listen.idleTimeout().toMillis())
                            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                            .setHttp2ClearTextEnabled(false)) // HTTP/1.1 (HeaderDeadline)
                    .connectionHandler(headers.onConnection())
                    .requestHandler(
                            headers.around(new IngressRoutes(vertx, s, writer, metrics, tracing, policies).router()))
                    .listen()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            LOG.info("ingress listening on {}:{} ({})", listen.host(), server.actualPort(), s);
            return new IngressApp(
                    vertx,
                    server,
                    producer,
                    producerMetrics,
                    new BrokerProbe(adminConfig(config), s.mapping().brokerProbeInterval()),
                    view);
        } catch (Exception e) {
            vertx.close();
            closeQuietly(view);
            producer.close(Duration.ZERO);
            producerMetrics.close();
            throw new IllegalStateException(
                    "ingress could not listen on " + listen.host() + ":" + listen.port() + ": " + e, e);
        }
    }

    /** @return the producer's settings an Admin client knows too (bootstrap servers, security, client id) */
    private static Map<String, Object> adminConfig(Map<String, Object> producerConfig) {
        Map<String, Object> admin = new HashMap<>(producerConfig);
        admin.keySet().retainAll(AdminClientConfig.configNames());
        return admin;
    }

    private static void closeQuietly(PolicyView view) {
        if (view == null) {
            return;
        }
        try {
            view.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the port the webhook listener is bound to */
    public int port() {
        return server.actualPort();
    }

    /** @return whether the listener takes requests and the Kafka cluster answers (readiness) */
    public boolean ready() {
        return !closed && brokers.reachable();
    }

    /** Stops listening (requests in progress finish within 10 s), flushes and closes the producer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("ingress listener did not close cleanly: {}", e.toString());
        }
        brokers.close();
        closeQuietly(policies);
        producer.close(Duration.ofSeconds(10));
        producerMetrics.close();
    }

    /** Entry point: {@code java -jar ingress-all.jar <config.properties>}; keys overridable by environment variables. */
    public static void main(String[] args) throws InterruptedException {
        Launcher.run(
                "ingress",
                args,
                IngressSettings::from,
                List.of(
                        "bootstrap.",
                        "topic.",
                        "server.",
                        "produce.",
                        "schema.",
                        "basic.auth.",
                        "webhooks.",
                        "activity.",
                        "admin.",
                        "health.",
                        "http."),
                (settings, meters) -> {
                    IngressApp app = start(settings, meters);
                    return Launcher.running(app, () -> true, app::ready);
                });
    }
}

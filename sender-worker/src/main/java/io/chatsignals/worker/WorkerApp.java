package io.chatsignals.worker;

import io.chatsignals.ops.Launcher;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.worker.complete.CompletionPolicy;
import io.chatsignals.worker.dispatch.Dispatcher;
import io.chatsignals.worker.enrich.Enricher;
import io.chatsignals.worker.kafka.CommandConsumer;
import io.chatsignals.worker.kafka.CommandIntake;
import io.chatsignals.worker.kafka.CommandOrigin;
import io.chatsignals.worker.kafka.OffsetTracker;
import io.chatsignals.worker.kafka.StatusPublisher;
import io.chatsignals.worker.limits.LimitKey;
import io.chatsignals.worker.limits.RateLimiter;
import io.chatsignals.worker.provider.Credentials;
import io.chatsignals.worker.provider.GatewayContext;
import io.chatsignals.worker.provider.Gateways;
import io.chatsignals.worker.provider.Registrations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sender-worker: consumes {@code chat.commands.v1}, runs each command against its provider (one gateway per
 * {@code Registrations.ALL} entry) through the {@link Dispatcher}, enriches successes where the provider has message
 * details ({@link Enricher}) and publishes one {@code CommandStatus} per command.
 * Replicas in one consumer group split the partitions. Serves {@code /metrics}, {@code /health/live} and
 * {@code /health/ready} (ready while its consumer loop runs). Stops cleanly on SIGTERM.
 */
public final class WorkerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerApp.class);

    private final Vertx vertx;
    private final KafkaProducer<byte[], byte[]> producer;
    private final StatusPublisher publisher;
    private final CommandConsumer consumer;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private final Credentials credentials;
    private boolean closed;

    private WorkerApp(
            Vertx vertx,
            KafkaProducer<byte[], byte[]> producer,
            StatusPublisher publisher,
            CommandConsumer consumer,
            KafkaClientMetrics consumerMetrics,
            KafkaClientMetrics producerMetrics,
            Credentials credentials) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.producer = producer;
        this.publisher = publisher;
        this.consumer = consumer;
        this.consumerMetrics = consumerMetrics;
        this.producerMetrics = producerMetrics;
    }

    /**
     * Starts a worker; returns once its consumer thread runs.
     *
     * @param clock wall clock for deadlines, NXCloud {@code ts} and status times
     */
    public static WorkerApp start(WorkerSettings s, MeterRegistry meters, Clock clock) {
        WorkerMetrics metrics = new WorkerMetrics(meters);
        Credentials credentials =
                new Credentials(s.config); // every secret resolved here, files read again in the background
        Vertx vertx = Vertx.vertx();
        WebClient web = WebClient.create(
                vertx,
                s.tls.apply(new WebClientOptions()
                        .setConnectTimeout(
                                (int) s.mapping.http().connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setMaxPoolSize(s.maxConnectionsPerHost)
                        .setIdleTimeout(60)
                        .setUserAgent("chat-signals-sender")));
        Gateways gateways = Registrations.gateways(
                new GatewayContext(web, s.config, credentials, s.mapping.http().requestTimeout(), clock));
        RateLimiter<LimitKey> limiter = new RateLimiter<>( // shared: one gauge of paused keys, thread-safe
                s::perSecond, s.mapping.limitsMargin(), s.learning, (key, perSecond, configured) -> {
                    metrics.learnedRate(key, perSecond, configured);
                    LOG.info(
                            "rate of {} {} {}: {}/s (configured {}/s){}",
                            key.provider(),
                            key.operation().settingName(),
                            LogSafe.escape(key.account()),
                            String.format(Locale.ROOT, "%.2f", perSecond),
                            configured,
                            perSecond < configured
                                    ? ", learned from the provider's throttling"
                                    : ", back to configured");
                });
        Map<Provider, Enricher> enrichers = new HashMap<>();
        if (s.enrichEnabled) {
            for (ProviderSpec spec : ProviderSpecs.known()) {
                if (spec.hasMessageDetails()) {
                    gateways.detailsLookup(spec.provider())
                            .ifPresent(lookup -> enrichers.put(
                                    spec.provider(),
                                    new Enricher(
                                            vertx,
                                            spec.provider(),
                                            lookup,
                                            limiter,
                                            s.mapping.enrich().maxWait(),
                                            s.limits.backoff(),
                                            metrics)));
                }
            }
        }

        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                s.mapping.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5));
        producerConfig.putAll(s.config.withPrefix("kafka.producer"));
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaAvroSerializer<CommandStatus> statusSerializer = new KafkaAvroSerializer<>();
        statusSerializer.configure(s.registry, false);
        OffsetTracker tracker = new OffsetTracker(s.commitMetadataMaxBytes);
        StatusPublisher publisher = new StatusPublisher(
                producer,
                statusSerializer,
                s.mapping.topic().status(),
                s.mapping.topic().commandsDlq(),
                tracker,
                metrics,
                s.publishBackoff);
        publisher.warmUp();

        CompletionPolicy<CommandOrigin> completion = new CompletionPolicy<>(enrichers, publisher, clock);
        Dispatcher<CommandOrigin> dispatcher = new Dispatcher<>(
                vertx,
                s.limits,
                limiter,
                job -> gateways.execute(job.command(), job.requestTimeoutMs()),
                completion,
                metrics,
                clock);

        Map<String, Object> consumerConfig = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                s.mapping.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                s.mapping.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // incremental rebalancing: a joining or leaving replica moves only the partitions it takes or gives
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName()));
        consumerConfig.putAll(s.config.withPrefix("kafka.consumer"));
        KafkaConsumer<byte[], byte[]> kafkaConsumer =
                new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> readerConfig = new HashMap<>(s.registry);
        readerConfig.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        KafkaAvroDeserializer<ChatCommand> commandDeserializer = new KafkaAvroDeserializer<>();
        commandDeserializer.configure(readerConfig, false);
        CommandConsumer consumer = new CommandConsumer(
                kafkaConsumer,
                s.mapping.topic().commands(),
                new CommandIntake(commandDeserializer, s.appKeys),
                dispatcher,
                completion,
                publisher,
                tracker,
                s.buffer,
                s.registryBackoff,
                s.mapping.commit().interval(),
                s.mapping.shutdownGrace());
        metrics.pausedPartitions(consumer::pausedPartitions);
        metrics.consumerGauges(tracker::parked, tracker::truncatedCommits);
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(kafkaConsumer);
        consumerMetrics.bindTo(meters);
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(meters);

        Thread thread = new Thread(consumer, "command-consumer");
        thread.start();
        return new WorkerApp(vertx, producer, publisher, consumer, consumerMetrics, producerMetrics, credentials);
    }

    /** @return whether the worker takes work: its consumer loop runs and the status schema is resolved (readiness) */
    public boolean running() {
        return consumer.running() && publisher.schemaResolved();
    }

    /**
     * @return false once the worker cannot recover by itself (liveness): its consumer loop stopped by an unexpected
     *         error, or the status producer is broken (fenced, unauthorized, closed). A provider outage is not one of
     *         these: it shows in metrics (retries, 429s, FAILED outcomes), and the worker stays live and ready.
     */
    public boolean live() {
        return consumer.alive() && publisher.healthy();
    }

    /** Stops fetching, finishes or releases in-flight work within {@code shutdown.grace}, commits, then closes everything. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        consumer.close();
        publisher.close();
        producer.close(Duration.ofSeconds(10));
        closeVertx();
        credentials.close();
        consumerMetrics.close();
        producerMetrics.close();
        LOG.info("sender-worker stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Closes every worker given; one that was killed already (or fails to close) does not stop the others. */
    public static void closeAll(Iterable<WorkerApp> workers) {
        for (WorkerApp worker : workers) {
            try {
                worker.close();
            } catch (RuntimeException e) {
                LOG.debug("worker did not close cleanly (killed already?): {}", e.toString());
            }
        }
    }

    /** Dies as a crashed process would: no final commit, no group leave, unsent statuses lost (failover tests). */
    public synchronized void kill() {
        consumer.abandon();
        publisher.close();
        producer.close(Duration.ZERO);
        closeVertx();
        credentials.close();
    }

    private void closeVertx() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
    }

    /** Entry point: {@code java -jar sender-worker-all.jar <config.properties>}; keys overridable by environment variables. */
    public static void main(String[] args) throws InterruptedException {
        List<String> prefixes = new ArrayList<>(List.of(
                "bootstrap.",
                "group.",
                "topic.",
                "limits.",
                "retry.",
                "enrich.",
                "inflight.",
                "buffer.",
                "schema.",
                "basic.auth.",
                "kafka.",
                "provider.",
                "http."));
        Registrations.ALL.forEach(r -> prefixes.addAll(r.keyPrefixes()));
        Launcher.run("sender-worker", args, WorkerSettings::from, prefixes, (settings, meters) -> {
            WorkerApp app = start(settings, meters, Clock.systemUTC());
            return Launcher.running(app, app::live, app::running);
        });
    }
}

package io.chatsignals.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.devstack.kafka.EmbeddedKafka;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ingress.IngressApp;
import io.chatsignals.ingress.IngressSettings;
import io.chatsignals.ingress.Verification;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.WhatsAppCloudInbound;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.webhooks.CloudApiWebhook;
import io.chatsignals.webhooks.Samples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * ingress at fixed offered rates (docs/development.md, "Benchmarks"): signed WhatsApp Cloud API webhooks of one message each, posted
 * over HTTP/1.1 to one ingress instance on the embedded broker and registry; requests/s answered 200 and the answer's
 * latency p50/p99 (request sent → answer received, the broker's {@code acks=all} acknowledgement included). In the same
 * run, the floor an HTTP hop adds to: a bare {@code KafkaProducer} (idempotent, {@code acks=all}) writing the same
 * records at the same rate, latency = send → acknowledgement. Prints; asserts nothing.
 */
@Command(name = "ingress-bench", mixinStandardHelpOptions = true, description = "Prints the ingress table.")
public final class IngressBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_SECRET = "bench-app-secret";
    private static final String PHONE = "106540352242922";

    @Option(
            names = "--rates",
            split = ",",
            defaultValue = "500,2000",
            description = "offered requests/s; default ${DEFAULT-VALUE}")
    double[] rates;

    @Option(
            names = "--window",
            defaultValue = "15",
            description = "measured seconds per rate; default ${DEFAULT-VALUE}")
    int window;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds first; default ${DEFAULT-VALUE}")
    int warmup;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngressBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary(Map.of("num.partitions", "6"));
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                        EmbeddedSchemaRegistry.Mode.CHILD_PROCESS, Files.createTempDirectory("ingress-bench"))) {
            String topic = "bench-cloud-" + UUID.randomUUID().toString().substring(0, 6);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1)))
                        .all()
                        .get();
            }
            try (IngressApp ingress = IngressApp.start(
                            IngressSettings.from(AppConfig.of(Map.of(
                                    "bootstrap.servers",
                                    kafka.bootstrapServers(),
                                    "schema.registry.url",
                                    registry.url(),
                                    "topic.inbound-whatsapp-cloud",
                                    topic,
                                    "server.host",
                                    "127.0.0.1",
                                    "server.port",
                                    "0",
                                    "webhooks.whatsapp-cloud.app-secret",
                                    APP_SECRET))),
                            new SimpleMeterRegistry());
                    KafkaProducer<String, byte[]> bare = new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all",
                                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                    true,
                                    ProducerConfig.LINGER_MS_CONFIG,
                                    1),
                            new StringSerializer(),
                            new ByteArraySerializer())) {
                KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
                serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                URI uri = URI.create("http://127.0.0.1:" + ingress.port() + "/webhooks/whatsapp-cloud");
                for (double rate : rates) {
                    Run warm = new Run();
                    Pacing.run(rate, Duration.ofSeconds(warmup), 1, i -> post(http, uri, warm));
                    warm.await();
                    Run viaIngress = new Run();
                    Pacing.run(rate, Duration.ofSeconds(window), 1, i -> post(http, uri, viaIngress));
                    viaIngress.await();
                    Run viaProducer = new Run();
                    Pacing.run(rate, Duration.ofSeconds(window), 1, i -> produce(bare, serializer, topic, viaProducer));
                    viaProducer.await();
                    rows.add(String.format(
                            Locale.ROOT,
                            "| %,.0f | %,.1f | %,d | %,d | %.1f | %.1f | %,.1f | %.1f | %.1f | %.1f |",
                            rate,
                            viaIngress.ok.get() / (double) window,
                            viaIngress.ok.get(),
                            viaIngress.failed.get(),
                            viaIngress.percentile(0.50),
                            viaIngress.percentile(0.99),
                            viaProducer.ok.get() / (double) window,
                            viaProducer.percentile(0.50),
                            viaProducer.percentile(0.99),
                            viaIngress.percentile(0.99) / Math.max(0.001, viaProducer.percentile(0.99))));
                }
            }
        }
        System.out.println();
        System.out.println(
                "| offered/s | ingress 200/s | 200s | other answers | answer p50 ms | p99 ms | bare producer acks/s"
                        + " | ack p50 ms | p99 ms | p99 ingress ÷ bare |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        return 0;
    }

    /** A Cloud API webhook of one message, fresh wamid, signed as Meta signs. */
    private static byte[] webhook() {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Samples.read("whatsapp-cloud-inbound-text.json"));
            var messages = (com.fasterxml.jackson.databind.node.ArrayNode) root.at("/entry/0/changes/0/value/messages");
            messages.remove(1);
            ((ObjectNode) messages.get(0))
                    .put("id", "wamid." + UUID.randomUUID())
                    .put("from", Long.toString(16500000000L + (long) (Math.random() * 1_000_000)));
            return root.toString().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void post(HttpClient http, URI uri, Run run) {
        byte[] body = webhook();
        long started = System.nanoTime();
        run.inFlight.incrementAndGet();
        http.sendAsync(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", Verification.hubSignature(APP_SECRET, body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> run.done(started, e == null && r.statusCode() == 200));
    }

    private static void produce(
            KafkaProducer<String, byte[]> producer,
            KafkaAvroSerializer<SpecificRecord> serializer,
            String topic,
            Run run) {
        try {
            WhatsAppCloudInbound m =
                    CloudApiWebhook.map(JSON.readTree(webhook())).messages().get(0);
            long started = System.nanoTime();
            run.inFlight.incrementAndGet();
            producer.send(
                    new ProducerRecord<>(topic, ProviderSpecs.conversationKey(m), serializer.serialize(topic, m)),
                    (metadata, error) -> run.done(started, error == null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Latencies and outcomes of one measured run; thread-safe. */
    private static final class Run {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong count = new AtomicLong();
        private long[] nanos = new long[1 << 16];

        synchronized void done(long started, boolean success) {
            long took = System.nanoTime() - started;
            (success ? ok : failed).incrementAndGet();
            int i = (int) count.getAndIncrement();
            if (i >= nanos.length) {
                nanos = Arrays.copyOf(nanos, nanos.length * 2);
            }
            nanos[i] = took;
            inFlight.decrementAndGet();
        }

        /** Waits (at most 30 s) for the answers still out. */
        void await() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // a benchmark's own drain, not a test wait
            }
        }

        /** @return the p-th latency, ms */
        synchronized double percentile(double p) {
            return Percentiles.of(nanos, (int) count.get(), p) / 1e6;
        }
    }
}

package io.chatsignals.ingress;

import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** An ingress on fresh topics of a broker, an HTTP client for it, and readers of what it wrote. */
final class IngressHarness implements AutoCloseable {
    static final String AUTH_8X8 = "Basic ZWlnaHQ6Ynktb25lLTA5";
    static final String NX_TOKEN = "nx-path-token-5c1f";
    static final String APP_SECRET = "meta-app-secret-77a0";
    static final String VERIFY_TOKEN = "verify-me-9b2";
    static final String HELPDESK_TOKEN = "helpdesk-bearer-e41d";
    static final String INFOBIP_USER = "acme-infobip";
    static final String INFOBIP_PASSWORD = "ib-pass-3f9c";
    /** The key of the self-made check value in docs/providers/messenger.md. */
    static final String MESSENGER_APP_SECRET = "test_app_secret";

    static final String TWILIO_AUTH_TOKEN = "twilio-auth-token-6d1e";
    /** The client token of the self-made check value in docs/providers/google-rbm.md. */
    static final String RBM_CLIENT_TOKEN = "SJENCPGJESMGUFPY";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IngressApp app;
    private final KafkaBroker kafka;
    private final EmbeddedSchemaRegistry registry;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IngressHarness(KafkaBroker kafka, EmbeddedSchemaRegistry registry, Map<String, String> overrides) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of("8x8", "nx", "cloud", "activity", "dlq", "policies").stream()
                            .map(t -> new NewTopic(topic(t), 2, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("schema.registry.url", registry.url());
        s.put("topic.inbound-8x8", topic("8x8"));
        s.put("topic.inbound-nxcloud", topic("nx"));
        s.put("topic.inbound-whatsapp-cloud", topic("cloud"));
        s.put("topic.inbound-infobip", topic("infobip"));
        s.put("topic.inbound-messenger", topic("messenger"));
        s.put("topic.inbound-twilio", topic("twilio"));
        s.put("topic.inbound-google-rbm", topic("google-rbm"));
        s.put("topic.activity", topic("activity"));
        s.put("topic.inbound-dlq", topic("dlq"));
        s.put("topic.policies", topic("policies"));
        s.put("server.host", "127.0.0.1");
        s.put("server.port", "0");
        s.put("webhooks.8x8.authorization", AUTH_8X8);
        s.put("webhooks.nxcloud.token", NX_TOKEN);
        s.put("webhooks.whatsapp-cloud.app-secret", APP_SECRET);
        s.put("webhooks.whatsapp-cloud.verify-token", VERIFY_TOKEN);
        s.put("webhooks.infobip.username", INFOBIP_USER);
        s.put("webhooks.infobip.password", INFOBIP_PASSWORD);
        s.put("webhooks.messenger.app-secret", MESSENGER_APP_SECRET);
        s.put("webhooks.messenger.verify-token", VERIFY_TOKEN);
        s.put("webhooks.twilio.auth-token", TWILIO_AUTH_TOKEN);
        s.put("webhooks.google-rbm.client-token", RBM_CLIENT_TOKEN);
        s.put("webhooks.twilio.public-url.brand-t", "https://hooks.example.com/twilio/brand-t");
        s.put("webhooks.twilio.auth-token.brand-t", "brand-t-token");
        s.put("activity.token.helpdesk", HELPDESK_TOKEN);
        s.putAll(overrides);
        app = IngressApp.start(IngressSettings.from(AppConfig.of(s)), meters);
    }

    String topic(String name) {
        return "in-" + run + "-" + name;
    }

    /** POSTs a body with headers given as name, value, name, value, … */
    HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends any request: a method, a path, a body (null: none) and headers as name, value, … */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return every record of a topic now (read_committed, from the beginning), keys and contract values */
    List<ConsumerRecord<String, SpecificRecord>> records(String name) {
        KafkaAvroDeserializer<SpecificRecord> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        try (KafkaConsumer<String, SpecificRecord> consumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), values)) {
            return readAll(consumer, topic(name));
        }
    }

    /** @return every record of a topic now, as raw bytes (the DLQ) */
    List<ConsumerRecord<String, byte[]>> raw(String name) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
            return readAll(consumer, topic(name));
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(KafkaConsumer<String, V> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    /** @return the count of {@code chatsignals_ingress_requests_total} for a source and outcome */
    double requests(String source, String outcome) {
        return meters.get("chatsignals.ingress.requests")
                .tag("source", source)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Override
    public void close() {
        app.close();
    }
}

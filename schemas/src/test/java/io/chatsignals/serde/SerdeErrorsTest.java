package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each failure raises its own documented SerializationException subtype, naming topic and schema id. */
@KafkaStack
class SerdeErrorsTest {
    private static final String TOPIC = "chat.commands.v1";
    private HttpServer fakeRegistry;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopFake() {
        if (fakeRegistry != null) {
            fakeRegistry.stop(0);
        }
    }

    @Test
    void wrongMagicByte(EmbeddedSchemaRegistry registry) {
        assertThatThrownBy(() ->
                        deserializer(registry.url()).deserialize(TOPIC, new byte[] {'{', '"', 'a', '"', ':', '1', '}'}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining("magic byte 0x7b");
    }

    @Test
    void unknownSchemaId(EmbeddedSchemaRegistry registry) {
        byte[] framed = {0, 0, 0x0f, 0x42, 0x40, 2, (byte) 120}; // id 0x000f4240 = 1000000
        assertThatThrownBy(() -> deserializer(registry.url()).deserialize(TOPIC, framed))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining("schemaId=1000000")
                .satisfies(e ->
                        assertThat(((SchemaNotFoundException) e).schemaId()).isEqualTo(1_000_000));
    }

    @Test
    void unregisteredSchemaWithAutoRegisterOff(EmbeddedSchemaRegistry registry) {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"),
                false);
        assertThatThrownBy(() -> serializer.serialize("never-registered-topic", ContractSamples.command()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("topic=never-registered-topic")
                .hasMessageContaining("never-registered-topic-value");
    }

    @Test
    void corruptBodyAfterAValidHeader(EmbeddedSchemaRegistry registry) {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        byte[] good = serializer.serialize(TOPIC + "-corrupt", ContractSamples.command());
        byte[] truncated = Arrays.copyOf(good, 12);
        int id = WireFormat.parse(TOPIC, good).schemaId();
        assertThatThrownBy(() -> deserializer(registry.url()).deserialize(TOPIC, truncated))
                .isInstanceOf(AvroPayloadException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining("schemaId=" + id);
    }

    @Test
    void registryDown() {
        String nobody = "http://127.0.0.1:" + FreePorts.pick();
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, nobody), false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, ContractSamples.command()))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining(nobody);
        assertThatThrownBy(() -> deserializer(nobody).deserialize(TOPIC, new byte[] {0, 0, 0, 0, 9, 1}))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining("schemaId=9");
    }

    @Test
    void registryAnswering5xxIsUnavailableAfterBoundedRetries() throws IOException {
        String url = fake(503, "{\"error_code\":50302,\"message\":\"backend down\"}");
        KafkaAvroDeserializer<ChatCommand> deserializer = deserializer(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.RETRIES, "2", SerdeConfig.RETRY_BACKOFF_MS, "10"));
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 5, 1}))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("backend down")
                .hasMessageContaining("schemaId=5");
        assertThat(requests.get()).as("first try and two retries").isEqualTo(3);
    }

    @Test
    void aTransient5xxIsRetriedAndSucceeds(EmbeddedSchemaRegistry registry) throws IOException {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        byte[] bytes = serializer.serialize(TOPIC + "-flaky", ContractSamples.command());
        String url = flakyProxy(registry.url(), 1);
        KafkaAvroDeserializer<ChatCommand> deserializer =
                deserializer(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.RETRY_BACKOFF_MS, "10"));
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(ContractSamples.command());
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void registryAnswering4xxIsARequestErrorAndCredentialsStaySecret() throws IOException {
        String url = fake(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.BASIC_AUTH_USER_INFO, "svc-user:s3cr3t-pw");
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, ContractSamples.command()))
                .isInstanceOf(RegistryRequestException.class)
                .isNotInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("topic=" + TOPIC)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("40101")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
        assertThat(authorizations)
                .containsOnly("Basic "
                        + Base64.getEncoder().encodeToString("svc-user:s3cr3t-pw".getBytes(StandardCharsets.UTF_8)));
        assertThat(SerdeConfig.from(config).toString())
                .doesNotContain("s3cr3t-pw")
                .contains("****");
    }

    @Test
    void credentialsInTheUrlAreUsedAndMasked() throws IOException {
        String url = fake(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}")
                .replace("http://", "http://u2:pw-in-url@");
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL");
        assertThatThrownBy(() -> deserializer(config).deserialize(TOPIC, new byte[] {0, 0, 0, 0, 5, 1}))
                .isInstanceOf(RegistryRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-in-url"));
        assertThat(authorizations)
                .containsOnly(
                        "Basic " + Base64.getEncoder().encodeToString("u2:pw-in-url".getBytes(StandardCharsets.UTF_8)));
        assertThat(SerdeConfig.from(config).toString()).doesNotContain("pw-in-url");
    }

    @Test
    void failsOverToTheNextUrl(EmbeddedSchemaRegistry registry) {
        String urls = "http://127.0.0.1:" + FreePorts.pick() + "," + registry.url();
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, urls), false);
        byte[] bytes = serializer.serialize(TOPIC + "-failover", ContractSamples.command());
        assertThat(deserializer(urls).deserialize(TOPIC, bytes)).isEqualTo(ContractSamples.command());
    }

    private KafkaAvroDeserializer<ChatCommand> deserializer(String url) {
        return deserializer(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url));
    }

    private KafkaAvroDeserializer<ChatCommand> deserializer(Map<String, String> config) {
        Map<String, String> specific = new HashMap<>(config);
        specific.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        KafkaAvroDeserializer<ChatCommand> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(specific, false);
        return deserializer;
    }

    /** Answers the first {@code failures} requests 500, then forwards to the real registry. */
    private String flakyProxy(String target, int failures) throws IOException {
        fakeRegistry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient http = HttpClient.newHttpClient();
        String base = target.substring(target.indexOf("/apis"));
        fakeRegistry.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            byte[] bytes;
            int status;
            if (n <= failures) {
                status = 500;
                bytes = "{\"error_code\":50001,\"message\":\"lock timeout\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    var forwarded = http.send(
                            HttpRequest.newBuilder(URI.create(target.replace(base, "") + exchange.getRequestURI()))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = forwarded.statusCode();
                    bytes = forwarded.body();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fakeRegistry.start();
        return "http://127.0.0.1:" + fakeRegistry.getAddress().getPort() + base;
    }

    /** A stand-in registry that answers every request with the given status and body, recording Authorization headers. */
    private String fake(int status, String body) throws IOException {
        fakeRegistry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeRegistry.createContext("/", exchange -> {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fakeRegistry.start();
        return "http://127.0.0.1:" + fakeRegistry.getAddress().getPort();
    }
}

package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider base URL behind a private CA: trusted through {@code provider.ssl.truststore.*}, and without it a
 * certificate failure that is permanent (one attempt, FAILED with the reason), not retried as transient. The HTTPS
 * server stands for 8x8 and records what it was sent.
 */
@KafkaStack
class ProviderTlsTest {
    private static final String PASSWORD = "changeit-tls";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<String> contentLengths = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;
    private Path trustStore;
    private WorkerHarness h;

    @BeforeEach
    void httpsProvider(KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "provider",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue())
                .as(new String(keytool.getInputStream().readAllBytes()))
                .isZero();
        trustStore = dir.resolve("trust.p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("provider-ca", keys.getCertificate("provider"));
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }

        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost("127.0.0.1")
                        .setPort(0)
                        .setSsl(true)
                        .setKeyCertOptions(
                                new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD)))
                .requestHandler(req -> {
                    contentLengths.add(String.valueOf(req.getHeader("Content-Length")));
                    req.response().setStatusCode(200).end();
                })
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        h = new WorkerHarness(kafka, registry, 1, c -> {});
    }

    @AfterEach
    void close() throws Exception {
        h.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPrivateCaIsTrustedThroughTheProviderTrustStore() {
        h.startWorker(
                Map.of(
                        "eightbyeight.base-url",
                        "https://127.0.0.1:" + server.actualPort(),
                        "enrich.enabled",
                        "false",
                        "provider.ssl.truststore.location",
                        trustStore.toString(),
                        "provider.ssl.truststore.password",
                        PASSWORD),
                meters());
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(contentLengths)
                .as("mark read is a POST without a body: Content-Length 0")
                .containsExactly("0");
    }

    @Test
    void anUntrustedCertificateFailsOnceAsAConfigurationError() {
        h.startWorker(
                Map.of("eightbyeight.base-url", "https://127.0.0.1:" + server.actualPort(), "enrich.enabled", "false"),
                meters());
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getAttempts()).as("not retried as transient").isEqualTo(1);
        assertThat(s.getErrorMessage()).contains("certificate").contains("provider.ssl.truststore");
        assertThat(contentLengths).as("nothing reached the server").isEmpty();
    }

    private static SimpleMeterRegistry meters() {
        return new SimpleMeterRegistry();
    }
}

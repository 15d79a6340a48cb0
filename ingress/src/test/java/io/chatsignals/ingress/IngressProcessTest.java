package io.chatsignals.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.AppProcess;
import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.webhooks.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ingress as users run it: a config file, secrets from the environment and a file, ready on its ops port, metrics, no
 * secret in its log (neither at start nor when it refuses a request that carried a wrong one), a clean SIGTERM.
 */
@KafkaStack
class IngressProcessTest {
    private static final String AUTH = "Basic c2VjcmV0LTh4OC1hdXRo";
    private static final String APP_SECRET = "meta-app-secret-in-a-file";
    private static final String HELPDESK = "helpdesk-token-from-env";

    @Test
    void runsFromAConfigFileKeepsSecretsOutOfItsLogAndStopsOnSigterm(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        Path secretFile = Files.writeString(dir.resolve("app-secret"), APP_SECRET + "\n");
        int port = FreePorts.pick();
        try (AppProcess ingress = AppProcess.start(
                IngressApp.class,
                Map.of(
                        "bootstrap.servers", kafka.bootstrapServers(),
                        "schema.registry.url", registry.url(),
                        "server.host", "127.0.0.1",
                        "server.port", Integer.toString(port),
                        "webhooks.whatsapp-cloud.app-secret-file", secretFile.toString()),
                Map.of("WEBHOOKS_8X8_AUTHORIZATION", AUTH, "ACTIVITY_TOKEN_HELPDESK", HELPDESK),
                List.of("-Xmx256m"),
                dir,
                "ingress")) {
            HttpClient http = HttpClient.newHttpClient();
            byte[] body = Samples.read("8x8-inbound-whatsapp-text.json").getBytes(StandardCharsets.UTF_8);
            assertThat(post(http, port, "/webhooks/8x8", body, "Authorization", AUTH))
                    .isEqualTo(200);
            assertThat(post(http, port, "/webhooks/8x8", body, "Authorization", AUTH + "-but-wrong"))
                    .isEqualTo(403);
            byte[] cloud = Samples.read("whatsapp-cloud-statuses.json").getBytes(StandardCharsets.UTF_8);
            assertThat(post(
                            http,
                            port,
                            "/webhooks/whatsapp-cloud",
                            cloud,
                            "X-Hub-Signature-256",
                            Verification.hubSignature(APP_SECRET, cloud)))
                    .isEqualTo(200);
            assertThat(post(
                            http,
                            port,
                            "/v1/activity",
                            "[]".getBytes(StandardCharsets.UTF_8),
                            "Authorization",
                            "Bearer " + HELPDESK))
                    .as("the token from the environment is known; an empty list is the client's error")
                    .isEqualTo(400);
            assertThat(ingress.get("/metrics").body())
                    .contains(
                            "chatsignals_ingress_requests_total{application=\"ingress\",outcome=\"accepted\",source=\"8x8\"} 1.0")
                    .contains("kafka_producer_");

            ingress.process.destroy(); // SIGTERM
            assertThat(ingress.process.waitFor(40, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(ingress.log);
            assertThat(log).contains("ingress config").contains("ingress listening");
            assertThat(log)
                    .doesNotContain("c2VjcmV0LTh4OC1hdXRo")
                    .doesNotContain(APP_SECRET)
                    .doesNotContain(HELPDESK);
        }
    }

    private static int post(HttpClient http, int port, String path, byte[] body, String header, String value)
            throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/json")
                                .header(header, value)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

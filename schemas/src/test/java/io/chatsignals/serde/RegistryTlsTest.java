package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.chatsignals.schema.ChatCommand;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A registry behind HTTPS with a private CA: trusted through schema.registry.ssl.truststore.*, refused without it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryTlsTest {
    private static final String PASSWORD = "changeit";
    private Path dir;
    private HttpsServer server;
    private String url;

    @BeforeAll
    void startHttpsRegistry(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path keystore = dir.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "registry",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "registry",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                dir.resolve("server.cer").toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "registry",
                "-file",
                dir.resolve("server.cer").toString(),
                "-keystore",
                dir.resolve("trust.p12").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        byte[] body = ("{\"schema\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(ChatCommand.getClassSchema().toString())
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/schemas/ids/7", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    @Test
    void trustsTheRegistryThroughTheConfiguredTruststore() {
        SchemaRegistryClient client = new RestSchemaRegistryClient(SerdeConfig.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                url,
                SerdeConfig.SSL_TRUSTSTORE_LOCATION,
                dir.resolve("trust.p12").toString(),
                SerdeConfig.SSL_TRUSTSTORE_PASSWORD,
                PASSWORD,
                SerdeConfig.SSL_TRUSTSTORE_TYPE,
                "PKCS12")));
        assertThat(client.schemaById(7)).isEqualTo(ChatCommand.getClassSchema());
    }

    @Test
    void refusesAnUntrustedCertificate() {
        SchemaRegistryClient client =
                new RestSchemaRegistryClient(SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url)));
        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("schemaId=7");
    }

    @Test
    void unreadableTruststoreIsAConfigErrorWithoutThePassword() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient(SerdeConfig.from(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL,
                        url,
                        SerdeConfig.SSL_TRUSTSTORE_LOCATION,
                        dir.resolve("missing.p12").toString(),
                        SerdeConfig.SSL_TRUSTSTORE_PASSWORD,
                        "p4ss-w0rd"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SSL_TRUSTSTORE_LOCATION)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("p4ss-w0rd"));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}

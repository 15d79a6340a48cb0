package io.chatsignals.devstack.registry;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedSchemaRegistryTest {
    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
            + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    @ParameterizedTest
    @EnumSource(EmbeddedSchemaRegistry.Mode.class)
    void servesTheConfluentApiWithBackwardCompatibilityAndStopsCleanly(EmbeddedSchemaRegistry.Mode mode, @TempDir Path logs) throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(mode, logs);
        int port = registry.port();
        try {
            assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + port + "/apis/ccompat/v7");
            assertThat(registry.compatibility()).isEqualTo("BACKWARD");

            HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(registry.url() + "/subjects/t-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.body()).contains("\"id\"");
        } finally {
            registry.close();
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 500))
                .as("nothing listens after close").isInstanceOf(java.io.IOException.class);
    }

    @ParameterizedTest
    @EnumSource(EmbeddedSchemaRegistry.Mode.class)
    void missingRunnerSaysHowToBuildIt(EmbeddedSchemaRegistry.Mode mode, @TempDir Path dir) {
        String previous = System.getProperty(RegistryRunner.PROPERTY);
        System.setProperty(RegistryRunner.PROPERTY, dir.resolve("nope.jar").toString());
        try {
            assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(mode, dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mvn -B -pl devstack/registry-runner package");
        } finally {
            if (previous == null) {
                System.clearProperty(RegistryRunner.PROPERTY);
            } else {
                System.setProperty(RegistryRunner.PROPERTY, previous);
            }
        }
    }
}

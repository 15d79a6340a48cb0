package io.chatsignals.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmbeddedSchemaRegistryTest {
    private static final String SCHEMA =
            "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":"
                    + "[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    @ParameterizedTest
    @EnumSource(EmbeddedSchemaRegistry.Mode.class)
    void servesTheConfluentApiWithBackwardCompatibilityAndStopsCleanly(
            EmbeddedSchemaRegistry.Mode mode, @TempDir Path logs) throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(mode, logs);
        int port = registry.port();
        try {
            assertThat(registry.url()).isEqualTo("http://127.0.0.1:" + port + "/apis/ccompat/v7");
            assertThat(registry.compatibility()).isEqualTo("BACKWARD");

            HttpResponse<String> registered = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/t-value/versions"))
                                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                    .POST(HttpRequest.BodyPublishers.ofString(SCHEMA))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.body()).contains("\"id\"");
        } finally {
            registry.close();
        }
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 500))
                .as("nothing listens after close")
                .isInstanceOf(IOException.class);
    }

    /**
     * Different new schemas registered at the same moment all succeed promptly: Apicurio 2.4.2 on H2 deadlocks such
     * registrations until the lock timeout unless its transactions are queued (see {@link RegistrySettings}).
     */
    @ParameterizedTest
    @EnumSource(EmbeddedSchemaRegistry.Mode.class)
    void concurrentFirstRegistrationsOfDifferentSubjectsDoNotStall(EmbeddedSchemaRegistry.Mode mode, @TempDir Path logs)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(mode, logs)) {
            for (int round = 0; round < 4; round++) {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String name = "R" + round + "x" + i;
                    String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"" + name
                            + "\\\",\\\"fields\\\":[{\\\"name\\\":\\\"f\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
                    calls.add(() -> {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(
                                                URI.create(registry.url() + "/subjects/" + name + "-value/versions"))
                                        .timeout(Duration.ofSeconds(5))
                                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                        .POST(HttpRequest.BodyPublishers.ofString(schema))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() + " " + r.body();
                    });
                }
                List<String> answers = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(calls)) {
                    answers.add(f.get()); // a stalled registration fails here with HttpTimeoutException after 5 s
                }
                assertThat(answers).as("round %d", round).allSatisfy(a -> assertThat(a)
                        .startsWith("200 "));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedSchemaRegistry.Mode.class)
    void missingRunnerSaysHowToBuildIt(EmbeddedSchemaRegistry.Mode mode, @TempDir Path dir) {
        String previous = System.getProperty(RegistryRunner.PROPERTY);
        System.setProperty(RegistryRunner.PROPERTY, dir.resolve("nope.jar").toString());
        try {
            assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(mode, dir))
                    .isInstanceOf(IllegalStateException.class)
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

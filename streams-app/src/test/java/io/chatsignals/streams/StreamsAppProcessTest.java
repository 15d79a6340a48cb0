package io.chatsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.FreePorts;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.providers.InboundSpec;
import io.chatsignals.providers.ProviderSpecs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main entry point as users run it: a config file path (with registry credentials in the URL and a JAAS config,
 * which never reach the log), environment overrides, ready on /health/ready, clean SIGTERM.
 */
@KafkaStack
class StreamsAppProcessTest {

    @Test
    void startsFromAConfigFileBecomesReadyAndStopsCleanlyOnSigterm(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        int port = FreePorts.pick();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topicSettings =
                new LinkedHashMap<>(); // every inbound provider of the registry, and the rest
        ProviderSpecs.withInbound().stream()
                .filter(spec -> !spec.inbound().orElseThrow().optIn())
                .forEach(spec ->
                        topicSettings.put(InboundSpec.topicSetting(spec.key()), "proc-" + run + "-" + spec.key()));
        for (String t : List.of("activity", "commands", "inbound-dlq", "policies")) {
            topicSettings.put("topic." + t, "proc-" + run + "-" + t);
        }
        List<String> topics = List.copyOf(topicSettings.values());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(topics.stream()
                            .map(t -> new NewTopic(t, 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        Path config = dir.resolve("streams-app.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "bootstrap.servers=" + kafka.bootstrapServers(),
                        "schema.registry.url="
                                + registry.url()
                                        .replace(
                                                "http://",
                                                "http://reguser:regpass-7f3@"), // README: credentials in the URL
                        "basic.auth.credentials.source=URL",
                        "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-55\";",
                        "application.id=process-" + UUID.randomUUID(),
                        "state.dir=" + dir.resolve("state"),
                        "http.host=127.0.0.1",
                        "http.port=1", // overridden by the environment below
                        topicSettings.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("\n"))));
        Path log = dir.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamsApp.class.getName(),
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .failFast("the app exited: " + log, () -> !process.isAlive())
                    .until(() -> http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(40, TimeUnit.SECONDS))
                    .as("exits within the close bound")
                    .isTrue();
            String output = Files.readString(log);
            assertThat(output).contains("stopping").contains("PENDING_SHUTDOWN -> NOT_RUNNING");
            assertThat(output).doesNotContain("ERROR");
            assertThat(output)
                    .as("secrets masked in the config dump")
                    .contains("streams-app config")
                    .contains("http://****@127.0.0.1")
                    .doesNotContain("regpass-7f3")
                    .doesNotContain("jaas-55");
        } finally {
            process.destroyForcibly();
        }
    }
}

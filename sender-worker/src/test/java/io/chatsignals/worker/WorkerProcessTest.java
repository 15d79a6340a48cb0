package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker as users run it: config file plus environment secrets, ready, working, no secret in its logs, clean SIGTERM. */
@KafkaStack
class WorkerProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsFromAConfigFileKeepsSecretsOutOfItsLogsAndStopsOnSigterm(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        String cloudToken = "EAAG-cloud-token-4d1e";
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 1, c -> {
            c.lenient = true;
            c.whatsappCloud.tokens = Map.of(cloudToken, List.of("*"));
        })) {
            Path secretFile = dir.resolve("nx-secret");
            Files.writeString(secretFile, WorkerHarness.NX_SECRET + "\n");
            Path tokenFile = dir.resolve("cloud-token");
            Files.writeString(tokenFile, cloudToken + "\n");
            Map<String, String> settings = new HashMap<>(
                    h.settings(
                            Map.of(
                                    "nxcloud.secret-file",
                                    secretFile.toString(),
                                    "whatsapp-cloud.token-file",
                                    tokenFile.toString(),
                                    "whatsapp-cloud.base-url",
                                    h.simulator.url(),
                                    "basic.auth.credentials.source",
                                    "URL",
                                    "kafka.consumer.sasl.jaas.config",
                                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-55\";")));
            settings.put(
                    "schema.registry.url",
                    settings.get("schema.registry.url").replace("http://", "http://reguser:regpass-7f3@"));
            settings.remove("eightbyeight.api-key"); // from the environment below
            settings.remove("nxcloud.secret"); // from the file above
            try (WorkerProcess worker = WorkerProcess.start(
                    settings, Map.of("EIGHTBYEIGHT_API_KEY", WorkerHarness.EIGHT_KEY), dir, "worker")) {
                Process process = worker.process;
                Path log = worker.log;
                h.send(WorkerHarness.read8x8(
                        "acme\r\nERROR FORGED log line", "+15551234567", "u-2")); // to the DLQ, logged
                h.send(WorkerHarness.read8x8("acme_support", "+15551234567", "u-1"));
                h.send(WorkerHarness.command(
                        Provider.NXCLOUD,
                        CommandAction.MARK_READ,
                        "8613800000000",
                        "15551234567",
                        "wamid.1",
                        "whatsapp",
                        Instant.now().plusSeconds(60)));
                h.send(WorkerHarness.readCase("TT1", null)); // an IAM token fetched with the Huawei password
                h.send(WorkerHarness.command(
                        Provider.WHATSAPP_CLOUD,
                        CommandAction.TYPING,
                        "106540352242922",
                        "16505551234",
                        "wamid.HBgLMTY1MDU1NTEyMzQ",
                        "whatsapp",
                        Instant.now().plusSeconds(60))); // the Cloud API token from its file
                assertThat(h.awaitStatuses(4, Duration.ofSeconds(30)))
                        .extracting(CommandStatus::getOutcome)
                        .containsOnly(Outcome.SUCCEEDED);
                String metrics = worker.get("/metrics").body();
                assertThat(metrics).contains("chatsignals_commands_total").contains("kafka_consumer_");

                process.destroy(); // SIGTERM
                assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
                String output = Files.readString(log);
                assertThat(output).contains("sender-worker config").contains("stopping");
                assertThat(output)
                        .doesNotContain(WorkerHarness.EIGHT_KEY)
                        .doesNotContain(WorkerHarness.NX_SECRET)
                        .doesNotContain(WorkerHarness.NX_KEY)
                        .doesNotContain("regpass-7f3")
                        .doesNotContain("jaas-55")
                        .doesNotContain(WorkerHarness.HUAWEI_PASSWORD)
                        .doesNotContain(cloudToken)
                        .doesNotContainPattern("MII[0-9a-f]{48}") // an IAM token the simulator issued
                        .contains("http://****@127.0.0.1");
                assertThat(output)
                        .as("a record value cannot start a log line of its own")
                        .contains("to the DLQ")
                        .contains("acme\\r\\nERROR FORGED")
                        .doesNotContain("\nERROR FORGED");
            }
        }
    }

    @Test
    void jsonLogsCarryTheCommandAndConversationOfTheLineTheyLog(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 1, c -> {});
                WorkerProcess worker =
                        WorkerProcess.start(h.settings(Map.of()), Map.of("LOG_FORMAT", "json"), dir, "json-worker")) {
            h.send(WorkerHarness.read8x8("acme_support", "+15551234567", "never-delivered")); // 404: FAILED, logged
            CommandStatus failed = h.awaitStatuses(1, Duration.ofSeconds(30)).get(0);
            assertThat(failed.getOutcome()).isEqualTo(Outcome.FAILED);
            worker.process.destroy();
            assertThat(worker.process.waitFor(40, TimeUnit.SECONDS)).isTrue();

            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(worker.log)) {
                lines.add(JSON.readTree(line)); // every line is one JSON object
            }
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("level").asText()).isEqualTo("WARN");
                assertThat(line.path("formattedMessage").asText()).contains("failed after 1 attempt(s): HTTP 404");
                assertThat(line.at("/mdc/commandId").asText()).isEqualTo(failed.getCommandId());
                assertThat(line.at("/mdc/conversation").asText()).isEqualTo("EIGHT_BY_EIGHT:acme_support:+15551234567");
            });
            assertThat(lines)
                    .anySatisfy(line ->
                            assertThat(line.path("formattedMessage").asText()).contains("sender-worker config"));
        }
    }
}

package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.serde.CachedSchemaRegistryClient;
import io.chatsignals.serde.SerdeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deployed with {@code auto.register.schemas=false} before the status subject exists (the registration step has not
 * run yet): the worker stays not ready and holds its statuses, nothing lost or dead-lettered; once the subject is
 * registered it becomes ready and every command gets its one status (docs/deploy.md and docs/configuration.md, "Avro serde").
 */
@KafkaStack
class StatusSubjectMissingTest {

    @Test
    void theWorkerStaysNotReadyUntilTheStatusSubjectIsRegistered(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 2, c -> c.lenient = true)) {
            WorkerApp worker = h.startWorker(
                    Map.of("auto.register.schemas", "false", "enrich.enabled", "false"), new SimpleMeterRegistry());
            List<ChatCommand> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(read8x8("acct_" + (i % 3), "+1555800" + String.format("%04d", i), "subject-u" + i));
            }
            sent.forEach(h::send);

            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !worker.running() && h.statuses().isEmpty());
            assertThat(worker.live())
                    .as("live: a missing subject is no reason to restart")
                    .isTrue();

            CachedSchemaRegistryClient.fromConfig(
                            SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())))
                    .register(h.statusTopic + "-value", CommandStatus.getClassSchema());

            assertThat(h.awaitStatuses(sent.size(), Duration.ofSeconds(60)))
                    .extracting(CommandStatus::getCommandId)
                    .containsExactlyInAnyOrderElementsOf(
                            sent.stream().map(ChatCommand::getCommandId).toList());
            await().atMost(Duration.ofSeconds(15)).until(worker::running);
        }
    }
}

package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.worker.kafka.OffsetMetadataCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At-least-once with repeats only of in-flight work (docs/operations.md, "Delivery"; docs/design.md, execution rule 2), across a real
 * crash and a clean stop: a worker process is killed with SIGKILL (or stopped with SIGTERM) while a rate-limited
 * account still holds the lowest unfinished offset and the other accounts' commands above it are finished. The
 * replacement loses nothing and repeats none of the finished commands — neither their provider call nor their status —
 * because the commit's metadata recorded them; after SIGTERM it repeats nothing at all.
 */
@KafkaStack
class WorkerCrashTest {
    private static final String SLOW = "slow_acct";
    private static final int SLOW_COMMANDS = 12;
    private static final int OTHERS = 300;
    private static final int IN_FLIGHT_PER_ACCOUNT = 4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void theReplacementRepeatsOnlyWhatWasUnfinished(
            String signal, KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true)) {
            Map<String, String> settings = h.settings(Map.of(
                    "limits.eightbyeight.read-per-second." + SLOW,
                    "1",
                    "enrich.enabled",
                    "false",
                    "inflight.per-account",
                    Integer.toString(IN_FLIGHT_PER_ACCOUNT)));
            List<ChatCommand> sent = new ArrayList<>();
            for (int i = 0;
                    i < SLOW_COMMANDS;
                    i++) { // first in the partition: the lowest unfinished offset for a while
                sent.add(read8x8(SLOW, "+1555700" + String.format("%04d", i), "crash-slow-u" + i));
            }
            for (int i = 0; i < OTHERS; i++) {
                sent.add(read8x8("acct_" + (i % 30), "+1555800" + String.format("%04d", i), "crash-u" + i));
            }
            sent.forEach(h::send);

            try (WorkerProcess first = WorkerProcess.start(settings, Map.of(), dir, "first")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> others(h.statuses()) >= OTHERS);
                // the commit has caught up: what it lists unfinished is at most the slow account's remaining commands
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> unfinishedInCommit(kafka, h) <= SLOW_COMMANDS - slow(h.statuses()));
                if (signal.equals("SIGKILL")) {
                    first.kill();
                } else {
                    first.process.destroy(); // SIGTERM: queued work is dropped, calls in flight finish within the grace
                    assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
            }
            Map<String, Long> callsBefore = callsPerMessage(h.simulator.calls().latest(100_000));
            int statusesBefore = h.statuses().size();

            h.startWorker(
                    Map.of("limits.eightbyeight.read-per-second." + SLOW, "1", "enrich.enabled", "false"),
                    new SimpleMeterRegistry());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> h.statuses().stream()
                                    .map(CommandStatus::getCommandId)
                                    .distinct()
                                    .count()
                            == sent.size());

            List<CommandStatus> statuses = h.statuses();
            Map<String, Long> perCommand = statuses.stream()
                    .collect(Collectors.groupingBy(CommandStatus::getCommandId, Collectors.counting()));
            assertThat(perCommand.keySet())
                    .as("nothing lost")
                    .containsExactlyInAnyOrderElementsOf(
                            sent.stream().map(ChatCommand::getCommandId).toList());
            Set<String> repeated = perCommand.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            Map<String, ChatCommand> byId =
                    sent.stream().collect(Collectors.toMap(ChatCommand::getCommandId, Function.identity()));
            assertThat(repeated)
                    .as("no finished command of another account is repeated")
                    .allSatisfy(id -> assertThat(byId.get(id).getAccount()).isEqualTo(SLOW));
            assertThat(repeated.size())
                    .as("repeats only of commands in flight at the kill")
                    .isLessThanOrEqualTo(IN_FLIGHT_PER_ACCOUNT);
            if (signal.equals("SIGTERM")) {
                assertThat(repeated)
                        .as("a clean shutdown finishes or hands over, and repeats nothing")
                        .isEmpty();
            }

            Map<String, Long> callsAfter = callsPerMessage(h.simulator.calls().latest(100_000));
            long repeatedCalls = sent.stream()
                    .filter(c -> !c.getAccount().equals(SLOW))
                    .filter(c -> callsAfter.getOrDefault(c.getMessageId(), 0L)
                            > callsBefore.getOrDefault(c.getMessageId(), 0L))
                    .count();
            assertThat(repeatedCalls)
                    .as("no provider call repeated for a finished command")
                    .isZero();
            assertThat(statuses.size() - statusesBefore)
                    .as("the replacement published only the slow account's rest")
                    .isLessThanOrEqualTo(SLOW_COMMANDS);
        }
    }

    private static long others(List<CommandStatus> statuses) {
        return statuses.stream()
                .filter(s -> !s.getAccount().equals(SLOW))
                .map(CommandStatus::getCommandId)
                .distinct()
                .count();
    }

    private static long slow(List<CommandStatus> statuses) {
        return statuses.stream()
                .filter(s -> s.getAccount().equals(SLOW))
                .map(CommandStatus::getCommandId)
                .distinct()
                .count();
    }

    private static long unfinishedInCommit(KafkaBroker kafka, WorkerHarness h) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(
                            h.settings(Map.of()).get("group.id"))
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(new TopicPartition(h.commandsTopic, 0));
            if (committed == null) {
                return Long.MAX_VALUE;
            }
            return OffsetMetadataCodec.decode(committed.offset(), committed.metadata())
                    .map(d -> (long) d.unfinished().size())
                    .orElse(Long.MAX_VALUE);
        }
    }

    private static Map<String, Long> callsPerMessage(List<CallLog.Call> calls) {
        Map<String, Long> out = new HashMap<>();
        calls.stream()
                .filter(c -> c.endpoint().equals("8x8.read"))
                .forEach(c -> out.merge(c.messageId(), 1L, Long::sum));
        return out;
    }
}

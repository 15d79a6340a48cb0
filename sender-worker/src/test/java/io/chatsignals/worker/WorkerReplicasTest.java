package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.worker.kafka.OffsetMetadataCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas in one consumer group: they split the partitions, and when one dies the other finishes its work. */
@KafkaStack
class WorkerReplicasTest {
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void replicasSplitThePartitionsAndASurvivorFinishesAKilledReplicasWork(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 4, c -> c.lenient = true);
        Map<String, String> settings = Map.of("enrich.max-wait", "50ms", "limits.eightbyeight.read-per-second", "50");
        WorkerApp a = h.startWorker(settings, new SimpleMeterRegistry());
        WorkerApp b = h.startWorker(settings, new SimpleMeterRegistry());

        List<ChatCommand> first = commands("one", 40);
        first.forEach(h::send);
        List<CommandStatus> firstStatuses = h.awaitStatuses(40, Duration.ofSeconds(60));
        assertThat(firstStatuses)
                .extracting(CommandStatus::getCommandId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        first.stream().map(ChatCommand::getCommandId).toList());
        assertThat(firstStatuses).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        awaitAllCommitted(kafka);

        // slow provider: the second batch is in flight when replica b dies without a clean close
        h.simulator.setBehaviour(Behaviour.none().withLatency(Latency.fixed(300)));
        List<ChatCommand> second = commands("two", 60);
        Map<String, RecordMetadata> landed = new HashMap<>();
        second.forEach(c -> landed.put(c.getCommandId(), h.send(c)));
        await().atMost(Duration.ofSeconds(30)).until(() -> h.statuses().size() >= first.size() + second.size() / 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !finishedPerCommittedOffsets(kafka, landed).isEmpty());
        b.kill();
        Set<String> committedAtKill = finishedPerCommittedOffsets(kafka, landed);

        await().atMost(Duration.ofSeconds(90)).until(() -> ids(h.statuses()).containsAll(ids(second)));
        List<CommandStatus> all = h.statuses();
        assertThat(ids(all)).containsAll(ids(first)).containsAll(ids(second));
        Map<String, Long> perCommand =
                all.stream().collect(Collectors.groupingBy(CommandStatus::getCommandId, Collectors.counting()));
        assertThat(first).allSatisfy(c -> assertThat(perCommand.get(c.getCommandId()))
                .as("committed before the kill")
                .isEqualTo(1));
        assertThat(committedAtKill)
                .as("a repeat is only of work in flight (not committed as finished) at the kill")
                .allSatisfy(id -> assertThat(perCommand.get(id)).as(id).isEqualTo(1));
        assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(a.running()).isTrue();
    }

    /** @return the commands whose offsets the group's committed offsets and metadata record as finished */
    private Set<String> finishedPerCommittedOffsets(KafkaBroker kafka, Map<String, RecordMetadata> landed)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("w-" + h.run)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Set<String> finished = new HashSet<>();
            landed.forEach((id, where) -> {
                OffsetAndMetadata commit = committed.get(new TopicPartition(where.topic(), where.partition()));
                if (commit == null) {
                    return;
                }
                long offset = where.offset();
                Optional<OffsetMetadataCodec.Decoded> known =
                        OffsetMetadataCodec.decode(commit.offset(), commit.metadata());
                boolean below = offset < commit.offset();
                boolean finishedAbove = known.isPresent()
                        && offset < commit.offset() + known.get().span()
                        && !known.get().unfinished().contains(offset);
                if (below || finishedAbove) {
                    finished.add(id);
                }
            });
            return finished;
        }
    }

    private void awaitAllCommitted(KafkaBroker kafka) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var committed = admin.listConsumerGroupOffsets("w-" + h.run)
                        .partitionsToOffsetAndMetadata()
                        .get();
                var ends = admin.listOffsets(committed.keySet().stream()
                                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                        .all()
                        .get();
                return committed.size() == 4
                        && committed.entrySet().stream()
                                .allMatch(e -> e.getValue().offset()
                                        >= ends.get(e.getKey()).offset());
            });
        }
    }

    private static List<ChatCommand> commands(String batch, int n) {
        List<ChatCommand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(read8x8("acct_" + (i % 8), "+1555300" + String.format("%04d", i), batch + "-u" + i));
        }
        return out;
    }

    private static Set<String> ids(List<?> items) {
        Set<String> ids = new HashSet<>();
        for (Object o : items) {
            ids.add(o instanceof ChatCommand c ? c.getCommandId() : ((CommandStatus) o).getCommandId());
        }
        return ids;
    }
}

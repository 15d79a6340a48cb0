package io.chatsignals.devstack.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.streams.StreamsApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Kafka's guarantees as chat-signals relies on them, on a replicated cluster: under steady webhook traffic, the broker
 * leading most partitions of {@code chat.commands.v1} and of streams-app's changelogs is killed with SIGKILL (a separate
 * process) and started again 10 s later, while two streams-app instances (a standby replica each) and a worker run.
 * Every message is read (none lost), none is decided twice (exactly_once_v2 across a leader change and a moved
 * transaction coordinator), every command gets a status, nothing reaches a DLQ.
 */
class BrokerKillTest {
    private static final int PARTITIONS = 6;
    private static final int MESSAGES = 300;
    /** One message per conversation every 100 ms: 10 per second for 30 s. */
    private static final Duration EVERY = Duration.ofMillis(100);

    private static final int KILL_AT = 80;
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);

    @Test
    void theKillOfTheLeadingBrokerLosesNoReadAndDecidesNothingTwice() throws Exception {
        KafkaCluster cluster = KafkaCluster.start(Map.of("num.partitions", Integer.toString(PARTITIONS)));
        try (Stack stack = Stack.start(
                new Stack.Options(
                        PARTITIONS,
                        1,
                        Map.of(
                                "read.delay", "1s",
                                "punctuate.interval", "100ms",
                                "kafka.num.standby.replicas", "1"),
                        Map.of("retry.base", "100ms", "retry.max", "1s", "enrich.max-wait", "2s"),
                        Behaviour.none().withLatency(Latency.uniform(5, 40)),
                        EmbeddedSchemaRegistry.Mode.CHILD_PROCESS,
                        0,
                        86_400),
                cluster,
                (short) 3)) {
            StreamsApp second = stack.addStreams();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> second.state() == KafkaStreams.State.RUNNING
                            && stack.streams().state() == KafkaStreams.State.RUNNING);
            RecordsSeen seen = new RecordsSeen(stack.reader(Topics.COMMANDS, Topics.STATUS));
            Set<String> published = new HashSet<>();
            int victim = 0;
            try (KafkaProducer<String, SpecificRecord> producer = stack.producer()) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                long start = System.nanoTime();
                long restartAt = Long.MAX_VALUE;
                for (int i = 0; i < MESSAGES; i++) {
                    if (i == KILL_AT) {
                        victim = cluster.leaderOfMost(leadershipsThatMatter(stack));
                        cluster.kill(victim);
                        restartAt = System.nanoTime() + DOWN_FOR.toNanos();
                    }
                    if (System.nanoTime() >= restartAt) {
                        cluster.start(victim);
                        restartAt = Long.MAX_VALUE;
                    }
                    String json = i % 2 == 0
                            ? InboundMessages.eightByEight(
                                    "acme_kill", String.format("+1555%07d", i), "whatsapp", Instant.now())
                            : InboundMessages.nxCloud("8613800000099", String.format("86139%08d", i), Instant.now());
                    published.add(i % 2 == 0 ? InboundMessages.umid(json) : InboundMessages.nxId(json));
                    acks.addAll(InboundMessages.publish(stack, producer, json));
                    long next = start + (i + 1) * EVERY.toNanos();
                    while (System.nanoTime() < next) {
                        Thread.sleep(5); // the publishing rate itself, not a wait for a result
                    }
                }
                if (!cluster.isRunning(victim)) {
                    cluster.start(victim);
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // acks=all: every webhook the test counts was durable
                }
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Set<String> read = seen.of(ChatCommand.class).stream()
                        .map(ChatCommand::getMessageId)
                        .collect(Collectors.toSet());
                Set<String> withStatus = seen.of(CommandStatus.class).stream()
                        .map(CommandStatus::getCommandId)
                        .collect(Collectors.toSet());
                return read.containsAll(published)
                        && seen.of(ChatCommand.class).stream().allMatch(c -> withStatus.contains(c.getCommandId()));
            });
            // anything decided twice would show now
            await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
            List<ChatCommand> commands = seen.of(ChatCommand.class);
            Map<String, Long> decisionsPerMessage =
                    commands.stream().collect(Collectors.groupingBy(ChatCommand::getMessageId, Collectors.counting()));
            assertThat(published).as("every message read (none lost)").allMatch(decisionsPerMessage::containsKey);
            assertThat(decisionsPerMessage)
                    .as("no message decided twice across the kill of broker %d", victim)
                    .allSatisfy((message, n) -> assertThat(n).isOne());
            assertThat(commands).extracting(ChatCommand::getAction).containsOnly(CommandAction.MARK_READ);
            assertThat(seen.of(CommandStatus.class))
                    .extracting(CommandStatus::getCommandId)
                    .as("every command a status")
                    .containsAll(
                            commands.stream().map(ChatCommand::getCommandId).toList());
            assertThat(recordsIn(stack, List.of(Topics.INBOUND_DLQ, Topics.COMMANDS_DLQ)))
                    .as("nothing in a DLQ")
                    .isZero();
            seen.close();
        }
    }

    /** chat.commands.v1 and streams-app's changelog topics: where a leader's death tests exactly-once. */
    private static List<String> leadershipsThatMatter(Stack stack) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            List<String> topics = new ArrayList<>(List.of(Topics.COMMANDS));
            admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith("-changelog"))
                    .forEach(topics::add);
            return topics;
        }
    }

    private static long recordsIn(Stack stack, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }
}

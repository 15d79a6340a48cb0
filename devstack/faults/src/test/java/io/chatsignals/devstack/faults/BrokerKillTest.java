package io.chatsignals.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.cluster.KafkaCluster;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.run.Stack;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.StreamsApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** One message per conversation, 10 per second for 30 s. */
    private static final int MESSAGES = 300;

    private static final double PER_SECOND = 10;
    private static final int KILL_AFTER = 80;
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
                        86_400,
                        Map.of()),
                cluster,
                (short) 3)) {
            StreamsApp second = stack.addStreams();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> second.state() == KafkaStreams.State.RUNNING
                            && stack.streams().state() == KafkaStreams.State.RUNNING);
            try (Observed observed = new Observed(stack)) {
                SteadyLoad load = new SteadyLoad(
                                stack, PER_SECOND, 1, List.of(Provider.EIGHT_BY_EIGHT, Provider.NXCLOUD))
                        .start();
                long from = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= KILL_AFTER);
                int victim = cluster.leaderOfMost(FaultTopics.commandsAndChangelogs(stack.bootstrapServers()));
                cluster.kill(victim);
                await().pollDelay(DOWN_FOR).atMost(DOWN_FOR.plusSeconds(5)).until(() -> true); // down this long
                cluster.start(victim);
                await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() >= MESSAGES);
                load.close();
                long to = System.nanoTime();
                Set<String> published = load.acknowledged();
                await().atMost(Duration.ofSeconds(120)).until(() -> observed.complete(published));
                // a quiet period: anything decided twice would show now
                await().during(Duration.ofSeconds(5))
                        .atMost(Duration.ofSeconds(8))
                        .until(() -> observed.commands().size() == published.size());
                Observed.Figures f = observed.figures(published, from, to);
                System.out.println("broker " + victim + " killed: " + f);
                assertThat(load.refused()).as("sends refused").isZero();
                // the load may add a message or two between reaching MESSAGES and its close: count what it published
                assertThat(f.messages()).as("messages the cluster acknowledged").isGreaterThanOrEqualTo(MESSAGES);
                assertThat(f.lost()).as("messages never read").isZero();
                assertThat(f.decidedTwice())
                        .as("messages decided twice across the kill of broker %d", victim)
                        .isZero();
                assertThat(f.withoutStatus()).as("commands without a status").isZero();
                assertThat(observed.commands()).hasSize(published.size());
            }
            assertThat(FaultTopics.dlqRecords(stack.bootstrapServers()))
                    .as("nothing in a DLQ")
                    .isZero();
        }
    }
}

package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.Latency;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher under load: provider limits held, and no head-of-line blocking between accounts of one partition. */
@KafkaStack
class WorkerDispatchTest {
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void withLimitsEqualToTheProvidersASteadyLoadGetsNo429(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> {
            c.lenient = true;
            c.eightByEight.readPerSecond = 5;
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        h.startWorker(Map.of("limits.eightbyeight.read-per-second", "5", "enrich.max-wait", "100ms"), meters);
        int perAccount = 12;
        for (int i = 0; i < perAccount; i++) {
            for (String account : List.of("acct_a", "acct_b", "acct_c")) {
                h.send(read8x8(account, "+1555000" + String.format("%04d", i), account + "-u" + i));
            }
        }

        List<CommandStatus> all = h.awaitStatuses(3 * perAccount, Duration.ofSeconds(60));
        assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(all).allMatch(s -> s.getAttempts() == 1);
        assertThat(h.simulator.calls().rejected("8x8.read", "rate-limited")).isZero();
        assertThat(h.simulator.calls().rejected("8x8.details", "rate-limited")).isZero();
    }

    @Test
    void aThrottledAccountNeverDelaysTheOtherAccountsOfItsPartition(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        h.startWorker(
                Map.of("limits.eightbyeight.read-per-second.slow_acct", "1", "enrich.max-wait", "50ms"),
                new SimpleMeterRegistry());
        for (int i = 0; i < 20; i++) {
            h.send(read8x8(
                    "slow_acct", "+1555100" + String.format("%04d", i), "slow-u" + i)); // queued first, same partition
        }
        for (int a = 0; a < 50; a++) {
            for (int i = 0; i < 2; i++) {
                h.send(read8x8("acct_" + a, "+1555200" + String.format("%04d", i), "acct_" + a + "-u" + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> others(h.statuses()) == 100);
        assertThat(h.statuses())
                .filteredOn(s -> !s.getAccount().equals("slow_acct"))
                .extracting(CommandStatus::getOutcome)
                .containsOnly(Outcome.SUCCEEDED);
        // the slow account still gets through, at its own 1/s
        await().atMost(Duration.ofSeconds(40))
                .until(() -> h.statuses().stream()
                                .filter(s -> s.getAccount().equals("slow_acct"))
                                .count()
                        == 20);
        List<Instant> slow = h.statuses().stream()
                .filter(s -> s.getAccount().equals("slow_acct"))
                .map(CommandStatus::getCompletedAt)
                .sorted()
                .toList();
        Instant othersDone = h.statuses().stream()
                .filter(s -> !s.getAccount().equals("slow_acct"))
                .map(CommandStatus::getCompletedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        // measured on the provider's clock, not the machine's speed: held to 1/s, the slow account's 5th call cannot
        // come
        // before ~4 s; the 100 commands queued behind its 20 were all done before it
        assertThat(othersDone)
                .as("every other account finished before the throttled one's 5th command")
                .isBefore(slow.get(4));
    }

    /**
     * Several calls of one account run at once (inflight.per-account 4, 20–120 ms each), yet each conversation's
     * commands reach the provider one at a time and in the order they were queued (docs/design.md, execution rule 3).
     */
    @Test
    void commandsOfOneConversationReachTheProviderInOrderWhileTheAccountRunsCallsInParallel(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> {
            c.lenient = true;
            c.behaviour = Behaviour.none().withLatency(Latency.uniform(20, 120));
        });
        h.startWorker(
                Map.of(
                        "inflight.per-account",
                        "4",
                        "enrich.enabled",
                        "false",
                        "limits.eightbyeight.read-per-second",
                        "100"),
                new SimpleMeterRegistry());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            for (String customer : List.of("+15557000001", "+15557000002", "+15557000003")) {
                ChatCommand c = read8x8("order_acct", customer, customer + "-m" + i);
                sent.computeIfAbsent(customer, k -> new ArrayList<>()).add(c.getMessageId());
                h.send(c);
            }
        }
        h.awaitStatuses(36, Duration.ofSeconds(40));
        List<CallLog.Call> calls = h.simulator.calls().latest(1000).stream()
                .filter(c -> c.endpoint().equals("8x8.read"))
                .toList();
        for (Map.Entry<String, List<String>> conversation : sent.entrySet()) {
            assertThat(calls.stream()
                            .map(CallLog.Call::messageId)
                            .filter(conversation.getValue()::contains)
                            .toList())
                    .as("calls of conversation %s", conversation.getKey())
                    .containsExactlyElementsOf(conversation.getValue());
        }
        assertThat(h.statuses()).extracting(CommandStatus::getAttempts).containsOnly(1);
    }

    @Test
    void aFullBufferPausesThePartitionsUntilWorkDrains(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        h.startWorker(
                Map.of("buffer.max", "4", "limits.eightbyeight.read-per-second", "1", "enrich.max-wait", "50ms"),
                meters);
        // one account may hold only its share (a tenth of 4: one command): it takes several accounts to fill it
        for (int i = 0; i < 20; i++) {
            h.send(read8x8("acct_bp" + i % 10, "+1555400" + String.format("%04d", i), "bp-u" + i));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("chatsignals.partitions.paused").gauge().value() > 0);
        assertThat(h.awaitStatuses(20, Duration.ofSeconds(40)))
                .extracting(CommandStatus::getOutcome)
                .containsOnly(Outcome.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("chatsignals.partitions.paused").gauge().value() == 0);
    }

    @Test
    void aHotAccountOverItsBufferShareNeverStallsTheOthers(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        h.startWorker(
                Map.of( // buffer.per-account unset: its default share, a tenth of this small buffer
                        "buffer.max",
                        "100",
                        "limits.eightbyeight.read-per-second.hot_acct",
                        "1",
                        "enrich.enabled",
                        "false"),
                meters);
        for (int i = 0; i < 150; i++) { // more than the whole buffer, queued first on the same partition
            h.send(read8x8("hot_acct", "+1555500" + String.format("%04d", i), "hot-u" + i));
        }
        for (int a = 0; a < 50; a++) {
            for (int i = 0; i < 2; i++) {
                h.send(read8x8("acct_" + a, "+1555600" + String.format("%04d", i), "acct_" + a + "-hot-u" + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> others(h.statuses(), "hot_acct") == 100);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> h.statuses().stream()
                                .filter(s -> s.getAccount().equals("hot_acct"))
                                .count()
                        >= 5);
        List<Instant> hot = h.statuses().stream()
                .filter(s -> s.getAccount().equals("hot_acct"))
                .map(CommandStatus::getCompletedAt)
                .sorted()
                .toList();
        Instant othersDone = h.statuses().stream()
                .filter(s -> !s.getAccount().equals("hot_acct"))
                .map(CommandStatus::getCompletedAt)
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(othersDone)
                .as("held to 1/s, the hot account's 5th command comes after every other account's")
                .isBefore(hot.get(4));
        assertThat(meters.get("chatsignals.buffer.parked").gauge().value())
                .as("its excess is parked, not held in memory")
                .isPositive();
        assertThat(meters.get("chatsignals.partitions.paused").gauge().value())
                .as("nothing paused for it")
                .isZero();
        // its share is 10 (a tenth of buffer.max): the 12th status is of a command that was parked and came back
        await().atMost(Duration.ofSeconds(40))
                .until(() -> h.statuses().stream()
                                .filter(s -> s.getAccount().equals("hot_acct"))
                                .count()
                        >= 12);
    }

    private static long others(List<CommandStatus> statuses) {
        return others(statuses, "slow_acct");
    }

    private static long others(List<CommandStatus> statuses, String account) {
        return statuses.stream().filter(s -> !s.getAccount().equals(account)).count();
    }
}

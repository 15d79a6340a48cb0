package io.chatsignals.worker;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void withLimitsEqualToTheProvidersASteadyLoadGetsNo429(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
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
    void aThrottledAccountNeverDelaysTheOtherAccountsOfItsPartition(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        h.startWorker(Map.of("limits.eightbyeight.read-per-second.slow_acct", "1", "enrich.max-wait", "50ms"), new SimpleMeterRegistry());
        for (int i = 0; i < 20; i++) {
            h.send(read8x8("slow_acct", "+1555100" + String.format("%04d", i), "slow-u" + i)); // queued first, same partition
        }
        for (int a = 0; a < 50; a++) {
            for (int i = 0; i < 2; i++) {
                h.send(read8x8("acct_" + a, "+1555200" + String.format("%04d", i), "acct_" + a + "-u" + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> others(h.statuses()) == 100);
        long slowDone = h.statuses().stream().filter(s -> s.getAccount().equals("slow_acct")).count();
        assertThat(slowDone).as("the throttled account went at its own 1/s meanwhile").isLessThan(10);
        assertThat(h.statuses()).filteredOn(s -> !s.getAccount().equals("slow_acct"))
                .extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        // and the slow account still gets through, in order per conversation
        await().atMost(Duration.ofSeconds(40)).until(() -> h.statuses().stream().filter(s -> s.getAccount().equals("slow_acct")).count() == 20);
    }

    @Test
    void aFullBufferPausesThePartitionsUntilWorkDrains(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        h.startWorker(Map.of("buffer.max", "4", "limits.eightbyeight.read-per-second", "5", "enrich.max-wait", "50ms"), meters);
        for (int i = 0; i < 20; i++) {
            h.send(read8x8("acct_bp", "+1555400" + String.format("%04d", i), "bp-u" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("chatsignals.partitions.paused").gauge().value() > 0);
        assertThat(h.awaitStatuses(20, Duration.ofSeconds(40))).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("chatsignals.partitions.paused").gauge().value() == 0);
    }

    @Test
    void aHotAccountOverItsBufferShareNeverStallsTheOthers(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 1, c -> c.lenient = true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        h.startWorker(Map.of("buffer.max", "100", "buffer.per-account", "20", "limits.eightbyeight.read-per-second.hot_acct", "1",
                "enrich.enabled", "false"), meters);
        for (int i = 0; i < 150; i++) { // more than the whole buffer, queued first on the same partition
            h.send(read8x8("hot_acct", "+1555500" + String.format("%04d", i), "hot-u" + i));
        }
        for (int a = 0; a < 50; a++) {
            for (int i = 0; i < 2; i++) {
                h.send(read8x8("acct_" + a, "+1555600" + String.format("%04d", i), "acct_" + a + "-hot-u" + i));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> others(h.statuses(), "hot_acct") == 100);
        assertThat(h.statuses().stream().filter(s -> s.getAccount().equals("hot_acct")).count())
                .as("the hot account went at its own 1/s meanwhile").isLessThan(40);
        assertThat(meters.get("chatsignals.buffer.parked").gauge().value()).as("its excess is parked, not held in memory").isPositive();
        assertThat(meters.get("chatsignals.partitions.paused").gauge().value()).as("nothing paused for it").isZero();
    }

    private static long others(List<CommandStatus> statuses) {
        return others(statuses, "slow_acct");
    }

    private static long others(List<CommandStatus> statuses, String account) {
        return statuses.stream().filter(s -> !s.getAccount().equals(account)).count();
    }
}

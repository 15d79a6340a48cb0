package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The promise "a slow or rate-limited account never stalls the other accounts, not even through the intake buffer",
 * held from outside: a worker as a separate JVM with a small {@code buffer.max}, one NXCloud business phone limited to
 * 1 call/s with 1,500 commands queued on one partition, then 300 commands of 100 other phones on the other five. The
 * others finish as if the hot phone were not there; the hot phone goes on at its rate.
 */
@KafkaStack
class HotAccountProcessTest {
    private static final String HOT = "8613900000000";

    @ParameterizedTest(name = "buffer.max={0}")
    @ValueSource(ints = {1000, 200})
    void aHotAccountNeverStallsTheOthersWhateverTheBufferSize(
            int bufferMax, KafkaBroker kafka, EmbeddedSchemaRegistry registry, @TempDir Path dir) throws Exception {
        try (WorkerHarness h = new WorkerHarness(kafka, registry, 6, c -> c.lenient = true)) {
            Map<String, String> settings = new HashMap<>(h.settings(
                    Map.of("buffer.max", Integer.toString(bufferMax), "limits.nxcloud.read-per-second." + HOT, "1")));
            try (WorkerProcess worker = WorkerProcess.start(settings, Map.of(), dir, "worker")) {
                for (int i = 0; i < 1500; i++) {
                    h.sendTo(0, read(HOT, "8615500" + String.format("%06d", i), "hot-" + i));
                }
                Instant othersSent = Instant.now();
                for (int a = 0; a < 100; a++) {
                    for (int i = 0; i < 3; i++) {
                        String phone = "86137" + String.format("%08d", a);
                        h.sendTo(1 + a % 5, read(phone, "8615600" + String.format("%06d", i), phone + "-m" + i));
                    }
                }
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> others(h) >= 300);
                System.out.println("others done in " + Duration.between(othersSent, Instant.now()));
                assertThat(h.statuses().stream()
                                .filter(s -> s.getAccount().equals(HOT))
                                .count())
                        .as("the hot phone held to 1/s")
                        .isLessThan(60);
            }
        }
    }

    private static long others(WorkerHarness h) {
        return h.statuses().stream().filter(s -> !s.getAccount().equals(HOT)).count();
    }

    private static ChatCommand read(String phone, String customer, String messageId) {
        return WorkerHarness.command(
                Provider.NXCLOUD,
                CommandAction.MARK_READ,
                phone,
                customer,
                messageId,
                "whatsapp",
                Instant.now().plusSeconds(600));
    }
}

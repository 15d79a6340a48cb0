package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.HUAWEI_DOMAIN;
import static io.chatsignals.worker.WorkerHarness.readCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Huawei case mark-read over real HTTP to the simulator's IAM and service-ticket endpoints (issue 13). */
@KafkaStack
class HuaweiCaseWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @BeforeEach
    void stack(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> c.huawei.tokenTtlSeconds = 3);
    }

    @AfterEach
    void close() {
        h.close();
    }

    /**
     * Tokens live 3 s here and are refreshed 1 s ahead: over 8 s of reads every call succeeds at the first attempt, one
     * token fetch serves many calls, and a token revoked mid-run (a password change) is replaced after one 401.
     */
    @Test
    void readsSucceedWhileTokensExpireAndAreRevoked() {
        h.startWorker(Map.of("huawei-case.iam.refresh-ahead", "1s"), meters);
        List<String> cases = List.of("TT1", "TT2", "TT3");
        int sent = 0;
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        boolean revoked = false;
        while (System.nanoTime() < end) {
            for (String c : cases) {
                h.send(readCase(c, c.equals("TT2") ? "g-7" : null));
                sent++;
            }
            int expected = sent;
            await().atMost(WAIT).until(() -> h.statuses().size() >= expected);
            if (!revoked && sent >= 30) {
                h.simulator.huawei().revokeTokens(HUAWEI_DOMAIN);
                revoked = true;
            }
        }
        List<CommandStatus> statuses = h.statuses();
        assertThat(statuses).hasSize(sent).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(statuses).extracting(CommandStatus::getEnrichment).containsOnly(Enrichment.NOT_APPLICABLE);
        assertThat(statuses)
                .filteredOn(s -> s.getAttempts() > 1)
                .as("only the calls refused with the revoked token repeat")
                .allSatisfy(s -> assertThat(s.getAttempts()).isEqualTo(2))
                .hasSizeLessThanOrEqualTo(3);
        long fetched = h.simulator.huawei().tokensIssued();
        assertThat(fetched)
                .as("tokens shared across calls, refreshed ahead of the 3 s expiry")
                .isBetween(3L, (long) sent / 3);
        assertThat(h.simulator.calls().latest(1000))
                .filteredOn(c -> c.endpoint().equals("huawei.read") && !c.accepted())
                .extracting(CallLog.Call::reason)
                .containsOnly("revoked-token");
        assertThat(cases)
                .allSatisfy(c -> assertThat(h.simulator.huawei().readMarks(c)).isEqualTo((int)
                        statuses.stream().filter(s -> s.getCustomer().equals(c)).count()));
    }

    @Test
    void aWrongPasswordEndsCommandsFailedWithTheReasonAndNeverLeaksThePassword() {
        h.startWorker(Map.of("huawei-case.iam.password", "wrong-secret-value"), meters);
        h.send(readCase("TT1", null));
        h.send(readCase("TT2", null));

        List<CommandStatus> statuses = h.awaitStatuses(2, WAIT);
        assertThat(statuses).extracting(CommandStatus::getOutcome).containsOnly(Outcome.FAILED);
        assertThat(statuses).allSatisfy(s -> {
            assertThat(s.getErrorMessage()).contains("IAM").contains("401").doesNotContain("wrong-secret-value");
            assertThat(s.getAttempts()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownCaseIsABusinessErrorAnsweredWithHttp200() {
        h.startWorker(Map.of(), meters);
        h.send(readCase("TT-unknown", null));
        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getHttpStatus()).isEqualTo(200);
        assertThat(s.getErrorMessage()).startsWith("OSM.01010003");
    }

    /** A configuration of the release before the settings took the provider's key (huawei.*) still logs in and reads. */
    @Test
    void theFormerSettingNamesAreStillRead() {
        Map<String, String> former = new HashMap<>();
        h.settings(Map.of()).forEach((key, value) -> former.put(key.replaceFirst("^huawei-case\\.", "huawei."), value));
        assertThat(former).containsKey("huawei.iam.password").doesNotContainKey("huawei-case.iam.password");
        h.startWorkerOn(former, meters, Clock.systemUTC());
        h.send(readCase("TT1", null));
        assertThat(h.awaitStatuses(1, WAIT))
                .extracting(CommandStatus::getOutcome)
                .containsExactly(Outcome.SUCCEEDED);
        assertThat(h.simulator.huawei().readMarks("TT1")).isEqualTo(1);
    }

    @Test
    void aCaseIdThatIsNotOnePathSegmentGoesToTheDlq() {
        h.startWorker(Map.of(), meters);
        h.send(readCase("../TT1", null));
        h.send(readCase("TT1", null));
        assertThat(h.awaitStatuses(1, WAIT))
                .extracting(CommandStatus::getCustomer)
                .containsExactly("TT1");
        assertThat(h.deadLetters(1)).hasSize(1);
        assertThat(h.simulator.huawei().readMarks("TT1")).isEqualTo(1);
    }
}

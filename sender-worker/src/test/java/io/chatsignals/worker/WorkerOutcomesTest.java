package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each outcome path of a command, over real HTTP to the simulator and the embedded broker and registry. */
@KafkaStack
class WorkerOutcomesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private KafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;
    private WorkerHarness h;

    @BeforeEach
    void stack(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        h = new WorkerHarness(kafka, registry, 2, c -> {});
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void eightByEightReadSucceedsAndIsEnrichedWithTheLatestStep() {
        h.known8x8("u-1", "acme_support", "whatsapp", 2);
        h.startWorker(Map.of(), meters);
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getAttempts()).isEqualTo(1);
        assertThat(s.getHttpStatus()).isEqualTo(200);
        assertThat(s.getErrorCode()).isNull();
        assertThat(s.getFirstAttemptAt()).isNotNull();
        assertThat(s.getEnrichment()).isEqualTo(Enrichment.ENRICHED);
        assertThat(s.getDetails().getStep()).isEqualTo(2);
        assertThat(s.getDetails().getRecords()).isEqualTo(2);
        assertThat(s.getDetails().getChannel()).isEqualTo("WhatsApp");
        assertThat(h.simulator.calls().accepted("8x8.details")).isEqualTo(1);
        assertThat(s.getDecidedBy())
                .as("the policy that decided it, for an auditor")
                .isEqualTo(new DecidedBy(PolicySource.ACCOUNT, "on-agent-view", "EIGHT_BY_EIGHT:acme_support", 7L));
    }

    @Test
    void nxCloudTypingSucceedsAndIsNotEnriched() {
        h.knownNx("wamid.1", "8613800000000");
        h.startWorker(Map.of(), meters);
        h.send(WorkerHarness.command(
                Provider.NXCLOUD,
                CommandAction.TYPING,
                "8613800000000",
                "15551234567",
                "wamid.1",
                "whatsapp",
                Instant.now().plusSeconds(10)));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getEnrichment()).isEqualTo(Enrichment.NOT_APPLICABLE);
        assertThat(h.simulator.calls().accepted("nxcloud.typing")).isEqualTo(1);
    }

    @Test
    void permanentErrorFailsWithTheProvidersCodeMessageAndErrorId() {
        h.startWorker(Map.of(), meters);
        h.send(read8x8("acme_support", "+15551234567", "never-delivered"));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getAttempts()).isEqualTo(1);
        assertThat(s.getHttpStatus()).isEqualTo(404);
        assertThat(s.getErrorCode()).isEqualTo(1300);
        assertThat(s.getErrorMessage()).contains("not found");
        assertThat(s.getErrorId()).isNotBlank();
        assertThat(s.getEnrichment()).isEqualTo(Enrichment.NOT_APPLICABLE);
    }

    @Test
    void commandPastItsNotAfterExpiresWithoutACall() {
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of(), meters);
        h.send(WorkerHarness.command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.TYPING,
                "acme_support",
                "+15551234567",
                "u-1",
                "whatsapp",
                Instant.now().minusSeconds(1)));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(s.getAttempts()).isZero();
        assertThat(s.getFirstAttemptAt()).isNull();
        assertThat(h.simulator.calls().counts()).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() {
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.simulator.setBehaviour(Behaviour.none().withFaults(1.0, 0, 0).onlyFor("8x8.read"));
        h.startWorker(Map.of(), meters);
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        await().atMost(WAIT).until(() -> h.simulator.calls().rejected("8x8.read", "fault-5xx") >= 2);
        h.simulator.setBehaviour(Behaviour.none());
        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getAttempts()).isGreaterThanOrEqualTo(3);
        assertThat(meters.counter("chatsignals.retries", "provider", "EIGHT_BY_EIGHT", "action", "MARK_READ")
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReadOutlastsAProviderOutageLongerThanFiveAttempts() {
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.simulator.setBehaviour(Behaviour.none().withFaults(1.0, 0, 0).onlyFor("8x8.read"));
        h.startWorker(Map.of("retry.max", "100ms", "enrich.enabled", "false"), meters);
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        await().atMost(WAIT).until(() -> h.simulator.calls().rejected("8x8.read", "fault-5xx") >= 8);
        assertThat(h.statuses()).as("no FAILED while reads may still be sent").isEmpty();
        h.simulator.setBehaviour(Behaviour.none());
        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getAttempts()).isGreaterThan(8);
    }

    @Test
    void aCommandWaitingOutA429PastItsNotAfterEndsAtItsNotAfter() throws Exception {
        h.close();
        h = new WorkerHarness(
                kafka, registry, 1, c -> c.eightByEight.typingPerSecond = 0.03); // a second call waits ~33 s
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.known8x8("u-2", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of(), meters);
        h.send(WorkerHarness.command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.TYPING,
                "acme_support",
                "+15550000001",
                "u-1",
                "whatsapp",
                Instant.now().plusSeconds(10)));
        // whole ms, as the contract carries it (timestamp-millis): Instant.now() has µs that the record drops
        Instant notAfter = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        h.send(WorkerHarness.command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.TYPING,
                "acme_support",
                "+15550000002",
                "u-2",
                "whatsapp",
                notAfter));

        List<CommandStatus> all = h.awaitStatuses(2, WAIT);
        CommandStatus late = all.stream()
                .filter(s -> s.getMessageId().equals(WorkerHarness.umid("u-2")))
                .findFirst()
                .orElseThrow();
        assertThat(late.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(late.getHttpStatus()).isEqualTo(429);
        assertThat(Duration.between(notAfter, late.getCompletedAt()))
                .as("ends at its notAfter, not at the Retry-After")
                .isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(h.simulator.calls().rejected("8x8.typing", "rate-limited"))
                .as("its one call, none after notAfter")
                .isEqualTo(1);
        assertThat(h.simulator.calls().accepted("8x8.typing")).isEqualTo(1);
    }

    @Test
    void aProvider429IsHonouredAndEverythingStillSucceeds() throws Exception {
        h.close();
        h = new WorkerHarness(kafka, registry, 1, c -> c.eightByEight.readPerSecond = 1);
        for (int i = 0; i < 4; i++) {
            h.known8x8("u-" + i, "acme_support", "whatsapp", 1);
        }
        h.startWorker(Map.of("limits.eightbyeight.read-per-second", "20", "enrich.max-wait", "100ms"), meters);
        for (int i = 0; i < 4; i++) {
            h.send(read8x8("acme_support", "+1555000000" + i, "u-" + i));
        }

        List<CommandStatus> all = h.awaitStatuses(4, WAIT);
        assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(h.simulator.calls().rejected("8x8.read", "rate-limited")).isGreaterThanOrEqualTo(1);
        assertThat(meters.counter(
                                "chatsignals.provider.rate.limited",
                                "provider",
                                "EIGHT_BY_EIGHT",
                                "action",
                                "MARK_READ",
                                "status",
                                "429")
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void enrichmentIsSkippedWhenTheDetailsBudgetCannotServeItInTime() {
        for (int i = 0; i < 3; i++) {
            h.known8x8("u-" + i, "acme_support", "whatsapp", 1);
        }
        h.startWorker(Map.of("enrich.max-wait", "300ms"), meters);
        for (int i = 0; i < 3; i++) {
            h.send(read8x8("acme_support", "+1555000000" + i, "u-" + i));
        }

        List<CommandStatus> all = h.awaitStatuses(3, WAIT);
        assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(all)
                .filteredOn(s -> s.getEnrichment() == Enrichment.ENRICHED)
                .hasSize(1);
        assertThat(all)
                .filteredOn(s -> s.getEnrichment() == Enrichment.SKIPPED)
                .hasSize(2)
                .allMatch(s -> s.getDetails() == null);
        assertThat(h.simulator.calls().rejected("8x8.details", "rate-limited"))
                .as("the worker kept to 1/s")
                .isZero();
    }

    @Test
    void enrichmentSwitchedOffPublishesSkippedWithoutALookup() {
        CommandStatus s = oneSucceededRead("u-off", Map.of("enrich.enabled", "false"));
        assertThat(s.getEnrichment()).isEqualTo(Enrichment.SKIPPED);
        assertThat(s.getDetails()).isNull();
        assertThat(h.simulator.calls().accepted("8x8.details")).isZero();
    }

    @Test
    void aFailedLookupNeverTurnsTheSuccessIntoAFailure() {
        h.simulator.setBehaviour(Behaviour.none().withFaults(1.0, 0, 0).onlyFor("8x8.details"));
        CommandStatus s = oneSucceededRead("u-1", Map.of("enrich.max-wait", "1s"));
        assertThat(s.getEnrichment()).isEqualTo(Enrichment.LOOKUP_FAILED);
        assertThat(s.getDetails()).isNull();
    }

    /** One 8x8 read of a known message through a worker with these settings; its status, asserted SUCCEEDED. */
    private CommandStatus oneSucceededRead(String umid, Map<String, String> settings) {
        h.known8x8(umid, "acme_support", "whatsapp", 1);
        h.startWorker(settings, meters);
        h.send(read8x8("acme_support", "+15551234567", umid));
        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        return s;
    }

    @Test
    void nxCloudStaleTimestampIsResignedAndRetriedOnce() {
        h.knownNx("wamid.1", "8613800000000");
        AtomicBoolean first = new AtomicBoolean(true);
        Clock staleOnce = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now();
            }

            @Override
            public long millis() {
                return first.getAndSet(false) ? System.currentTimeMillis() - 120_000 : System.currentTimeMillis();
            }
        };
        h.startWorker(Map.of(), meters, staleOnce);
        h.send(WorkerHarness.command(
                Provider.NXCLOUD,
                CommandAction.MARK_READ,
                "8613800000000",
                "15551234567",
                "wamid.1",
                "whatsapp",
                Instant.now().plusSeconds(60)));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getAttempts()).isEqualTo(2);
        assertThat(h.simulator.calls().rejected("nxcloud.read", "stale-ts")).isEqualTo(1);
    }

    @Test
    void undecodableAndInvalidCommandsGoToTheDlqAndTheLoopGoesOn() {
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of(), meters);
        h.sendRaw("EIGHT_BY_EIGHT:acme_support", "{not avro}".getBytes(StandardCharsets.UTF_8));
        h.send(read8x8("bad subaccount!", "+15551234567", "u-1"));
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        assertThat(h.awaitStatuses(1, WAIT))
                .extracting(CommandStatus::getOutcome)
                .containsExactly(Outcome.SUCCEEDED);
        List<ConsumerRecord<byte[], byte[]>> dead = h.deadLetters(2);
        assertThat(dead)
                .extracting(r -> new String(
                        r.headers().lastHeader("chatsignals.dlq.reason").value(), StandardCharsets.UTF_8))
                .anySatisfy(
                        reason -> assertThat(reason).startsWith("undecodable").contains("magic byte"))
                .anySatisfy(reason -> assertThat(reason).startsWith("invalid").contains("bad subaccount!"));
        assertThat(dead).allSatisfy(r -> assertThat(new String(
                        r.headers().lastHeader("chatsignals.dlq.topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(h.commandsTopic));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not avro}");
    }

    @Test
    void anActionTheChannelCannotTakeIsUnsupportedWithoutACall() {
        h.startWorker(Map.of(), meters);
        h.send(WorkerHarness.command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.MARK_READ,
                "acme_support",
                "+15551234567",
                "u-rcs",
                "rcs",
                Instant.now().plusSeconds(60)));
        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.UNSUPPORTED);
        assertThat(h.simulator.calls().counts()).isEmpty();
    }
}

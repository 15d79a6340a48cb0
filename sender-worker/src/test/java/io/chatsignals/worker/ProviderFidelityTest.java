package io.chatsignals.worker;

import static io.chatsignals.worker.WorkerHarness.read8x8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.Behaviour;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What independent probes of the provider contracts found (path escape, NXCloud appkey, details 429s, timeout
 * messages, channel case), over real HTTP to the simulator and the embedded broker and registry.
 */
@KafkaStack
class ProviderFidelityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PHONE = "8613800000000";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    private WorkerHarness harness(KafkaBroker kafka, EmbeddedSchemaRegistry registry, Consumer<SimulatorConfig> setup)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 1, setup);
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void umidsThatCouldLeaveTheirPathSegmentGoToTheDlqAndNoRequestLeaves(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        harness(kafka, registry, c -> c.lenient = true);
        h.startWorker(Map.of(), meters);
        for (String umid : List.of("..", ".", "x/../y", "m-1")) {
            h.send(WorkerHarness.commandAsIs(
                    Provider.EIGHT_BY_EIGHT,
                    CommandAction.MARK_READ,
                    "acme_support",
                    "+15551234567",
                    umid,
                    "whatsapp",
                    Instant.now().plusSeconds(60)));
        }
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        assertThat(h.awaitStatuses(1, WAIT))
                .extracting(CommandStatus::getOutcome)
                .containsExactly(Outcome.SUCCEEDED);
        List<ConsumerRecord<byte[], byte[]>> dead = h.deadLetters(4);
        assertThat(dead)
                .extracting(r -> new String(
                        r.headers().lastHeader("chatsignals.dlq.reason").value(), StandardCharsets.UTF_8))
                .allSatisfy(reason -> assertThat(reason)
                        .startsWith("invalid")
                        .contains("umid")
                        .contains("UUID"));
        assertThat(h.simulator.calls().accepted("8x8.read")).isEqualTo(1);
        assertThat(h.simulator.calls().accepted("8x8.details")).isEqualTo(1);
        assertThat(h.simulator.calls().latest(100))
                .as("every request went to a documented path")
                .allSatisfy(call -> assertThat(call.reason()).isNotEqualTo("dot-segment"));
    }

    @Test
    void nxCloudTypingWithoutAnAppKeyTakesTheConfiguredOneElseIsUnsupported(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        harness(
                kafka,
                registry,
                c -> c.nxcloud.credentials.get(WorkerHarness.NX_KEY).appKeys.put(PHONE, "app-77"));
        h.knownNx("wamid.1", PHONE);
        h.startWorker(Map.of("nxcloud.app-key." + PHONE, "app-77"), meters);
        h.send(withoutAppId(WorkerHarness.command(
                Provider.NXCLOUD,
                CommandAction.TYPING,
                PHONE,
                "15551234567",
                "wamid.1",
                "whatsapp",
                Instant.now().plusSeconds(10))));
        h.send(withoutAppId(WorkerHarness.command(
                Provider.NXCLOUD,
                CommandAction.TYPING,
                "8613900000000",
                "15551234567",
                "wamid.2",
                "whatsapp",
                Instant.now().plusSeconds(10))));

        List<CommandStatus> all = h.awaitStatuses(2, WAIT);
        assertThat(all)
                .extracting(s -> s.getAccount() + " " + s.getOutcome())
                .containsExactlyInAnyOrder(PHONE + " SUCCEEDED", "8613900000000 UNSUPPORTED");
        assertThat(h.simulator.calls().accepted("nxcloud.typing"))
                .as("the configured appkey was the bound one")
                .isEqualTo(1);
        assertThat(h.simulator.calls().latest(100))
                .as("no call without an appkey")
                .hasSize(1);
    }

    @Test
    void details429sAreCountedPauseTheKeyAndEndSkipped(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        harness(
                kafka,
                registry,
                c -> c.eightByEight.detailsPerSecond = 0.2); // stricter than the worker's 1/s: a 429 comes
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.known8x8("u-2", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of("enrich.max-wait", "1500ms"), meters);
        h.send(read8x8("acme_support", "+15550000001", "u-1"));
        h.send(read8x8("acme_support", "+15550000002", "u-2"));

        List<CommandStatus> all = h.awaitStatuses(2, WAIT);
        assertThat(all).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        assertThat(all)
                .extracting(CommandStatus::getEnrichment)
                .as("a lookup that only met 429s is the budget's doing")
                .containsExactlyInAnyOrder(Enrichment.ENRICHED, Enrichment.SKIPPED);
        assertThat(h.simulator.calls().rejected("8x8.details", "rate-limited")).isEqualTo(1);
        assertThat(meters.counter(
                                "chatsignals.provider.rate.limited",
                                "provider",
                                "EIGHT_BY_EIGHT",
                                "action",
                                "DETAILS",
                                "status",
                                "429")
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("chatsignals.ratelimiter.paused").gauge().value())
                .as("paused for its Retry-After")
                .isEqualTo(1);
    }

    @Test
    void aTimeoutSaysWhatTimedOutAndAfterHowLong(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        harness(
                kafka,
                registry,
                c -> c.behaviour = Behaviour.none().withFaults(0, 1.0, 0).onlyFor("8x8.read"));
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of("http.request-timeout", "300ms", "retry.max-attempts", "1"), meters);
        h.send(read8x8("acme_support", "+15551234567", "u-1"));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getErrorMessage())
                .contains("POST /api/v1/subaccounts/acme_support/messages/" + WorkerHarness.umid("u-1") + "/read")
                .contains("within the request timeout of 300 ms")
                .doesNotContain("server null");
    }

    @Test
    void channelsAreCarriedInLowerCase(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        harness(kafka, registry, c -> {});
        h.known8x8("u-1", "acme_support", "whatsapp", 1);
        h.startWorker(Map.of("enrich.enabled", "false"), meters);
        h.send(WorkerHarness.command(
                Provider.EIGHT_BY_EIGHT,
                CommandAction.TYPING,
                "acme_support",
                "+15551234567",
                "u-1",
                "WhatsApp",
                Instant.now().plusSeconds(10)));

        CommandStatus s = h.awaitStatuses(1, WAIT).get(0);
        assertThat(s.getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getChannel()).isEqualTo("whatsapp");
    }

    private static ChatCommand withoutAppId(ChatCommand command) {
        command.setAppId(null); // app_id is optional in NXCloud webhooks
        return command;
    }
}

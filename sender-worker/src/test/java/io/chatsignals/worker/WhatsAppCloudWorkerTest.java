package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Enrichment;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp Cloud API gateway over real HTTP to the simulator's Cloud API and 360dialog endpoints
 * (docs/providers.md, "Meta WhatsApp Cloud API"): answers by code, the token rule, and rate limits scoped to the
 * phone number or to one customer.
 */
@KafkaStack
class WhatsAppCloudWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PHONE = "106540352242922";
    private static final String PHONE_360 = "106540352242923";
    private static final String TOKEN = "cloud-token-never-logged";
    private static final String KEY_360 = "d360-key-never-logged";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private void start(
            KafkaBroker kafka,
            EmbeddedSchemaRegistry registry,
            Consumer<SimulatorConfig.WhatsAppCloud> simulator,
            Map<String, String> worker)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> {
            c.whatsappCloud.tokens = Map.of(TOKEN, List.of(PHONE));
            c.whatsappCloud.apiKeys360 = Map.of(KEY_360, PHONE_360);
            simulator.accept(c.whatsappCloud);
        });
        Map<String, String> settings = new HashMap<>(
                Map.of("whatsapp-cloud.base-url", h.simulator.url(), "whatsapp-cloud.token." + PHONE, TOKEN));
        settings.putAll(worker);
        h.startWorker(settings, meters);
    }

    private void known(String wamid, String phone, String customer) {
        h.simulator
                .messages()
                .register(new KnownMessages.Message(
                        "whatsapp-cloud", wamid, phone, customer, "whatsapp", Instant.now(), 1));
    }

    private static ChatCommand command(CommandAction action, String phone, String customer, String wamid) {
        return WorkerHarness.commandAsIs(
                Provider.WHATSAPP_CLOUD,
                action,
                phone,
                customer,
                wamid,
                "whatsapp",
                Instant.now().plusSeconds(60));
    }

    private Map<String, CommandStatus> statusesById(int count) {
        return h.awaitStatuses(count, WAIT).stream()
                .collect(Collectors.toMap(CommandStatus::getCommandId, s -> s, (a, b) -> a));
    }

    /** Reads and typing succeed; an unknown wamid and a refused token fail with Meta's code and fbtrace_id. */
    @Test
    void answersByCode(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        start(kafka, registry, c -> {}, Map.of("whatsapp-cloud.token.106540352242999", "not-a-token-meta-knows"));
        known("wamid.ok-1", PHONE, "16505551234");
        known("wamid.ok-2", PHONE, "16505551234");
        ChatCommand read = command(CommandAction.MARK_READ, PHONE, "16505551234", "wamid.ok-1");
        ChatCommand typing = command(CommandAction.TYPING, PHONE, "16505551234", "wamid.ok-2");
        ChatCommand unknown = command(CommandAction.MARK_READ, PHONE, "16505550000", "wamid.never-delivered");
        ChatCommand badToken = command(CommandAction.MARK_READ, "106540352242999", "16505551234", "wamid.x");
        ChatCommand badPhone = command(CommandAction.MARK_READ, "1065/../x", "16505551234", "wamid.x");
        for (ChatCommand c : List.of(read, typing, unknown, badToken)) {
            h.send(c);
        }
        Map<String, CommandStatus> byId = statusesById(4);
        assertThat(byId.get(read.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(read.getCommandId()).getEnrichment()).isEqualTo(Enrichment.NOT_APPLICABLE);
        assertThat(byId.get(typing.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        CommandStatus notKnown = byId.get(unknown.getCommandId());
        assertThat(notKnown.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(notKnown.getErrorCode()).isEqualTo(131009);
        assertThat(notKnown.getErrorId()).as("fbtrace_id").isNotBlank();
        assertThat(notKnown.getAttempts()).as("permanent: one attempt").isEqualTo(1);
        CommandStatus refused = byId.get(badToken.getCommandId());
        assertThat(refused.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.getErrorCode()).isEqualTo(190);
        assertThat(refused.getHttpStatus()).isEqualTo(401);
        assertThat(refused.getErrorMessage()).contains("replace whatsapp-cloud.token");
        assertThat(refused.getAttempts()).isEqualTo(1);

        h.send(badPhone); // not a phone number id: dead-lettered by the intake, no call
        assertThat(h.deadLetters(1)).hasSize(1);
        assertThat(h.simulator.calls().latest(100))
                .extracting(CallLog.Call::endpoint)
                .containsOnly("whatsapp-cloud.messages");
        assertThat(h.simulator.calls().accepted("whatsapp-cloud.messages")).isEqualTo(2);
    }

    /** 360dialog is the same gateway with its base URL, path and header: the key selects the number. */
    @Test
    void threeSixtyDialogProfile(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        start(
                kafka,
                registry,
                c -> {},
                Map.of(
                        "whatsapp-cloud.path",
                        "/messages",
                        "whatsapp-cloud.auth-header",
                        "D360-API-KEY",
                        "whatsapp-cloud.auth-scheme",
                        "none",
                        "whatsapp-cloud.token." + PHONE_360,
                        KEY_360));
        known("wamid.d360-1", PHONE_360, "16505551234");
        known("wamid.d360-2", PHONE_360, "16505551235");
        ChatCommand read = command(CommandAction.MARK_READ, PHONE_360, "16505551234", "wamid.d360-1");
        ChatCommand typing = command(CommandAction.TYPING, PHONE_360, "16505551235", "wamid.d360-2");
        h.send(read);
        h.send(typing);
        assertThat(statusesById(2).values())
                .extracting(CommandStatus::getOutcome)
                .containsOnly(Outcome.SUCCEEDED);
        assertThat(h.simulator.calls().accepted("whatsapp-cloud.360dialog")).isEqualTo(2);
    }

    /**
     * The pair limit (131056) of one customer pauses only that conversation: the number's other customers keep
     * flowing while the limited one's second call waits {@code whatsapp-cloud.pair-wait} and then succeeds.
     */
    @Test
    void aPairLimitDoesNotStallTheNumbersOtherCustomers(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        start(kafka, registry, c -> c.pairPerSecond = 0.5, Map.of("whatsapp-cloud.pair-wait", "2500ms"));
        known("wamid.a-1", PHONE, "16500000001");
        known("wamid.a-2", PHONE, "16500000001");
        ChatCommand first = command(CommandAction.MARK_READ, PHONE, "16500000001", "wamid.a-1");
        ChatCommand second = command(CommandAction.TYPING, PHONE, "16500000001", "wamid.a-2");
        h.send(first);
        h.send(second);
        List<ChatCommand> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String customer = "1650100000" + i;
            known("wamid.o-" + i, PHONE, customer);
            others.add(command(CommandAction.MARK_READ, PHONE, customer, "wamid.o-" + i));
        }
        others.forEach(h::send);

        Map<String, CommandStatus> byId = statusesById(12);
        assertThat(byId.values()).extracting(CommandStatus::getOutcome).containsOnly(Outcome.SUCCEEDED);
        CommandStatus limited = byId.get(second.getCommandId());
        assertThat(limited.getAttempts())
                .as("the second call met the pair limit once")
                .isEqualTo(2);
        Instant lastOther = others.stream()
                .map(c -> byId.get(c.getCommandId()).getCompletedAt())
                .max(Instant::compareTo)
                .orElseThrow();
        assertThat(lastOther)
                .as("the other customers finished while the limited conversation waited")
                .isBefore(limited.getCompletedAt().minusMillis(1500));
        assertThat(h.simulator.calls().rejected("whatsapp-cloud.messages", "pair-rate-limited"))
                .isEqualTo(1);
        assertThat(h.simulator.calls().rejected("whatsapp-cloud.messages", "rate-limited"))
                .isZero();
    }

    /**
     * Over the number's throughput (130429) the number's bucket pauses for the Retry-After and every call succeeds; with
     * {@code limits.whatsapp-cloud.conversation-spacing} a conversation's calls start that far apart.
     */
    @Test
    void theNumbersLimitPausesItsBucketAndSpacingSeparatesAConversationsCalls(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        start(
                kafka,
                registry,
                c -> c.perSecond = 4,
                Map.of(
                        "limits.whatsapp-cloud.messages-per-second", "40",
                        "limits.whatsapp-cloud.conversation-spacing", "1200ms"));
        List<ChatCommand> commands = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String customer = "1650200000" + i;
            known("wamid.n-" + i, PHONE, customer);
            commands.add(command(CommandAction.MARK_READ, PHONE, customer, "wamid.n-" + i));
        }
        for (int i = 0; i < 3; i++) {
            known("wamid.s-" + i, PHONE, "16503000000");
            commands.add(command(CommandAction.TYPING, PHONE, "16503000000", "wamid.s-" + i));
        }
        commands.forEach(h::send);
        assertThat(statusesById(15).values())
                .extracting(CommandStatus::getOutcome)
                .containsOnly(Outcome.SUCCEEDED);
        assertThat(h.simulator.calls().rejected("whatsapp-cloud.messages", "rate-limited"))
                .as("the simulator's 4/s was hit, and answered with 130429")
                .isPositive();
        List<Instant> spaced = h.simulator.calls().latest(1000).stream()
                .filter(c -> c.accepted() && c.messageId().startsWith("wamid.s-"))
                .map(CallLog.Call::at)
                .sorted()
                .toList();
        assertThat(spaced).hasSize(3);
        for (int i = 1; i < spaced.size(); i++) {
            assertThat(Duration.between(spaced.get(i - 1), spaced.get(i)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1100));
        }
    }

    /**
     * A number the provider throttles at 5/s while the worker is configured at Meta's default 80/s: the worker learns
     * the rate (AIMD) instead of meeting a 429 every second. With a recovery of 10 s, after the first seconds at most
     * one throttling answer per recovery (and one more for the phase), every read succeeds, and the learned rate is a
     * gauge while it is under the configured one.
     */
    @Test
    void aNumberThrottledHarderThanConfiguredLearnsItsRate(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        start(kafka, registry, c -> c.perSecond = 5, Map.of("limits.adaptive.recovery", "10s"));
        int count = 100;
        for (int i = 0; i < count; i++) {
            String customer = "1650400" + String.format("%04d", i);
            known("wamid.t-" + i, PHONE, customer);
            h.send(command(CommandAction.MARK_READ, PHONE, customer, "wamid.t-" + i));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.find("chatsignals.ratelimiter.learned").gauge() != null);
        assertThat(h.awaitStatuses(count, Duration.ofSeconds(90)))
                .extracting(CommandStatus::getOutcome)
                .containsOnly(Outcome.SUCCEEDED);
        List<CallLog.Call> calls = h.simulator.calls().latest(10_000);
        List<Instant> throttled = calls.stream()
                .filter(c -> "rate-limited".equals(c.reason()))
                .map(CallLog.Call::at)
                .toList();
        Instant first =
                calls.stream().map(CallLog.Call::at).min(Instant::compareTo).orElseThrow();
        Instant last =
                calls.stream().map(CallLog.Call::at).max(Instant::compareTo).orElseThrow();
        Instant settled = first.plusSeconds(5);
        long after = throttled.stream().filter(settled::isBefore).count();
        long recoveries = Duration.between(settled, last).toSeconds() / 10;
        System.out.printf(
                "throttled %d, %d after the first 5 s of %d s%n",
                throttled.size(), after, Duration.between(first, last).toSeconds());
        assertThat(after)
                .as(
                        "throttling answers after the first 5 s of a %d s run",
                        Duration.between(first, last).toSeconds())
                .isLessThanOrEqualTo(recoveries + 1);
    }
}

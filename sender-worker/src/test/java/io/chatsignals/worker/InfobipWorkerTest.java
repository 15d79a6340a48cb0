package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Infobip gateway over real HTTP to the simulator's Infobip API (docs/providers/infobip.md): each sender's own base
 * URL and API key, mark read and typing as Infobip documents them, and its error codes.
 */
@KafkaStack
class InfobipWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SENDER = "385921004026";
    private static final String OTHER_SENDER = "385921004027";
    private static final String KEY = "infobip-key-never-logged";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static ChatCommand command(CommandAction action, String sender, String customer, String messageId) {
        return WorkerHarness.commandAsIs(
                Provider.INFOBIP,
                action,
                sender,
                customer,
                messageId,
                "whatsapp",
                Instant.now().plusSeconds(60));
    }

    /**
     * Read and typing succeed with the sender's own base URL and key; a message the sender never received fails with
     * Infobip's E404; a sender without a base URL fails naming the setting, without a call.
     */
    @Test
    void readAndTypingWithEachSendersBaseUrlAndKey(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> c.infobip.apiKeys = Map.of(KEY, List.of(SENDER)));
        h.startWorker(
                Map.of("infobip.base-url." + SENDER, h.simulator.url(), "infobip.api-key." + SENDER, KEY), meters);
        h.simulator
                .messages()
                .register(new KnownMessages.Message(
                        "infobip", "ib-msg-1", SENDER, "385916242493", "whatsapp", Instant.now(), 1));
        ChatCommand read = command(CommandAction.MARK_READ, SENDER, "385916242493", "ib-msg-1");
        ChatCommand typing = command(CommandAction.TYPING, SENDER, "385916242493", "ib-msg-1");
        ChatCommand unknown = command(CommandAction.MARK_READ, SENDER, "385916242493", "ib-never-received");
        ChatCommand noBaseUrl = command(CommandAction.MARK_READ, OTHER_SENDER, "385916242493", "ib-msg-2");
        for (ChatCommand c : List.of(read, typing, unknown, noBaseUrl)) {
            h.send(c);
        }
        Map<String, CommandStatus> byId = h.awaitStatuses(4, WAIT).stream()
                .collect(Collectors.toMap(CommandStatus::getCommandId, s -> s, (a, b) -> a));
        assertThat(byId.get(read.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(read.getCommandId()).getHttpStatus()).isEqualTo(204);
        assertThat(byId.get(typing.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        CommandStatus notFound = byId.get(unknown.getCommandId());
        assertThat(notFound.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(notFound.getHttpStatus()).isEqualTo(404);
        assertThat(notFound.getErrorMessage()).isEqualTo("E404: Message not found");
        CommandStatus unconfigured = byId.get(noBaseUrl.getCommandId());
        assertThat(unconfigured.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(unconfigured.getErrorMessage()).contains("set infobip.base-url[." + OTHER_SENDER + "]");
        assertThat(h.simulator.calls().latest(100))
                .extracting(CallLog.Call::endpoint)
                .containsOnly("infobip.read", "infobip.typing");
        assertThat(h.simulator.calls().accepted("infobip.read")).isEqualTo(1);
        assertThat(h.simulator.calls().accepted("infobip.typing")).isEqualTo(1);
    }
}

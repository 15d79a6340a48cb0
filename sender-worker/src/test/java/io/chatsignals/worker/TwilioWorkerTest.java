package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.devstack.simulator.CallLog;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.devstack.simulator.SimulatorConfig;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.CommandStatus;
import io.chatsignals.schema.Outcome;
import io.chatsignals.schema.Provider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio gateway over real HTTP to the simulator's typing indicator (docs/providers/twilio.md): WhatsApp typing
 * with the account's own key, RCS typing only when turned on and with the account's RCS sender, an unknown message
 * SID answered 20404, a SID of the wrong shape dead-lettered with its reason, without a call.
 */
@KafkaStack
class TwilioWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCOUNT = "AC0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String OTHER = "ACffffffffffffffffffffffffffffffff";
    private static final String KEY_SID = "SK00000000000000000000000000000001";
    private static final String SECRET = "twilio-secret-never-logged";
    private static final String SID = "SM5e6b1d3c2b9a4f7e8d0c1b2a3f4e5d6c";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static ChatCommand typing(String account, String customer, String sid, String channel) {
        return WorkerHarness.commandAsIs(
                Provider.TWILIO,
                CommandAction.TYPING,
                account,
                customer,
                sid,
                channel,
                Instant.now().plusSeconds(60));
    }

    @Test
    void whatsAppAndRcsTypingWithTheAccountsKey(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> {
            SimulatorConfig.Twilio.Key key = new SimulatorConfig.Twilio.Key();
            key.secret = SECRET;
            key.account = ACCOUNT;
            c.twilio.keys = Map.of(KEY_SID, key);
        });
        h.startWorker(
                Map.of(
                        "twilio.base-url",
                        h.simulator.url(),
                        "twilio.key-sid." + ACCOUNT,
                        KEY_SID,
                        "twilio.key-secret." + ACCOUNT,
                        SECRET,
                        "twilio.rcs-typing",
                        "true",
                        "twilio.rcs-sender." + ACCOUNT,
                        "rcs:acme_agent"),
                meters);
        h.simulator
                .messages()
                .register(new KnownMessages.Message(
                        "twilio", SID, ACCOUNT, "whatsapp:+15551234567", "whatsapp", Instant.now(), 1));
        ChatCommand whatsApp = typing(ACCOUNT, "whatsapp:+15551234567", SID, "whatsapp");
        ChatCommand rcs = typing(ACCOUNT, "rcs:+15551234567", "SM00000000000000000000000000000002", "rcs");
        ChatCommand unknown =
                typing(ACCOUNT, "whatsapp:+15551234567", "SM00000000000000000000000000000003", "whatsapp");
        ChatCommand badSid = typing(ACCOUNT, "whatsapp:+15551234567", "not-a-sid", "whatsapp");
        ChatCommand noKey = typing(OTHER, "whatsapp:+15551234567", SID, "whatsapp");
        for (ChatCommand c : List.of(whatsApp, rcs, unknown, badSid, noKey)) {
            h.send(c);
        }
        Map<String, CommandStatus> byId = h.awaitStatuses(4, WAIT).stream()
                .collect(Collectors.toMap(CommandStatus::getCommandId, s -> s, (a, b) -> a));
        assertThat(byId.get(whatsApp.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(rcs.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(unknown.getCommandId()).getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(byId.get(unknown.getCommandId()).getHttpStatus()).isEqualTo(404);
        assertThat(byId).doesNotContainKey(badSid.getCommandId());
        assertThat(h.deadLetters(1)).singleElement().satisfies(r -> assertThat(new String(
                        r.headers().lastHeader("chatsignals.dlq.reason").value(), StandardCharsets.UTF_8))
                .contains("is not a Twilio message SID"));
        assertThat(byId.get(noKey.getCommandId()).getErrorMessage()).contains("set twilio.key-sid[." + OTHER + "]");
        assertThat(h.simulator.calls().latest(100))
                .extracting(CallLog.Call::endpoint)
                .containsOnly("twilio.typing", "twilio.typing-rcs");
        assertThat(h.simulator.calls().accepted("twilio.typing")).isEqualTo(1);
        assertThat(h.simulator.calls().accepted("twilio.typing-rcs")).isEqualTo(1);
        assertThat(byId.values()).allSatisfy(s -> assertThat(String.valueOf(s)).doesNotContain(SECRET));
    }
}

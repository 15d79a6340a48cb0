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
 * The Messenger gateway over real HTTP to the simulator's Send API (docs/providers/messenger.md): mark_seen and
 * typing_on with the account's token and appsecret_proof, an Instagram account on its own host, and the Graph errors
 * of a customer who never wrote and of a closed window.
 */
@KafkaStack
class MessengerWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PAGE = "107700000000001";
    private static final String IG_ACCOUNT = "17841400000000001";
    private static final String TOKEN = "page-token-never-logged";
    private static final String IG_TOKEN = "ig-token-never-logged";
    private static final String APP_SECRET = "app-secret-never-logged";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static ChatCommand command(CommandAction action, String account, String customer, String channel) {
        return WorkerHarness.commandAsIs(
                Provider.MESSENGER,
                action,
                account,
                customer,
                "m_" + customer,
                channel,
                Instant.now().plusSeconds(60));
    }

    @Test
    void senderActionsWithEachAccountsTokenAndProof(KafkaBroker kafka, EmbeddedSchemaRegistry registry)
            throws Exception {
        h = new WorkerHarness(kafka, registry, 2, c -> {
            c.messenger.tokens = Map.of(TOKEN, List.of(PAGE), IG_TOKEN, List.of(IG_ACCOUNT));
            c.messenger.appSecret = APP_SECRET;
        });
        String simulator = h.simulator.url() + "/messenger";
        h.startWorker(
                Map.of(
                        "messenger.base-url",
                        simulator,
                        "messenger.base-url." + IG_ACCOUNT,
                        simulator,
                        "messenger.token." + PAGE,
                        TOKEN,
                        "messenger.token." + IG_ACCOUNT,
                        IG_TOKEN,
                        "messenger.app-secret",
                        APP_SECRET),
                meters);
        KnownMessages known = h.simulator.messages();
        Instant now = Instant.now();
        known.register(new KnownMessages.Message("messenger", "m_2490001", PAGE, "2490001", "messenger", now, 1));
        known.register(new KnownMessages.Message("messenger", "m_2490002", IG_ACCOUNT, "2490002", "instagram", now, 1));
        known.register(new KnownMessages.Message(
                "messenger", "m_2490003", PAGE, "2490003", "messenger", now.minus(Duration.ofHours(25)), 1));
        ChatCommand seen = command(CommandAction.MARK_READ, PAGE, "2490001", "messenger");
        ChatCommand typing = command(CommandAction.TYPING, PAGE, "2490001", "messenger");
        ChatCommand instagram = command(CommandAction.MARK_READ, IG_ACCOUNT, "2490002", "instagram");
        ChatCommand stranger = command(CommandAction.MARK_READ, PAGE, "2490999", "messenger");
        ChatCommand closed = command(CommandAction.MARK_READ, PAGE, "2490003", "messenger");
        for (ChatCommand c : List.of(seen, typing, instagram, stranger, closed)) {
            h.send(c);
        }
        Map<String, CommandStatus> byId = h.awaitStatuses(5, WAIT).stream()
                .collect(Collectors.toMap(CommandStatus::getCommandId, s -> s, (a, b) -> a));
        assertThat(byId.get(seen.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(typing.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(instagram.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(stranger.getCommandId()).getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(byId.get(stranger.getCommandId()).getErrorMessage()).contains("No matching user found");
        assertThat(byId.get(closed.getCommandId()).getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(byId.get(closed.getCommandId()).getErrorMessage()).contains("outside the messaging window");
        assertThat(h.simulator.calls().latest(100))
                .extracting(CallLog.Call::endpoint)
                .containsOnly("messenger.sender-actions");
        assertThat(h.simulator.calls().accepted("messenger.sender-actions")).isEqualTo(3);
        assertThat(byId.values())
                .allSatisfy(s -> assertThat(String.valueOf(s)).doesNotContain(TOKEN, IG_TOKEN, APP_SECRET));
    }
}

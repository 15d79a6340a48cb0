package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RBM gateway over real HTTP to the simulator (docs/providers/google-rbm.md): Google's auth library gets an OAuth
 * token for the agent's service account from the simulator's token endpoint (a real RS256 JWT-bearer grant) once and
 * reuses it; READ and IS_TYPING are sent as agent events; a number that never wrote (not RCS-enabled) fails NOT_FOUND,
 * never retried; the key never reaches a status.
 */
@KafkaStack
class GoogleRbmWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AGENT = "acme-agent";
    private static final String ACCOUNT = "rbm@acme.iam.gserviceaccount.com";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private WorkerHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static ChatCommand command(CommandAction action, String phone, String messageId) {
        return WorkerHarness.commandAsIs(
                Provider.GOOGLE_RBM,
                action,
                AGENT,
                phone,
                messageId,
                "rcs",
                Instant.now().plusSeconds(60));
    }

    @Test
    void readAndTypingWithAServiceAccountsToken(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        h = new WorkerHarness(kafka, registry, 2, c -> {
            c.googleRbm.serviceAccounts = Map.of(
                    ACCOUNT, Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
            c.googleRbm.agents = Map.of(AGENT, ACCOUNT);
        });
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String keyFile = new ObjectMapper()
                .createObjectNode()
                .put("type", "service_account")
                .put("project_id", "acme")
                .put("private_key_id", "k1")
                .put("private_key", pem)
                .put("client_email", ACCOUNT)
                .put("client_id", "1")
                .put("token_uri", h.simulator.url() + "/token")
                .toString();
        h.startWorker(
                Map.of("google-rbm.base-url", h.simulator.url(), "google-rbm.service-account-key." + AGENT, keyFile),
                meters);
        h.simulator
                .messages()
                .register(new KnownMessages.Message(
                        "google-rbm", "msg-1", AGENT, "+12223334444", "rcs", Instant.now(), 1));
        ChatCommand read = command(CommandAction.MARK_READ, "+12223334444", "msg-1");
        ChatCommand typing = command(CommandAction.TYPING, "+12223334444", "msg-1");
        ChatCommand notRcs = command(CommandAction.TYPING, "+19998887777", "msg-9");
        for (ChatCommand c : List.of(read, typing, notRcs)) {
            h.send(c);
        }
        Map<String, CommandStatus> byId = h.awaitStatuses(3, WAIT).stream()
                .collect(Collectors.toMap(CommandStatus::getCommandId, s -> s, (a, b) -> a));
        assertThat(byId.get(read.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(byId.get(typing.getCommandId()).getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        CommandStatus notFound = byId.get(notRcs.getCommandId());
        assertThat(notFound.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(notFound.getErrorMessage()).contains("not RCS-enabled");
        assertThat(notFound.getAttempts()).isEqualTo(1);
        assertThat(h.simulator.calls().accepted("google-rbm.token"))
                .as("one token, cached")
                .isEqualTo(1);
        assertThat(h.simulator.calls().accepted("google-rbm.agent-events")).isEqualTo(2);
        assertThat(h.simulator.calls().latest(100))
                .extracting(CallLog.Call::endpoint)
                .containsOnly("google-rbm.token", "google-rbm.agent-events");
        assertThat(byId.values()).allSatisfy(s -> assertThat(String.valueOf(s)).doesNotContain("PRIVATE KEY"));
    }
}

package io.chatsignals.worker.provider.rbm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.Credentials;
import io.chatsignals.worker.provider.PerAccount;
import io.chatsignals.worker.provider.ProviderGateway;
import io.chatsignals.worker.provider.ProviderRequest;
import io.chatsignals.worker.provider.ProviderResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * Google RBM agent events on the Vert.x Web Client (Google "phones.agentEvents.create"; docs/providers/google-rbm.md):
 * {@code POST {base-url}/v1/phones/{+E.164}/agentEvents?eventId=<UUID>&agentId=<agent>} with {@code {"eventType":"READ",
 * "messageId":…}} or {@code {"eventType":"IS_TYPING"}}, {@code Authorization: Bearer} an access token of the agent's
 * service account ({@link AgentTokens}). The {@code eventId} is a UUIDv5, so a repeated call is a no-op at Google,
 * which ignores an id it has seen: READ over (agent, message id) — every read of one message is one event; IS_TYPING
 * over the command id — each decision one event, its retries the same. The agent and the number are checked before a
 * URL is built. Answers are classified by {@link RbmAnswers}.
 */
final class RbmClient implements ProviderGateway {
    /** The service-account key file (JSON) of each agent, or the default one: {@code google-rbm.service-account-key[.<agent>]}. */
    static final String KEY = "google-rbm.service-account-key";
    /** The namespace of chat-signals' event ids (a fixed random UUID). */
    static final UUID NAMESPACE = UUID.fromString("5b0f7c1e-8a8d-4f55-9d4a-2f5a6c9e1d37");

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Access(String key, String token) {}

    private final WebClient http;
    private final PerAccount baseUrls;
    private final Credentials credentials;
    private final AgentTokens tokens = new AgentTokens();

    RbmClient(WebClient http, PerAccount baseUrls, Credentials credentials) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.credentials = credentials;
    }

    @Override
    public Provider provider() {
        return Provider.GOOGLE_RBM;
    }

    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        boolean read = command.getAction() == CommandAction.MARK_READ;
        String agent = command.getAccount();
        ObjectNode body = JSON.createObjectNode().put("eventType", read ? "READ" : "IS_TYPING");
        if (read) {
            body.put("messageId", command.getMessageId());
        }
        UUID eventId =
                read ? v5(agent + "|" + command.getMessageId() + "|READ") : v5(command.getCommandId() + "|IS_TYPING");
        String path = "/v1/phones/" + command.getCustomer() + "/agentEvents";
        return ProviderRequest.call(
                Provider.GOOGLE_RBM,
                agent,
                command.getCustomer(),
                null,
                access(agent),
                a -> post(baseUrls.of(agent).orElseThrow() + path, agent, eventId, a, body.toString(), timeoutMs),
                () -> "POST " + path,
                timeoutMs);
    }

    private Future<Access> access(String agent) {
        if (baseUrls.of(agent).isEmpty()) {
            return ProviderRequest.configured(
                    Optional.empty(), "no RBM base URL for agent " + agent + " (" + baseUrls.missing(agent) + ")");
        }
        return ProviderRequest.configured(
                        credentials.forAccount(KEY, agent),
                        "no RBM service-account key configured for agent " + agent + " (set " + KEY + "[." + agent
                                + "] or its -file)")
                .compose(key -> tokens.token(key).map(token -> new Access(key, token)));
    }

    private Future<ProviderResult> post(
            String url, String agent, UUID eventId, Access access, String body, long timeoutMs) {
        return http.postAbs(url)
                .addQueryParam("eventId", eventId.toString())
                .addQueryParam("agentId", agent)
                .timeout(timeoutMs)
                .putHeader("Authorization", "Bearer " + access.token())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .map(r -> {
                    ProviderResult result =
                            RbmAnswers.classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After"));
                    if (result.kind() == ProviderResult.Kind.RESIGN) {
                        tokens.refused(access.key());
                    }
                    return result;
                });
    }

    /** @return the name-based UUID, version 5, of the name in {@link #NAMESPACE} */
    static UUID v5(String name) {
        return v5(NAMESPACE, name);
    }

    /** @return the name-based UUID, version 5 (SHA-1, RFC 4122 §4.3), of the name in the namespace */
    static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(namespace));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            out[i + 8] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return out;
    }
}

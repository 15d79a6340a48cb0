package io.chatsignals.worker.provider.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.Credentials;
import io.chatsignals.worker.provider.PerAccount;
import io.chatsignals.worker.provider.ProviderGateway;
import io.chatsignals.worker.provider.ProviderRequest;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Twilio's typing indicator on the Vert.x Web Client (Twilio "Typing indicators resource", twilio-oai messaging v2 and
 * v3; docs/providers/twilio.md), HTTP Basic with the account's API key SID and secret (or Account SID and Auth Token).
 * WhatsApp: {@code POST {base-url}/v2/Indicators/Typing.json}, form {@code channel=whatsapp&messageId=<SM…>}: shows
 * "typing…" and marks that message read. RCS (general availability unverified: only with {@code twilio.rcs-typing}):
 * {@code POST {base-url}/v3/Indicators/Typing.json}, JSON {@code {"channel":"RCS","from":"rcs:<sender>","to":<customer>,
 * "event":"START"}}, the sender being the account's {@code twilio.rcs-sender[.<account>]}. The message SID is checked
 * ({@code ^(SM|MM)[0-9a-fA-F]{32}$}) before anything is sent. Answers are classified by {@link #classify}.
 */
final class TwilioClient implements ProviderGateway {
    /** The API key SID (or Account SID) of each account, or the default one: {@code twilio.key-sid[.<account>]}. */
    static final String KEY_SID = "twilio.key-sid";
    /** Its secret (or Auth Token): {@code twilio.key-secret[.<account>]}. */
    static final String KEY_SECRET = "twilio.key-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient http;
    private final String baseUrl;
    private final boolean rcsTyping;
    private final PerAccount rcsSenders;
    private final Credentials credentials;

    /**
     * @param baseUrl    the Messaging API's scheme and host (checked by the registration)
     * @param rcsTyping  whether RCS typing (v3) is called; false: an RCS TYPING ends permanent, naming the setting
     * @param rcsSenders each account's RCS sender ({@code rcs:<agent id>})
     */
    TwilioClient(WebClient http, String baseUrl, boolean rcsTyping, PerAccount rcsSenders, Credentials credentials) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.rcsTyping = rcsTyping;
        this.rcsSenders = rcsSenders;
        this.credentials = credentials;
    }

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    /** Typing (which also marks the message read on WhatsApp); the spec lets no read through on its own. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        return "rcs".equalsIgnoreCase(command.getChannel())
                ? rcsTyping(command.getAccount(), command.getCustomer(), command.getMessageId(), timeoutMs)
                : whatsAppTyping(command.getAccount(), command.getMessageId(), timeoutMs);
    }

    /**
     * @param account    the Account SID
     * @param messageSid the inbound message's SID, sent in the form
     * @param timeoutMs  this request's timeout, ms
     */
    Future<ProviderResult> whatsAppTyping(String account, String messageSid, long timeoutMs) {
        String path = "/v2/Indicators/Typing.json";
        MultiMap form =
                MultiMap.caseInsensitiveMultiMap().add("channel", "whatsapp").add("messageId", messageSid);
        return ProviderRequest.call(
                Provider.TWILIO,
                account,
                null,
                messageSid,
                basic(account),
                auth -> http.postAbs(baseUrl + path)
                        .timeout(timeoutMs)
                        .putHeader("Authorization", auth)
                        .putHeader("Accept", "application/json")
                        .sendForm(form)
                        .map(r -> classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After"))),
                () -> "POST " + path,
                timeoutMs);
    }

    /**
     * @param account   the Account SID
     * @param customer  the customer's address ({@code rcs:+E.164})
     * @param messageId the message the typing answers: not sent (RCS typing names none), checked as the intake did
     * @param timeoutMs this request's timeout, ms
     */
    Future<ProviderResult> rcsTyping(String account, String customer, String messageId, long timeoutMs) {
        if (!rcsTyping) {
            return Future.succeededFuture(ProviderResult.permanent(
                    "Twilio RCS typing is off (its general availability is unverified): set twilio.rcs-typing=true"));
        }
        Optional<String> sender = rcsSenders.of(account);
        if (sender.isEmpty()) {
            return Future.succeededFuture(ProviderResult.permanent("no Twilio RCS sender configured for account "
                    + account + " (" + rcsSenders.missing(account) + ")"));
        }
        String path = "/v3/Indicators/Typing.json";
        ObjectNode body = JSON.createObjectNode()
                .put("channel", "RCS")
                .put("from", sender.get())
                .put("to", customer)
                .put("event", "START");
        return ProviderRequest.call(
                Provider.TWILIO,
                account,
                null,
                messageId,
                basic(account),
                auth -> http.postAbs(baseUrl + path)
                        .timeout(timeoutMs)
                        .putHeader("Authorization", auth)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Accept", "application/json")
                        .sendBuffer(Buffer.buffer(body.toString()))
                        .map(r -> classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After"))),
                () -> "POST " + path,
                timeoutMs);
    }

    private Future<String> basic(String account) {
        return ProviderRequest.configured(
                credentials
                        .pairForAccount(KEY_SID, KEY_SECRET, account)
                        .map(p -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (p.name() + ":" + p.secret()).getBytes(StandardCharsets.UTF_8))),
                "no Twilio credentials configured for account " + account + " (set twilio.key-sid[." + account
                        + "] and twilio.key-secret[." + account + "])");
    }

    /**
     * Classifies an answer (Twilio "Errors"; docs/providers/twilio.md) on its status and Twilio {@code code}, never the
     * text: 2xx succeeds; 429 or code 20429 (too many concurrent requests: never processed) is retried after its
     * Retry-After (1 s without one) and slows the account; 5xx retried; 20003 (authentication) fails saying the
     * credentials must be replaced; every other 4xx fails for good. {@code more_info} is kept in the reason.
     *
     * @param body       the response body, may be null
     * @param retryAfter the Retry-After header, may be null
     */
    static ProviderResult classify(int status, String body, String retryAfter) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, body);
        }
        JsonNode error = LenientJson.parse(body);
        Integer code =
                error.path("code").isIntegralNumber() ? error.path("code").asInt() : null;
        String reason = error.hasNonNull("message")
                ? error.get("message").asText()
                        + (error.hasNonNull("more_info")
                                ? " (" + error.get("more_info").asText() + ")"
                                : "")
                : "HTTP " + status;
        if (status == 429 || code != null && code == 20429) {
            return ProviderResult.rateLimited(status, code, reason, RetryAfter.parse(retryAfter, null));
        }
        if (code != null && code == 20003) {
            return ProviderResult.answered(
                    ProviderResult.Kind.PERMANENT,
                    status,
                    code,
                    "the credentials were refused: replace twilio.key-sid/twilio.key-secret — " + reason,
                    null);
        }
        return ProviderResult.answered(
                status >= 500 ? ProviderResult.Kind.RETRY : ProviderResult.Kind.PERMANENT, status, code, reason, null);
    }
}

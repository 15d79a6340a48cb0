package io.chatsignals.worker.provider.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.Credentials;
import io.chatsignals.worker.provider.PerAccount;
import io.chatsignals.worker.provider.ProviderGateway;
import io.chatsignals.worker.provider.ProviderRequest;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Infobip WhatsApp client on the Vert.x Web Client (docs/providers/infobip.md): mark read (Infobip "Mark WhatsApp
 * message as read": {@code POST {base}/whatsapp/1/senders/{sender}/message/{messageId}/read}, no body, 204) and typing
 * ({@code POST {base}{events-path}} with {@code {events: [{sender, destinations: [{to}], content: {type:
 * TYPING_INDICATOR}}]}}, Infobip Java SDK 6.4.0 {@code WhatsAppApi}). Each account (sender) has its own base URL;
 * {@code Authorization: App <API key>}. The sender and the message id are checked as path segments before a URL is
 * built ({@link io.chatsignals.worker.provider.IdRules}) and encoded. Answers are decided on the HTTP status: 2xx
 * succeeds, 429 is retried after its Retry-After, 5xx retried, other 4xx permanent; the reason is read from any of
 * Infobip's three error bodies.
 */
final class InfobipClient implements ProviderGateway {
    /** The API key of each sender, or the default one: {@code infobip.api-key[.<sender>]}. */
    static final String API_KEY = "infobip.api-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one call needs beyond its ids: the account's base URL and API key. */
    private record Target(String baseUrl, String apiKey) {}

    private final WebClient http;
    private final PerAccount baseUrls;
    private final String eventsPath;
    private final Credentials credentials;

    /**
     * @param baseUrls   each sender's base URL (checked by the registration)
     * @param eventsPath the typing call's path; empty: typing is not configured and a TYPING ends permanent
     */
    InfobipClient(WebClient http, PerAccount baseUrls, String eventsPath, Credentials credentials) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.eventsPath = eventsPath;
        this.credentials = credentials;
    }

    @Override
    public Provider provider() {
        return Provider.INFOBIP;
    }

    /** Mark read or typing, as the command's action says. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        return command.getAction() == CommandAction.MARK_READ
                ? markRead(command.getAccount(), command.getMessageId(), timeoutMs)
                : typing(command.getAccount(), command.getCustomer(), command.getMessageId(), timeoutMs);
    }

    /**
     * @param sender    the business's sender number (the account), a path segment
     * @param messageId the inbound message's id, a path segment
     * @param timeoutMs this request's timeout, ms
     */
    Future<ProviderResult> markRead(String sender, String messageId, long timeoutMs) {
        String path = "/whatsapp/1/senders/" + encode(sender) + "/message/" + encode(messageId) + "/read";
        return ProviderRequest.call(
                Provider.INFOBIP,
                sender,
                null,
                messageId,
                target(sender),
                t -> send(t, path, null, timeoutMs),
                () -> "POST " + path,
                timeoutMs);
    }

    /**
     * @param sender    the business's sender number (the account), a path segment
     * @param customer  the customer's number, sent in the body
     * @param messageId the message the typing answers: not sent (Infobip picks the message), checked as the intake did
     * @param timeoutMs this request's timeout, ms
     */
    Future<ProviderResult> typing(String sender, String customer, String messageId, long timeoutMs) {
        if (eventsPath.isEmpty()) {
            return Future.succeededFuture(ProviderResult.permanent(
                    "Infobip typing is not configured (set infobip.events-path, e.g. /whatsapp/1/events)"));
        }
        ObjectNode event = JSON.createObjectNode().put("sender", sender);
        event.putArray("destinations").addObject().put("to", customer);
        event.putObject("content").put("type", "TYPING_INDICATOR");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("events").add(event);
        return ProviderRequest.call(
                Provider.INFOBIP,
                sender,
                null,
                messageId,
                target(sender),
                t -> send(t, eventsPath, body.toString(), timeoutMs),
                () -> "POST " + eventsPath,
                timeoutMs);
    }

    private Future<Target> target(String sender) {
        Optional<String> baseUrl = baseUrls.of(sender);
        if (baseUrl.isEmpty()) {
            return ProviderRequest.<Target>configured(
                    Optional.empty(),
                    "no Infobip base URL configured for sender " + sender + " (" + baseUrls.missing(sender) + ")");
        }
        return ProviderRequest.configured(
                credentials.forAccount(API_KEY, sender).map(key -> new Target(baseUrl.get(), key)),
                "no Infobip API key configured for sender " + sender + " (set infobip.api-key[." + sender + "])");
    }

    /** @param body the JSON body, null for none (mark read) */
    private Future<ProviderResult> send(Target target, String path, String body, long timeoutMs) {
        HttpRequest<Buffer> request = http.postAbs(target.baseUrl() + path)
                .timeout(timeoutMs)
                .putHeader("Authorization", "App " + target.apiKey())
                .putHeader("Accept", "application/json");
        var response = body == null
                ? request.putHeader("Content-Length", "0").sendBuffer(Buffer.buffer())
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
        return response.map(r -> classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After")));
    }

    /**
     * Classifies an answer on its HTTP status (Infobip "Handling errors"): 2xx succeeds; 429 is retried after its
     * Retry-After (1 s without one); 5xx retried; other 4xx permanent. The reason is read from the current body
     * ({@code {errorCode, description}}), the legacy one ({@code {requestError: {serviceException: {messageId,
     * text}}}}) or the mark-read page's ({@code {error}}), else {@code HTTP <status>}.
     *
     * @param text       the response body, null for none
     * @param retryAfter the Retry-After header, null for none
     */
    static ProviderResult classify(int status, String text, String retryAfter) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, text);
        }
        String reason = reason(LenientJson.parse(text), status);
        if (status == 429) {
            return ProviderResult.rateLimited(status, null, reason, RetryAfter.parse(retryAfter, null));
        }
        ProviderResult.Kind kind = status >= 500 ? ProviderResult.Kind.RETRY : ProviderResult.Kind.PERMANENT;
        return ProviderResult.answered(kind, status, null, reason, null);
    }

    private static String reason(JsonNode body, int status) {
        if (body.hasNonNull("errorCode")) {
            return body.get("errorCode").asText() + ": "
                    + body.path("description").asText("");
        }
        JsonNode legacy = body.path("requestError").path("serviceException");
        if (legacy.hasNonNull("messageId")) {
            return legacy.get("messageId").asText() + ": " + legacy.path("text").asText("");
        }
        if (body.hasNonNull("error")) {
            return body.get("error").asText();
        }
        return "HTTP " + status;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(String.valueOf(segment), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}

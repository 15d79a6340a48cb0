package io.chatsignals.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.MessageDetails;
import io.chatsignals.schema.Provider;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 8x8 Chat Apps client on the Vert.x Web Client (docs/providers.md): mark read (8x8 "Mark message as read"), typing
 * (8x8 "Send typing indicator", body {@code {channel, eventType: typing, umid}}) and message details
 * (8x8 "Retrieve message details"). Bearer auth; path segments validated before any URL is built (subAccountId by its
 * regex, umid as a UUID: docs/providers.md; never a dot segment) and URL-encoded, so that the key can only ever go to the
 * documented paths; the error envelope {@code {code, message, errorId, timestamp}} parsed into the result. 429, 5xx
 * (code 2000), timeouts and connection errors are retryable; other 4xx and certificate failures are permanent. A POST
 * without a body (mark read) is sent with {@code Content-Length: 0}: gateways may answer 411 to one with neither.
 */
final class EightByEightClient implements ProviderGateway, DetailsLookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient http;
    private final String baseUrl;
    /** The secret of each subaccount's API key (or the default one): {@code eightbyeight.api-key[.<subAccountId>]}. */
    static final String API_KEY = "eightbyeight.api-key";

    private final Credentials credentials;
    private final long requestTimeoutMs;

    public EightByEightClient(WebClient http, String baseUrl, Credentials credentials, Duration requestTimeout) {
        this.http = http;
        this.baseUrl = BaseUrls.of("eightbyeight.base-url", baseUrl);
        this.credentials = credentials;
        this.requestTimeoutMs = requestTimeout.toMillis();
    }

    @Override
    public Provider provider() {
        return Provider.EIGHT_BY_EIGHT;
    }

    @Override
    public Optional<DetailsLookup> detailsLookup() {
        return Optional.of(this);
    }

    /** Mark read or typing, as the command's action says. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        return command.getAction() == CommandAction.MARK_READ
                ? markRead(command.getAccount(), command.getMessageId(), timeoutMs)
                : typing(command.getAccount(), command.getChannel(), command.getMessageId(), timeoutMs);
    }

    /**
     * POST /api/v1/subaccounts/{subAccountId}/messages/{umid}/read
     *
     * @param timeoutMs this request's timeout, ms
     */
    public Future<ProviderResult> markRead(String subAccountId, String umid, long timeoutMs) {
        return call(subAccountId, umid, "POST", "/messages/" + encode(umid) + "/read", "", timeoutMs);
    }

    /**
     * POST /api/v1/subaccounts/{subAccountId}/events with {channel, eventType: typing, umid}
     *
     * @param timeoutMs this request's timeout, ms
     */
    public Future<ProviderResult> typing(String subAccountId, String channel, String umid, long timeoutMs) {
        String body = JSON.createObjectNode()
                .put("channel", channel.toLowerCase())
                .put("eventType", "typing")
                .put("umid", umid)
                .toString();
        return call(subAccountId, umid, "POST", "/events", body, timeoutMs);
    }

    /**
     * GET /api/v1/subaccounts/{subAccountId}/messages/{umid}, with the configured request timeout; the success body is
     * parsed by {@link #parse}.
     */
    @Override
    public Future<ProviderResult> details(String subAccountId, String umid) {
        return call(subAccountId, umid, "GET", "/messages/" + encode(umid), null, requestTimeoutMs);
    }

    @Override
    public MessageDetails parse(String body) {
        return EightByEightMessageDetails.parse(body);
    }

    /** @param umid the message's umid, validated as a path segment even where the body carries it (typing) */
    private Future<ProviderResult> call(
            String subAccountId, String umid, String method, String path, String body, long timeoutMs) {
        Supplier<String> fullPath = () -> "/api/v1/subaccounts/" + encode(subAccountId) + path;
        return ProviderRequest.call(
                Provider.EIGHT_BY_EIGHT,
                subAccountId,
                null,
                umid,
                ProviderRequest.configured(
                        credentials.forAccount(API_KEY, subAccountId),
                        "no 8x8 API key configured for subaccount " + subAccountId),
                key -> send(method, fullPath.get(), key, body, timeoutMs),
                () -> method + " " + fullPath.get(),
                timeoutMs);
    }

    /** @param body null for none (GET), empty for an empty POST */
    private Future<ProviderResult> send(String method, String fullPath, String key, String body, long timeoutMs) {
        String url = baseUrl + fullPath;
        HttpRequest<Buffer> request = (method.equals("GET") ? http.getAbs(url) : http.postAbs(url))
                .timeout(timeoutMs)
                .putHeader("Authorization", "Bearer " + key)
                .putHeader("Accept", "application/json");
        Future<HttpResponse<Buffer>> response;
        if (body == null) {
            response = request.send();
        } else if (body.isEmpty()) {
            response = request.putHeader("Content-Length", "0").sendBuffer(Buffer.buffer());
        } else {
            response = request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
        }
        return response.map(r -> classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After")));
    }

    /**
     * Classifies an answer (8x8 "Mark message as read", 8x8 "Send typing indicator", 8x8 "Retrieve message details"): 2xx
     * succeeds; 429 is retried after its Retry-After (header, else "try again in N second(s)"); 5xx (code 2000) is
     * retried; other 4xx are permanent, with the envelope's code, message and errorId.
     *
     * @param text       the response body, null for none
     * @param retryAfter the Retry-After header, null for none
     */
    static ProviderResult classify(int status, String text, String retryAfter) {
        if (status >= 200 && status < 300) {
            return ProviderResult.success(status, text);
        }
        JsonNode envelope = LenientJson.parse(text);
        Integer code = envelope.hasNonNull("code") ? envelope.get("code").asInt() : null;
        String message = envelope.path("message").asText(text == null ? "" : text);
        String errorId =
                envelope.hasNonNull("errorId") ? envelope.get("errorId").asText() : null;
        if (status == 429) {
            return ProviderResult.rateLimited(status, code, message, errorId, RetryAfter.parse(retryAfter, message));
        }
        ProviderResult.Kind kind = status >= 500 ? ProviderResult.Kind.RETRY : ProviderResult.Kind.PERMANENT;
        return ProviderResult.answered(kind, status, code, message, errorId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

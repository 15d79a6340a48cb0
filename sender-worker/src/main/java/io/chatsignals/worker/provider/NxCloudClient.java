package io.chatsignals.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.providers.NxCloudSignature;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NXCloud WhatsApp client on the Vert.x Web Client (NXCloud markMessageAsRead page, docs/providers.md, docs/providers.md):
 * markMessageAsRead and typingIndicator, each signed afresh (headers accessKey, ts = this attempt's clock reading,
 * bizType 2, action read, sign = MD5 over the exact body bytes sent). NXCloud answers HTTP 200 even on failure: the
 * body's {@code code} decides — 0 success, -1/9001 retryable, 1004 (timestamp expired) re-sign, anything else
 * permanent. HTTP 429/5xx, timeouts and connection errors are retryable.
 */
final class NxCloudClient implements ProviderGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient http;
    private final String baseUrl;
    /** The key pair of each business phone (or the default one): {@code nxcloud.access-key[.<phone>]}. */
    static final String ACCESS_KEY = "nxcloud.access-key";
    /** {@code nxcloud.secret[.<phone>]}. */
    static final String SECRET = "nxcloud.secret";

    private final Credentials credentials;
    private final Clock clock;

    /** @param clock the clock of each request's {@code ts} header (ms since the epoch) */
    public NxCloudClient(WebClient http, String baseUrl, Credentials credentials, Clock clock) {
        this.http = http;
        this.baseUrl = BaseUrls.of("nxcloud.base-url", baseUrl);
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Provider provider() {
        return Provider.NXCLOUD;
    }

    /** Mark read or typing, as the command's action says. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        return command.getAction() == CommandAction.MARK_READ
                ? markRead(command.getAccount(), command.getMessageId(), timeoutMs)
                : typing(command.getAccount(), command.getMessageId(), command.getAppId(), timeoutMs);
    }

    /**
     * POST /api/wa/markMessageAsRead {business_phone, messaging_product, message_id, status: read}
     *
     * @param timeoutMs this request's timeout, ms
     */
    public Future<ProviderResult> markRead(String businessPhone, String messageId, long timeoutMs) {
        ObjectNode body = JSON.createObjectNode()
                .put("business_phone", businessPhone)
                .put("messaging_product", "whatsapp")
                .put("message_id", messageId)
                .put("status", "read");
        return call("/api/wa/markMessageAsRead", businessPhone, body, timeoutMs);
    }

    /**
     * POST /api/wa/typingIndicator {appkey, messaging_product, business_phone, status: read, message_id, typing_indicator:
     * {type: text}}. Without an appkey the call is not made (NXCloud requires one): the result is permanent.
     *
     * @param timeoutMs this request's timeout, ms
     */
    public Future<ProviderResult> typing(String businessPhone, String messageId, String appKey, long timeoutMs) {
        if (appKey == null || appKey.isBlank()) {
            return Future.succeededFuture(ProviderResult.permanent(
                    "no NXCloud appkey for business phone " + businessPhone + " (set nxcloud.app-key[.<phone>])"));
        }
        ObjectNode body = JSON.createObjectNode()
                .put("appkey", appKey)
                .put("messaging_product", "whatsapp")
                .put("business_phone", businessPhone)
                .put("status", "read")
                .put("message_id", messageId);
        body.putObject("typing_indicator").put("type", "text");
        return call("/api/wa/typingIndicator", businessPhone, body, timeoutMs);
    }

    /** The ids go in the signed JSON body only, never in the URL: none is checked here (the intake checked them). */
    private Future<ProviderResult> call(String path, String businessPhone, ObjectNode body, long timeoutMs) {
        return ProviderRequest.call(
                Provider.NXCLOUD,
                null,
                null,
                null,
                ProviderRequest.configured(
                        credentials.pairForAccount(ACCESS_KEY, SECRET, businessPhone),
                        "no NXCloud accessKey/secret configured for business phone " + businessPhone),
                key -> send(path, key, body, timeoutMs),
                () -> "POST " + path,
                timeoutMs);
    }

    private Future<ProviderResult> send(String path, Credentials.Pair key, ObjectNode body, long timeoutMs) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accessKey", key.name());
        headers.put("ts", Long.toString(clock.millis()));
        headers.put("bizType", "2");
        headers.put("action", "read");
        String sign = NxCloudSignature.sign(headers, bytes, key.secret());
        var request = http.postAbs(baseUrl + path)
                .timeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("sign", sign);
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(bytes))
                .map(response ->
                        classify(response.statusCode(), response.bodyAsString(), response.getHeader("Retry-After")));
    }

    /**
     * Classifies an answer (NXCloud "WhatsApp API markMessageAsRead"; docs/providers.md): HTTP 200 with {@code code} 0 succeeds,
     * -1 and 9001 are retried, 1004 (timestamp expired) is re-signed once, any other code or an HTTP 200 without one is
     * permanent; 429 is retried after its Retry-After; 5xx retried; other statuses permanent.
     *
     * @param body       the response body, null for none
     * @param retryAfter the Retry-After header, null for none
     */
    static ProviderResult classify(int status, String text, String retryAfter) {
        JsonNode body = LenientJson.parse(text);
        Integer code = body.hasNonNull("code") ? body.get("code").asInt() : null;
        String message = body.path("message").asText("HTTP " + status);
        if (status == 429) {
            return ProviderResult.rateLimited(status, code, message, RetryAfter.parse(retryAfter, message));
        }
        if (status >= 500) {
            return ProviderResult.answered(ProviderResult.Kind.RETRY, status, code, message, null);
        }
        if (status != 200 || code == null) {
            return ProviderResult.answered(ProviderResult.Kind.PERMANENT, status, code, message, null);
        }
        ProviderResult.Kind kind =
                switch (code) {
                    case 0 -> ProviderResult.Kind.SUCCESS;
                    case -1, 9001 -> ProviderResult.Kind.RETRY;
                    case 1004 -> ProviderResult.Kind.RESIGN;
                    default -> ProviderResult.Kind.PERMANENT;
                };
        return ProviderResult.answered(kind, status, code, message, null); // a success keeps its code 0
    }
}

package io.chatsignals.worker.provider.cloudapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.Credentials;
import io.chatsignals.worker.provider.ProviderGateway;
import io.chatsignals.worker.provider.ProviderRequest;
import io.chatsignals.worker.provider.ProviderResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * WhatsApp Cloud API gateway on the Vert.x Web Client (Meta "Mark messages as read" and "Typing indicators",
 * docs/providers.md): {@code POST {base-url}{path}} with the JSON body
 * {@code {"messaging_product":"whatsapp","status":"read","message_id":<wamid>}}, plus
 * {@code "typing_indicator":{"type":"text"}} for typing (which marks the message read too). The path template's
 * {@code {version}} and {@code {phone-number-id}} are filled in; the phone number id is checked (digits only) before a
 * URL is built, and the wamid travels in the body only. The token of the phone number (or the default one) goes in
 * the configured header, after the configured scheme: Meta's {@code Authorization: Bearer <token>}, or 360dialog's
 * {@code D360-API-KEY: <key>} with the path {@code /messages} (the key selects the number). Answers are classified by
 * {@link CloudApiAnswers}.
 */
public final class WhatsAppCloudClient implements ProviderGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where and how to call.
     *
     * @param baseUrl    scheme and host, e.g. {@code https://graph.facebook.com}
     * @param path       the path template: {@code {version}} and {@code {phone-number-id}} are replaced
     * @param version    the Graph API version path segment, e.g. {@code v23.0}
     * @param authHeader the header that carries the token
     * @param authScheme the scheme before the token ({@code Bearer}), or null for the token alone
     * @param pairWait   the wait after a pair rate limit (131056) that gave no Retry-After
     */
    public record Endpoint(
            String baseUrl, String path, String version, String authHeader, String authScheme, Duration pairWait) {}

    private final WebClient http;
    private final Endpoint endpoint;
    private final String baseUrl;
    /**
     * The access token (or the BSP's API key) of each phone number id, or the default one:
     * {@code whatsapp-cloud.token[.<phoneNumberId>]}.
     */
    public static final String TOKEN = "whatsapp-cloud.token";

    private final Credentials credentials;

    /** @throws IllegalArgumentException naming the key, for a base URL or path template that cannot work */
    public WhatsAppCloudClient(WebClient http, Endpoint endpoint, Credentials credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.baseUrl = BaseUrls.of("whatsapp-cloud.base-url", endpoint.baseUrl());
        if (!endpoint.path().startsWith("/")) {
            throw new IllegalArgumentException(
                    "whatsapp-cloud.path must start with / (e.g. /{version}/{phone-number-id}/messages), was '"
                            + endpoint.path() + "'");
        }
        this.credentials = credentials;
    }

    @Override
    public Provider provider() {
        return Provider.WHATSAPP_CLOUD;
    }

    /** Mark read, or typing (which marks read too), as the command's action says. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        return send(
                command.getAccount(), command.getMessageId(), command.getAction() == CommandAction.TYPING, timeoutMs);
    }

    /**
     * @param phoneNumberId the business phone number id (the account)
     * @param wamid         the inbound message's id, sent in the body
     * @param typing        whether to show the typing indicator too
     * @param timeoutMs     this request's timeout, ms
     */
    public Future<ProviderResult> send(String phoneNumberId, String wamid, boolean typing, long timeoutMs) {
        Supplier<String> path = () ->
                endpoint.path().replace("{version}", endpoint.version()).replace("{phone-number-id}", phoneNumberId);
        return ProviderRequest.call(
                Provider.WHATSAPP_CLOUD,
                phoneNumberId,
                null,
                wamid,
                ProviderRequest.configured(
                        credentials.forAccount(TOKEN, phoneNumberId),
                        "no WhatsApp Cloud API token configured for phone number id " + phoneNumberId
                                + " (set whatsapp-cloud.token[." + phoneNumberId + "])"),
                token -> post(path.get(), token, wamid, typing, timeoutMs),
                () -> "POST " + path.get(),
                timeoutMs);
    }

    private Future<ProviderResult> post(String path, String token, String wamid, boolean typing, long timeoutMs) {
        ObjectNode body = JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("status", "read")
                .put("message_id", wamid);
        if (typing) {
            body.putObject("typing_indicator").put("type", "text");
        }
        String auth = endpoint.authScheme() == null ? token : endpoint.authScheme() + " " + token;
        return http.postAbs(baseUrl + path)
                .timeout(timeoutMs)
                .putHeader(endpoint.authHeader(), auth)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .sendBuffer(Buffer.buffer(body.toString()))
                .map(r -> CloudApiAnswers.classify(
                        r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After"), endpoint.pairWait()));
    }
}

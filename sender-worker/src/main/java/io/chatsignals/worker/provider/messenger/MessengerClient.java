package io.chatsignals.worker.provider.messenger;

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
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Messenger and Instagram sender actions on the Vert.x Web Client (Meta "Sender actions"; docs/providers/messenger.md):
 * {@code POST {base-url}/{version}/{account}/messages} with exactly {@code {"recipient":{"id":<PSID|IGSID>},
 * "sender_action":"mark_seen"|"typing_on"}}. {@code mark_seen} names no message: it marks the thread's newest message
 * seen. The account (a Page or Instagram account id, digits) is checked before a URL is built; the customer travels in
 * the body. The account's access token goes in {@code Authorization: Bearer} (or, with {@code messenger.token-in=query},
 * as Meta's samples pass it, {@code access_token}); with an app secret configured, {@code appsecret_proof} =
 * hex HMAC-SHA256(app secret, token) is added (Meta "Securing requests"). Answers are classified by
 * {@link MessengerAnswers}.
 */
final class MessengerClient implements ProviderGateway {
    /** The access token of each Page or Instagram account, or the default one: {@code messenger.token[.<account>]}. */
    static final String TOKEN = "messenger.token";
    /** The app secret behind {@code appsecret_proof}, when the app requires it: {@code messenger.app-secret[.<account>]}. */
    static final String APP_SECRET = "messenger.app-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The account's token and, when configured, its app secret. */
    private record Access(String token, Optional<String> appSecret) {}

    private final WebClient http;
    private final PerAccount baseUrls;
    private final String version;
    private final boolean tokenInQuery;
    private final Credentials credentials;

    /**
     * @param baseUrls     each account's base URL (Instagram Login: {@code https://graph.instagram.com})
     * @param version      the Graph API version path segment, e.g. {@code v23.0}
     * @param tokenInQuery whether the token goes in the {@code access_token} query parameter instead of the header
     */
    MessengerClient(
            WebClient http, PerAccount baseUrls, String version, boolean tokenInQuery, Credentials credentials) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.version = version;
        this.tokenInQuery = tokenInQuery;
        this.credentials = credentials;
    }

    @Override
    public Provider provider() {
        return Provider.MESSENGER;
    }

    /** {@code mark_seen} for a read, {@code typing_on} for typing, to the command's customer. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        String action = command.getAction() == CommandAction.TYPING ? "typing_on" : "mark_seen";
        return senderAction(command.getAccount(), command.getCustomer(), action, timeoutMs);
    }

    /**
     * @param account   the Page or Instagram account id, a path segment
     * @param recipient the customer's PSID or IGSID, sent in the body
     * @param action    {@code mark_seen} or {@code typing_on}
     * @param timeoutMs this request's timeout, ms
     */
    Future<ProviderResult> senderAction(String account, String recipient, String action, long timeoutMs) {
        String path = "/" + version + "/" + account + "/messages";
        ObjectNode body = JSON.createObjectNode();
        body.putObject("recipient").put("id", recipient);
        body.put("sender_action", action);
        return ProviderRequest.call(
                Provider.MESSENGER,
                account,
                null,
                null,
                access(account),
                a -> post(baseUrls.of(account).orElseThrow() + path, a, body.toString(), timeoutMs),
                () -> "POST " + path,
                timeoutMs);
    }

    private Future<Access> access(String account) {
        if (baseUrls.of(account).isEmpty()) {
            return ProviderRequest.configured(
                    Optional.empty(),
                    "no Messenger base URL for account " + account + " (" + baseUrls.missing(account) + ")");
        }
        return ProviderRequest.configured(
                credentials
                        .forAccount(TOKEN, account)
                        .map(token -> new Access(token, credentials.forAccount(APP_SECRET, account))),
                "no Messenger access token configured for account " + account + " (set messenger.token[." + account
                        + "])");
    }

    private Future<ProviderResult> post(String url, Access access, String body, long timeoutMs) {
        HttpRequest<Buffer> request = http.postAbs(url)
                .timeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (tokenInQuery) {
            request.addQueryParam("access_token", access.token());
        } else {
            request.putHeader("Authorization", "Bearer " + access.token());
        }
        access.appSecret().ifPresent(secret -> request.addQueryParam("appsecret_proof", proof(secret, access.token())));
        return request.sendBuffer(Buffer.buffer(body))
                .map(r -> MessengerAnswers.classify(r.statusCode(), r.bodyAsString(), r.getHeader("Retry-After")));
    }

    /** @return {@code appsecret_proof}: lower-case hex HMAC-SHA256 of the token keyed with the app secret */
    static String proof(String appSecret, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

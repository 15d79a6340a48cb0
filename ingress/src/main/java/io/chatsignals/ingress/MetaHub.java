package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's webhook verification, one rule for every provider on Meta's platform (Meta "Webhooks: getting started";
 * docs/providers.md, "Meta's Graph API"): {@code POST /webhooks/<key>[/<tenant>]} verified by
 * {@code X-Hub-Signature-256}, the HMAC-SHA256 of the raw body keyed with the app secret
 * ({@code webhooks.<key>.app-secret[.<tenant>]}); {@code GET} on the same path answers the {@code hub.challenge}
 * subscription handshake with the verify token ({@code webhooks.<key>.verify-token[.<tenant>]}).
 */
final class MetaHub {
    private MetaHub() {}

    /**
     * @param key the provider's key
     * @return the handshake route of each tenant with a verify token and the webhook route of each with an app secret
     * @throws IllegalArgumentException naming the key, for a malformed secret name or an unreadable secret file
     */
    static List<WebhookSource.Route> routes(AppConfig c, String key) {
        List<WebhookSource.Route> out = new ArrayList<>();
        IngressSettings.secrets(c, "webhooks." + key + ".verify-token")
                .forEach((tenant, token) -> out.add(new WebhookSource.Route(
                        HttpMethod.GET,
                        WebhookSource.path(key, tenant),
                        ctx -> Verification.handshake(
                                                token,
                                                ctx.request().getParam("hub.mode"),
                                                ctx.request().getParam("hub.verify_token"),
                                                ctx.request().getParam("hub.challenge"))
                                        .isPresent()
                                ? WebhookSource.Check.OK
                                : WebhookSource.Check.WRONG,
                        ctx -> ctx.request().getParam("hub.challenge"))));
        IngressSettings.secrets(c, "webhooks." + key + ".app-secret")
                .forEach((tenant, secret) ->
                        out.add(WebhookSource.Route.webhook(WebhookSource.path(key, tenant), ctx -> {
                            String header = ctx.request().getHeader("X-Hub-Signature-256");
                            if (header == null) {
                                return WebhookSource.Check.MISSING;
                            }
                            return Verification.validHubSignature(secret, Replies.bytes(ctx), header)
                                    ? WebhookSource.Check.OK
                                    : WebhookSource.Check.WRONG;
                        })));
        return out;
    }
}

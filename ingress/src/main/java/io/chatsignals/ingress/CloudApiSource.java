package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * The WhatsApp Cloud API's webhook (and BSPs that forward it unchanged): {@code POST /webhooks/whatsapp-cloud[/<tenant>]}
 * verified by {@code X-Hub-Signature-256}, the HMAC-SHA256 of the raw body keyed with the Meta app secret
 * ({@code webhooks.whatsapp-cloud.app-secret[.<tenant>]}); {@code GET} the same path answers Meta's
 * {@code hub.challenge} handshake with the verify token ({@code webhooks.whatsapp-cloud.verify-token[.<tenant>]}).
 */
final class CloudApiSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.WHATSAPP_CLOUD;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        List<Route> out = new ArrayList<>();
        IngressSettings.secrets(c, "webhooks." + key() + ".verify-token")
                .forEach((tenant, token) -> out.add(new Route(
                        HttpMethod.GET,
                        WebhookSource.path(key(), tenant),
                        ctx -> Verification.handshake(
                                                token,
                                                ctx.request().getParam("hub.mode"),
                                                ctx.request().getParam("hub.verify_token"),
                                                ctx.request().getParam("hub.challenge"))
                                        .isPresent()
                                ? Check.OK
                                : Check.WRONG,
                        ctx -> ctx.request().getParam("hub.challenge"))));
        IngressSettings.secrets(c, "webhooks." + key() + ".app-secret")
                .forEach((tenant, secret) -> out.add(Route.webhook(WebhookSource.path(key(), tenant), ctx -> {
                    String header = ctx.request().getHeader("X-Hub-Signature-256");
                    if (header == null) {
                        return Check.MISSING;
                    }
                    return Verification.validHubSignature(secret, IngressRoutes.bytes(ctx), header)
                            ? Check.OK
                            : Check.WRONG;
                })));
        return out;
    }
}

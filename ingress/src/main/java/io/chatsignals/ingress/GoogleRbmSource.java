package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.GoogleRbmWebhook;
import io.chatsignals.webhooks.WebhookException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Google RCS Business Messaging's webhook (Google "Webhooks", docs/providers/google-rbm.md): {@code POST
 * /webhooks/google-rbm[/<tenant>]} keyed with the webhook's client token ({@code webhooks.google-rbm.client-token
 * [.<tenant>]}). A message is verified by {@code X-Goog-Signature} ({@link GoogleRbmSignature}: over the
 * base64-decoded {@code message.data}, not the raw body); only the envelope is read to find {@code message.data},
 * its event is parsed after. The registration handshake, {@code {"clientToken": …, "secret": …}}, is answered with the
 * plain {@code secret} when the client token is ours (403 otherwise) and writes nothing.
 */
final class GoogleRbmSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.GOOGLE_RBM;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        return IngressSettings.secrets(c, "webhooks." + key() + ".client-token").entrySet().stream()
                .map(e -> new Route(
                        HttpMethod.POST,
                        WebhookSource.path(key(), e.getKey()),
                        ctx -> verify(ctx, e.getValue()),
                        ctx -> handshake(envelope(ctx))
                                ? envelope(ctx).path("secret").asText()
                                : null))
                .toList();
    }

    private static Check verify(RoutingContext ctx, String clientToken) {
        JsonNode envelope = envelope(ctx);
        if (handshake(envelope)) {
            return Check.anyOf(envelope.path("clientToken").asText(), List.of(clientToken));
        }
        String signature = ctx.request().getHeader("X-Goog-Signature");
        if (signature == null || signature.isBlank()) {
            return Check.MISSING;
        }
        try {
            return GoogleRbmSignature.valid(clientToken, GoogleRbmWebhook.data(envelope), signature)
                    ? Check.OK
                    : Check.WRONG;
        } catch (WebhookException e) {
            return Check.WRONG;
        }
    }

    /** @return whether the body is the registration handshake: a client token and a secret, no message */
    private static boolean handshake(JsonNode envelope) {
        return envelope.hasNonNull("clientToken") && envelope.hasNonNull("secret") && !envelope.has("message");
    }

    /** @return the body as JSON, once per request; a missing node for a body that is not a JSON object */
    private static JsonNode envelope(RoutingContext ctx) {
        JsonNode cached = ctx.get("google-rbm.envelope");
        if (cached == null) {
            try {
                cached = Webhooks.json(Replies.bytes(ctx));
            } catch (WebhookException e) {
                cached = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            ctx.put("google-rbm.envelope", cached);
        }
        return cached;
    }
}

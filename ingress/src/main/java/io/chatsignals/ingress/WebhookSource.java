package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * One provider's webhook as ingress serves it (docs/design.md, "Adding a provider"): its routes under
 * {@code /webhooks/<key>} and how each request is verified, on the bytes and headers received, before anything is
 * parsed. What a verified body maps to is the provider's {@link io.chatsignals.webhooks.WebhookFormat}; where it is
 * written, its {@link io.chatsignals.providers.InboundSpec}. {@link WebhookSources#ALL} holds one per provider.
 */
interface WebhookSource {
    /** @return the provider whose webhooks these are */
    Provider provider();

    /** @return the provider's key: the path segment, the {@code source} metric tag and the setting names' part */
    default String key() {
        return ProviderSpecs.of(provider()).key();
    }

    /**
     * @param configured {@code produce.timeout}
     * @return how long a webhook of this provider waits for the broker's acknowledgement unless
     *         {@code produce.timeout.<key>} says otherwise
     */
    default Duration produceTimeout(Duration configured) {
        return configured;
    }

    /**
     * @return the routes the configured secrets open; none when the provider's secret is unset (its paths are 404,
     *         so no unverified webhook is ever accepted)
     * @throws IllegalArgumentException naming the key, for a malformed secret name or an unreadable secret file
     */
    List<Route> routes(AppConfig c);

    /**
     * @param records      how many records the webhook was written as
     * @param deadLettered whether it went to the inbound DLQ instead (authentic, not mappable)
     * @return the 200 answer once written: JSON {@code {"records":n,"deadLettered":b}} unless the provider expects
     *         another (TwiML)
     */
    default Answer accepted(int records, boolean deadLettered) {
        return new Answer("application/json", "{\"records\":" + records + ",\"deadLettered\":" + deadLettered + "}");
    }

    /** An answer's media type and body. */
    record Answer(String contentType, String body) {}

    /**
     * One route of a provider's webhook.
     *
     * @param method    the HTTP method
     * @param path      the path, Vert.x style ({@code /webhooks/<key>/:token})
     * @param verify the request's credential checked against the configured secrets
     * @param reply  null for a webhook (its verified body is written); else, for a verified request, the text a
     *               subscription handshake is answered with (Meta's {@code hub.challenge}, Google's {@code secret}),
     *               or null when the request is a webhook after all
     */
    record Route(
            HttpMethod method,
            String path,
            Function<RoutingContext, Check> verify,
            Function<RoutingContext, String> reply) {

        /** @return a webhook route: verified, then its body mapped and written */
        static Route webhook(String path, Function<RoutingContext, Check> verify) {
            return new Route(HttpMethod.POST, path, verify, null);
        }
    }

    /** The outcome of a verification. */
    enum Check {
        OK,
        /** No credential was sent: 401. */
        MISSING,
        /** A credential was sent and is wrong: 403. */
        WRONG;

        /** @return OK when {@code given} is any of the secrets (each compared in constant time) */
        static Check anyOf(String given, Collection<String> secrets) {
            if (given == null || given.isEmpty()) {
                return MISSING;
            }
            return secrets.stream().anyMatch(t -> Verification.sameSecret(t, given)) ? OK : WRONG;
        }
    }

    /** @return the provider's path, followed by {@code /<tenant>} for a tenant's own secret */
    static String path(String key, String tenant) {
        String base = "/webhooks/" + key;
        return tenant.isEmpty() ? base : base + "/" + tenant;
    }
}

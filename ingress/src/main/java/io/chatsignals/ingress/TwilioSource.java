package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Twilio's incoming-message webhook (docs/providers/twilio.md): {@code POST /webhooks/twilio[/<tenant>]} with form
 * parameters, verified by {@code X-Twilio-Signature} ({@link TwilioSignature}) keyed with the account's Auth Token
 * ({@code webhooks.twilio.auth-token[.<tenant>]}) over the URL Twilio called. Behind a load balancer that URL is not the
 * one the request arrives on: {@code webhooks.twilio.public-url[.<tenant>]} gives it (without a query; the request's is
 * appended); a tenant without its own has the default one's followed by {@code /<tenant>}; none set: the URL as
 * received. Answered with empty TwiML, {@code <Response/>} as {@code text/xml}, as Twilio expects.
 */
final class TwilioSource implements WebhookSource {
    /** The empty TwiML answer: nothing for Twilio to do. */
    static final String TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        List<Route> out = new ArrayList<>();
        Optional<String> defaultUrl = c.optional("webhooks." + key() + ".public-url");
        IngressSettings.secrets(c, "webhooks." + key() + ".auth-token").forEach((tenant, token) -> {
            Optional<String> publicUrl = tenant.isEmpty()
                    ? defaultUrl
                    : c.optional("webhooks." + key() + ".public-url." + tenant)
                            .or(() -> defaultUrl.map(u -> u + "/" + tenant));
            out.add(Route.webhook(WebhookSource.path(key(), tenant), ctx -> {
                String signature = ctx.request().getHeader("X-Twilio-Signature");
                if (signature == null) {
                    return Check.MISSING;
                }
                return TwilioSignature.valid(token, signedUrl(ctx, publicUrl), Replies.bytes(ctx), true, signature)
                        ? Check.OK
                        : Check.WRONG;
            }));
        });
        return out;
    }

    @Override
    public Answer accepted(int records, boolean deadLettered) {
        return new Answer("text/xml", TWIML);
    }

    /** @return the URL Twilio signed: the public URL and the request's query, or the URL as received */
    private static String signedUrl(RoutingContext ctx, Optional<String> publicUrl) {
        if (publicUrl.isEmpty()) {
            return ctx.request().absoluteURI();
        }
        String query = ctx.request().query();
        return query == null || query.isEmpty() ? publicUrl.get() : publicUrl.get() + "?" + query;
    }
}

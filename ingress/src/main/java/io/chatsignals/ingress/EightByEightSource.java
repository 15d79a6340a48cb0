package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.List;

/**
 * 8x8's webhook: {@code POST /webhooks/8x8[/<tenant>]}, verified by the static "HTTP Authorization" value configured
 * with the webhook in 8x8 Connect, which 8x8 sends as the {@code Authorization} header
 * ({@code webhooks.8x8.authorization[.<tenant>]}). 8x8 wants an answer within 5 s (8x8 Connect, "Inbound Chat Apps
 * message"): its default produce wait is 4 s.
 */
final class EightByEightSource implements WebhookSource {
    static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(4);

    @Override
    public Provider provider() {
        return Provider.EIGHT_BY_EIGHT;
    }

    @Override
    public Duration produceTimeout(Duration configured) {
        return PRODUCE_TIMEOUT;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        return IngressSettings.secrets(c, "webhooks." + key() + ".authorization").entrySet().stream()
                .map(tenant -> Route.webhook(
                        WebhookSource.path(key(), tenant.getKey()),
                        ctx -> Check.anyOf(ctx.request().getHeader("Authorization"), List.of(tenant.getValue()))))
                .toList();
    }
}

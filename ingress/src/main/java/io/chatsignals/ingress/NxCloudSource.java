package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import java.util.List;
import java.util.Map;

/**
 * NXCloud's webhook: NXCloud signs nothing, so the business chooses secrets ({@code webhooks.nxcloud.token[.<name>]})
 * sent in the path ({@code POST /webhooks/nxcloud/<token>}) or the {@code X-Webhook-Token} header
 * ({@code POST /webhooks/nxcloud}); any of them is accepted.
 */
final class NxCloudSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.NXCLOUD;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        Map<String, String> tokens = IngressSettings.secrets(c, "webhooks." + key() + ".token");
        if (tokens.isEmpty()) {
            return List.of();
        }
        String path = WebhookSource.path(key(), "");
        return List.of(
                Route.webhook(path + "/:token", ctx -> Check.anyOf(ctx.pathParam("token"), tokens.values())),
                Route.webhook(path, ctx -> Check.anyOf(ctx.request().getHeader("X-Webhook-Token"), tokens.values())));
    }
}

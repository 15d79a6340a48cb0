package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import java.util.List;

/**
 * The WhatsApp Cloud API's webhook (and BSPs that forward it unchanged): Meta's verification ({@link MetaHub}) on
 * {@code /webhooks/whatsapp-cloud[/<tenant>]}.
 */
final class CloudApiSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.WHATSAPP_CLOUD;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        return MetaHub.routes(c, key());
    }
}

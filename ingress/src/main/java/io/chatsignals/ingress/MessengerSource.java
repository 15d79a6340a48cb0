package io.chatsignals.ingress;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import java.util.List;

/**
 * Messenger's and Instagram's webhook (Meta's Messenger Platform; docs/providers/messenger.md): Meta's verification
 * ({@link MetaHub}) on {@code /webhooks/messenger[/<tenant>]}, keyed with the app secret of the app the Pages and
 * Instagram accounts are subscribed to ({@code webhooks.messenger.app-secret[.<tenant>]}; an Instagram-Login app has
 * its own secret: give it its own tenant).
 */
final class MessengerSource implements WebhookSource {
    @Override
    public Provider provider() {
        return Provider.MESSENGER;
    }

    @Override
    public List<Route> routes(AppConfig c) {
        return MetaHub.routes(c, key());
    }
}

package io.chatsignals.ingress;

import java.util.List;

/** The registry of the webhooks ingress serves: one line per provider with a webhook. */
final class WebhookSources {
    static final List<WebhookSource> ALL = List.of(
            new EightByEightSource(),
            new NxCloudSource(),
            new CloudApiSource(),
            new InfobipSource(),
            new MessengerSource());

    private WebhookSources() {}
}

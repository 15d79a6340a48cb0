package io.chatsignals.ingress;

import java.util.List;

/** The registry of the webhooks ingress serves: one line per provider with a webhook. */
final class WebhookSources {
    static final List<WebhookSource> ALL = List.of(
            new EightByEightSource(),
            new NxCloudSource(),
            new CloudApiSource(),
            new InfobipSource(),
            new MessengerSource(),
            new TwilioSource(),
            new GoogleRbmSource());

    private WebhookSources() {}

    /**
     * @return the source of a provider's key
     * @throws IllegalArgumentException for a key of no webhook provider
     */
    static WebhookSource of(String key) {
        return ALL.stream()
                .filter(s -> s.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no webhook source " + key));
    }
}

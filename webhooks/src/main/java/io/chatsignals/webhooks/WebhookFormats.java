package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.Provider;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry of webhook formats: one line per provider with a webhook, in the order payloads are recognised. */
public final class WebhookFormats {
    /** Every format; the most specific first (a Cloud API payload is recognised by its {@code object}). */
    public static final List<WebhookFormat> ALL =
            List.of(new CloudApiWebhook(), new EightByEightWebhook(), new NxCloudWebhook());

    private WebhookFormats() {}

    /** @return the format of the provider's webhooks; empty for a provider without one (Huawei cases are polled) */
    public static Optional<WebhookFormat> of(Provider provider) {
        return ALL.stream().filter(f -> f.provider() == provider).findFirst();
    }

    /**
     * @return the format the payload is in
     * @throws WebhookException when no provider's format recognises it
     */
    public static WebhookFormat detect(JsonNode root) throws WebhookException {
        for (WebhookFormat f : ALL) {
            if (f.recognizes(root)) {
                return f;
            }
        }
        throw new WebhookException("neither "
                + ALL.stream()
                        .map(WebhookFormat::description)
                        .collect(Collectors.joining(", ", "", ""))
                        .replaceFirst(", ([^,]*)$", " nor $1"));
    }
}

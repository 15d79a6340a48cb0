package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Field reads shared by the webhook mappings: a blank or null value counts as absent. */
final class Json {
    private Json() {}

    /** @throws WebhookException naming {@code path} when the field is absent, null or blank */
    static String required(JsonNode node, String field, String path) throws WebhookException {
        String value = optional(node, field);
        if (value == null) {
            throw new WebhookException(path + " is required");
        }
        return value;
    }

    /** @return the field's text, or null when it is absent, null or blank */
    static String optional(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** @throws WebhookException naming {@code path} when the text is not whole unix seconds */
    static Instant unixSeconds(String seconds, String path) throws WebhookException {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            throw new WebhookException(path + " must be unix seconds, was '" + seconds + "'");
        }
    }
}

package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

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
}

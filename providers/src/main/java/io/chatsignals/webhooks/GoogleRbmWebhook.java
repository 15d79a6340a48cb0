package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.schema.GoogleRbmInbound;
import io.chatsignals.schema.Provider;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Maps Google RCS Business Messaging's webhook (Google "Receive messages", "Webhooks"; docs/providers/google-rbm.md): a
 * Pub/Sub-style envelope {@code {message: {data: <base64 of the event JSON>, …}, …}} whose event, when it is a user's
 * message ({@code senderPhoneNumber}, a content field — {@code text}, {@code suggestionResponse}, {@code location},
 * {@code userFile} — and no {@code eventType}), becomes one {@link GoogleRbmInbound}: {@code {senderPhoneNumber,
 * messageId, sendTime, agentId, text}}. User events (DELIVERED, READ, IS_TYPING, …), server events and agent-launch
 * events are counted, not mapped. {@code agentId} comes as {@code <agent>@rbm.goog}; the API names the agent without
 * the suffix, and so does the record.
 */
public final class GoogleRbmWebhook implements WebhookFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTENT = List.of("text", "suggestionResponse", "location", "userFile");

    @Override
    public Provider provider() {
        return Provider.GOOGLE_RBM;
    }

    @Override
    public String description() {
        return "a Google RBM webhook (message.data)";
    }

    @Override
    public boolean recognizes(JsonNode root) {
        return root.path("message").path("data").isTextual();
    }

    /**
     * @throws WebhookException naming the field, for an envelope without base64 JSON in {@code message.data}, or a
     *                          message without a required field or with an unreadable {@code sendTime}
     */
    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        JsonNode event = event(root);
        boolean message = event.hasNonNull("senderPhoneNumber")
                && !event.has("eventType")
                && CONTENT.stream().anyMatch(event::has);
        if (!message) {
            return new Mapped(List.of(), 1);
        }
        String agent = Json.required(event, "agentId", "message.data.agentId");
        GoogleRbmInbound m = GoogleRbmInbound.newBuilder()
                .setMessageId(Json.required(event, "messageId", "message.data.messageId"))
                .setAgentId(agent.endsWith("@rbm.goog") ? agent.substring(0, agent.length() - 9) : agent)
                .setSenderPhoneNumber(Json.required(event, "senderPhoneNumber", "message.data.senderPhoneNumber"))
                .setSendTime(sendTime(Json.required(event, "sendTime", "message.data.sendTime")))
                .setMessageType(CONTENT.stream().filter(event::has).findFirst().orElse(null))
                .build();
        return new Mapped(List.of(m), 0);
    }

    /**
     * @return the event the envelope carries, decoded from {@code message.data}
     * @throws WebhookException for a {@code message.data} that is not base64 of a JSON object
     */
    public static JsonNode event(JsonNode root) throws WebhookException {
        byte[] data = data(root);
        try {
            JsonNode event = JSON.readTree(data);
            if (event == null || !event.isObject()) {
                throw new WebhookException("message.data must be base64 of a JSON object");
            }
            return event;
        } catch (IOException e) {
            throw new WebhookException("message.data must be base64 of a JSON object: " + e.getMessage());
        }
    }

    /**
     * @return the bytes {@code message.data} holds, base64-decoded (what {@code X-Goog-Signature} signs)
     * @throws WebhookException for a missing or non-base64 {@code message.data}
     */
    public static byte[] data(JsonNode root) throws WebhookException {
        JsonNode data = root.path("message").path("data");
        if (!data.isTextual()) {
            throw new WebhookException("message.data is required");
        }
        try {
            return Base64.getDecoder().decode(data.asText().trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookException("message.data must be base64: " + e.getMessage());
        }
    }

    private static Instant sendTime(String text) throws WebhookException {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookException(
                    "message.data.sendTime must be an RFC 3339 time such as 2026-01-01T00:00:00.000Z, was '" + text
                            + "'");
        }
    }
}

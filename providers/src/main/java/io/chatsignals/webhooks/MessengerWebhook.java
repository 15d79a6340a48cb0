package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.MessengerInbound;
import io.chatsignals.schema.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a Messenger Platform webhook (Meta "Webhook events": messages; Instagram "Webhooks"; docs/providers/messenger.md)
 * to {@link MessengerInbound} records: {@code {object: page | instagram, entry: [{id, time, messaging: [{sender: {id},
 * recipient: {id}, timestamp, message: {mid, text | attachments | quick_reply, reply_to?}}], standby: [...]}]}}, one
 * record per message event of {@code messaging[]} and of {@code standby[]} (a thread another app owns, handover
 * protocol). Echoes of the business's own messages ({@code message.is_echo}) and the events that are not messages
 * ({@code read}, {@code delivery}, {@code reaction}, {@code postback}, {@code message_edit}, …) are counted, not mapped.
 * Timestamps are milliseconds. A payload maps whole or not at all.
 */
public final class MessengerWebhook implements WebhookFormat {
    @Override
    public Provider provider() {
        return Provider.MESSENGER;
    }

    @Override
    public String description() {
        return "a Messenger or Instagram webhook (object page or instagram)";
    }

    /** @return whether the payload's {@code object} is {@code page} or {@code instagram}: Messenger Platform's alone */
    @Override
    public boolean recognizes(JsonNode root) {
        return channel(root) != null;
    }

    /**
     * @throws WebhookException naming the field (e.g. {@code entry[0].messaging[1].message.mid is required}) for a
     *                          payload of another object, without entries, or with a message missing a required field
     */
    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        String channel = channel(root);
        if (channel == null) {
            throw new WebhookException("object must be page or instagram, was '"
                    + root.path("object").asText() + "'");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new WebhookException("entry[] is required and must not be empty");
        }
        List<MessengerInbound> out = new ArrayList<>();
        int other = 0;
        for (int e = 0; e < entries.size(); e++) {
            for (String list : List.of("messaging", "standby")) {
                JsonNode events = entries.get(e).path(list);
                for (int i = 0; i < events.size(); i++) {
                    JsonNode event = events.get(i);
                    JsonNode message = event.path("message");
                    if (!message.isObject() || message.path("is_echo").asBoolean(false)) {
                        other++;
                        continue;
                    }
                    out.add(message(
                            event, "entry[" + e + "]." + list + "[" + i + "]", channel, list.equals("standby")));
                }
            }
        }
        return new Mapped(List.copyOf(out), other);
    }

    private static MessengerInbound message(JsonNode event, String where, String channel, boolean standby)
            throws WebhookException {
        JsonNode m = event.path("message");
        return MessengerInbound.newBuilder()
                .setMid(Json.required(m, "mid", where + ".message.mid"))
                .setRecipientId(Json.required(event.path("recipient"), "id", where + ".recipient.id"))
                .setSenderId(Json.required(event.path("sender"), "id", where + ".sender.id"))
                .setTimestamp(millis(event.path("timestamp"), where + ".timestamp"))
                .setChannel(channel)
                .setStandby(standby)
                .setMessageType(type(m))
                .setReplyToMid(Json.optional(m.path("reply_to"), "mid"))
                .build();
    }

    private static String channel(JsonNode root) {
        return switch (root.path("object").asText()) {
            case "page" -> "messenger";
            case "instagram" -> "instagram";
            default -> null;
        };
    }

    private static String type(JsonNode message) {
        if (message.has("quick_reply")) {
            return "quick_reply";
        }
        if (message.has("attachments")) {
            return "attachments";
        }
        return message.has("text") ? "text" : null;
    }

    private static Instant millis(JsonNode value, String path) throws WebhookException {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
                || value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Instant.ofEpochMilli(value.asLong());
        }
        throw new WebhookException(path + " must be milliseconds since the epoch, was '" + value.asText() + "'");
    }
}

package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.Provider;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * 8x8 Chat Apps' {@code inbound_message_received} webhook (docs/providers.md, "8x8") → one {@link EightByEightInbound}.
 * Recognised by its envelope ({@code payload} or {@code eventType}); {@code type} is read case-insensitively.
 */
public final class EightByEightWebhook implements WebhookFormat {
    @Override
    public Provider provider() {
        return Provider.EIGHT_BY_EIGHT;
    }

    @Override
    public String description() {
        return "an 8x8 webhook (payload)";
    }

    @Override
    public boolean recognizes(JsonNode root) {
        return root.has("payload") || root.has("eventType");
    }

    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        return new Mapped(List.of(eightByEight(root)), 0);
    }

    /** 8x8 Chat Apps {@code inbound_message_received}. */
    static EightByEightInbound eightByEight(JsonNode root) throws WebhookException {
        String eventType = root.path("eventType").asText("");
        if (!eventType.equalsIgnoreCase("inbound_message_received")) {
            throw new WebhookException("eventType must be inbound_message_received, was '" + eventType + "'");
        }
        JsonNode p = root.path("payload");
        String msisdn = Json.optional(p.path("user"), "msisdn");
        String channelUserId = Json.optional(p.path("user"), "channelUserId");
        if (msisdn == null && channelUserId == null) {
            throw new WebhookException("payload.user.msisdn or payload.user.channelUserId is required");
        }
        String type = Json.optional(p, "type");
        return EightByEightInbound.newBuilder()
                .setUmid(Json.required(p, "umid", "payload.umid"))
                .setSubAccountId(Json.required(p, "subAccountId", "payload.subAccountId"))
                .setTimestamp(isoInstant(Json.required(p, "timestamp", "payload.timestamp"), "payload.timestamp"))
                .setChannel(Json.required(p.path("recipient"), "channel", "payload.recipient.channel")
                        .toLowerCase(Locale.ROOT))
                .setChannelId(Json.optional(p.path("recipient"), "channelId"))
                .setMsisdn(msisdn)
                .setChannelUserId(channelUserId)
                .setContentType(type == null ? null : type.toLowerCase(Locale.ROOT))
                .setReplyToUmid(Json.optional(p, "replyToUmid"))
                .build();
    }

    private static Instant isoInstant(String text, String path) throws WebhookException {
        try {
            return Instant.ofEpochMilli(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (Exception e) {
            throw new WebhookException(path + " must be an ISO-8601 timestamp, was '" + text + "'");
        }
    }
}

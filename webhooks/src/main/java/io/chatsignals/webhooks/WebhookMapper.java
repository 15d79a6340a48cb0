package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps the providers' inbound webhook JSON to the contract records (docs/providers.md lists the fields):
 * 8x8 {@code inbound_message_received} → one {@link EightByEightInbound}; NXCloud → one {@link NxCloudInbound} per
 * entry of {@code messages[]}; the WhatsApp Cloud API → one record per message ({@link CloudApiWebhook}). Lenient where the providers' samples differ: {@code type} is read case-insensitively,
 * {@code merchant_phone} stands for {@code business_phone}, an empty {@code wa_id} falls back to {@code user_id}.
 */
public final class WebhookMapper {
    /** Which provider a payload comes from. */
    public enum Source {
        EIGHT_BY_EIGHT,
        NXCLOUD,
        WHATSAPP_CLOUD
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMapper() {}

    /**
     * @return which provider's webhook this is: a Cloud API one has {@code object: whatsapp_business_account}, an 8x8
     *         envelope {@code payload}, NXCloud {@code messages}
     */
    public static Source detect(JsonNode root) throws WebhookException {
        if (CloudApiWebhook.is(root)) {
            return Source.WHATSAPP_CLOUD;
        }
        if (root.has("payload") || root.has("eventType")) {
            return Source.EIGHT_BY_EIGHT;
        }
        if (root.has("messages") || root.has("contacts")) {
            return Source.NXCLOUD;
        }
        throw new WebhookException(
                "neither an 8x8 webhook (payload), an NXCloud webhook (messages) nor a WhatsApp Cloud API webhook (object)");
    }

    /**
     * @return the contract records of one webhook payload (one for 8x8, one per message for NXCloud and the Cloud API;
     *         none for a Cloud API delivery of statuses only)
     * @throws WebhookException naming the field, for bad JSON or a missing/invalid field: nothing is returned then
     */
    public static List<SpecificRecord> map(String json) throws WebhookException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WebhookException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new WebhookException("not a JSON object");
        }
        return switch (detect(root)) {
            case EIGHT_BY_EIGHT -> List.of(eightByEight(root));
            case NXCLOUD -> List.copyOf(nxCloud(root));
            case WHATSAPP_CLOUD -> List.copyOf(CloudApiWebhook.map(root).messages());
        };
    }

    /** 8x8 Chat Apps {@code inbound_message_received}. */
    public static EightByEightInbound eightByEight(JsonNode root) throws WebhookException {
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

    /** NXCloud WhatsApp inbound: one record per {@code messages[]} entry. */
    public static List<NxCloudInbound> nxCloud(JsonNode root) throws WebhookException {
        String phone = Json.optional(root, "business_phone");
        if (phone == null) {
            phone = Json.optional(root, "merchant_phone");
        }
        if (phone == null) {
            throw new WebhookException("business_phone (or merchant_phone) is required");
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new WebhookException("messages[] is required and must not be empty");
        }
        List<NxCloudInbound> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            JsonNode contact = contactOf(root.path("contacts"), Json.optional(m, "from"));
            String waId = Json.optional(contact, "wa_id");
            String userId = Json.optional(contact, "user_id");
            if (waId == null && userId == null) {
                throw new WebhookException("contacts[].wa_id or contacts[].user_id is required for " + where);
            }
            Instant at = CloudApiWebhook.unixSeconds(
                    Json.required(m, "timestamp", where + ".timestamp"), where + ".timestamp");
            String type = Json.optional(m, "type");
            out.add(NxCloudInbound.newBuilder()
                    .setMessageId(Json.required(m, "id", where + ".id"))
                    .setBusinessPhone(phone)
                    .setWaId(waId)
                    .setUserId(userId)
                    .setTimestamp(at)
                    .setMessageType(type == null ? null : type.toLowerCase(Locale.ROOT))
                    .setAppId(Json.optional(root, "app_id"))
                    .build());
        }
        return out;
    }

    private static JsonNode contactOf(JsonNode contacts, String from) {
        if (!contacts.isArray() || contacts.isEmpty()) {
            return JSON.createObjectNode();
        }
        for (JsonNode c : contacts) {
            if (from != null && from.equals(c.path("wa_id").asText())) {
                return c;
            }
        }
        return contacts.get(0);
    }

    private static Instant isoInstant(String text, String path) throws WebhookException {
        try {
            return Instant.ofEpochMilli(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (Exception e) {
            throw new WebhookException(path + " must be an ISO-8601 timestamp, was '" + text + "'");
        }
    }
}

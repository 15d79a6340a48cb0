package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NXCloud's WhatsApp inbound webhook (docs/providers.md, "NXCloud") → one {@link NxCloudInbound} per entry of
 * {@code messages[]}. Recognised by {@code messages} or {@code contacts}. Lenient where NXCloud's samples differ:
 * {@code merchant_phone} stands for {@code business_phone}, an empty {@code wa_id} falls back to {@code user_id}.
 */
public final class NxCloudWebhook implements WebhookFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Provider provider() {
        return Provider.NXCLOUD;
    }

    @Override
    public String description() {
        return "an NXCloud webhook (messages)";
    }

    @Override
    public boolean recognizes(JsonNode root) {
        return root.has("messages") || root.has("contacts");
    }

    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        return new Mapped(List.copyOf(nxCloud(root)), 0);
    }

    /** NXCloud WhatsApp inbound: one record per {@code messages[]} entry. */
    static List<NxCloudInbound> nxCloud(JsonNode root) throws WebhookException {
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
            Instant at = Json.unixSeconds(Json.required(m, "timestamp", where + ".timestamp"), where + ".timestamp");
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
}

package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a WhatsApp Cloud API webhook (Meta's, or a BSP's that forwards it unchanged such as 360dialog; Meta "Webhooks:
 * getting started", docs/providers.md) to {@link WhatsAppCloudInbound} records: {@code {object:
 * whatsapp_business_account, entry: [{id: <WABA id>, changes: [{field: messages, value: {metadata: {phone_number_id,
 * display_phone_number}, contacts, messages: [...]}}]}]}}, one record per message of every change of every entry.
 * {@code statuses[]} (delivery receipts of the business's own messages), {@code errors[]} and changes of other fields
 * are not inbound messages: they are counted, not mapped. A payload maps whole or not at all.
 */
public final class CloudApiWebhook implements WebhookFormat {
    /** The {@code object} of every Cloud API webhook. */
    public static final String OBJECT = "whatsapp_business_account";

    /**
     * What one webhook carried.
     *
     * @param messages the inbound messages, in payload order
     * @param statuses entries of {@code statuses[]}: delivery receipts, not messages
     * @param errors   entries of {@code errors[]}
     * @param other    changes of another field than {@code messages}
     */
    public record Mapped(List<WhatsAppCloudInbound> messages, int statuses, int errors, int other) {}

    @Override
    public Provider provider() {
        return Provider.WHATSAPP_CLOUD;
    }

    @Override
    public String description() {
        return "a WhatsApp Cloud API webhook (object)";
    }

    @Override
    public boolean recognizes(JsonNode root) {
        return is(root);
    }

    @Override
    public WebhookFormat.Mapped read(JsonNode root) throws WebhookException {
        Mapped m = map(root);
        return new WebhookFormat.Mapped(List.copyOf(m.messages()), m.statuses() + m.errors());
    }

    /** @return whether the payload is a Cloud API webhook ({@code object: whatsapp_business_account}) */
    public static boolean is(JsonNode root) {
        return OBJECT.equals(root.path("object").asText());
    }

    /**
     * @throws WebhookException naming the field (e.g. {@code entry[0].changes[1].value.messages[0].id is required})
     *                          for a payload that is not a Cloud API webhook or has a message without a required field
     */
    public static Mapped map(JsonNode root) throws WebhookException {
        if (!is(root)) {
            throw new WebhookException(
                    "object must be " + OBJECT + ", was '" + root.path("object").asText() + "'");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new WebhookException("entry[] is required and must not be empty");
        }
        List<WhatsAppCloudInbound> out = new ArrayList<>();
        int statuses = 0;
        int errors = 0;
        int other = 0;
        for (int e = 0; e < entries.size(); e++) {
            JsonNode entry = entries.get(e);
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                throw new WebhookException("entry[" + e + "].changes[] is required");
            }
            for (int c = 0; c < changes.size(); c++) {
                JsonNode change = changes.get(c);
                String where = "entry[" + e + "].changes[" + c + "]";
                if (!"messages".equals(change.path("field").asText())) {
                    other++;
                    continue;
                }
                JsonNode value = change.path("value");
                statuses += value.path("statuses").size();
                errors += value.path("errors").size();
                JsonNode messages = value.path("messages");
                if (messages.isEmpty()) {
                    continue;
                }
                String phoneNumberId = Json.required(
                        value.path("metadata"), "phone_number_id", where + ".value.metadata.phone_number_id");
                for (int m = 0; m < messages.size(); m++) {
                    out.add(message(
                            messages.get(m),
                            where + ".value.messages[" + m + "]",
                            phoneNumberId,
                            Json.optional(entry, "id"),
                            Json.optional(value.path("metadata"), "display_phone_number")));
                }
            }
        }
        return new Mapped(List.copyOf(out), statuses, errors, other);
    }

    private static WhatsAppCloudInbound message(
            JsonNode m, String where, String phoneNumberId, String wabaId, String displayPhone)
            throws WebhookException {
        String type = Json.optional(m, "type");
        return WhatsAppCloudInbound.newBuilder()
                .setMessageId(Json.required(m, "id", where + ".id"))
                .setPhoneNumberId(phoneNumberId)
                .setWaId(Json.required(m, "from", where + ".from"))
                .setTimestamp(
                        Json.unixSeconds(Json.required(m, "timestamp", where + ".timestamp"), where + ".timestamp"))
                .setMessageType(type == null ? null : type.toLowerCase(Locale.ROOT))
                .setWabaId(wabaId)
                .setDisplayPhoneNumber(displayPhone)
                .setContextId(Json.optional(m.path("context"), "id"))
                .setGroupId(Json.optional(m, "group_id"))
                .build();
    }
}

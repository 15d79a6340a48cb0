package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.TwilioInbound;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Maps Twilio's incoming-message webhook (Twilio "Messaging webhooks: the request", docs/providers/twilio.md) to one
 * {@link TwilioInbound}: form parameters {@code MessageSid} ({@code SmsSid}, deprecated, the same), {@code AccountSid},
 * {@code From}, {@code To}, {@code MessagingServiceSid}, {@code MessageType}, {@code NumMedia},
 * {@code OriginalRepliedMessageSid}, and many more this version ignores (Twilio adds parameters without notice). The
 * channel is the {@code From} address's prefix ({@code whatsapp:}, {@code rcs:}; none: {@code sms}). Twilio sends no
 * time: the record is stamped when it is mapped, at receipt.
 */
public final class TwilioWebhook implements WebhookFormat {
    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public String description() {
        return "a Twilio webhook (MessageSid, AccountSid)";
    }

    @Override
    public boolean formEncoded() {
        return true;
    }

    @Override
    public boolean recognizes(JsonNode root) {
        return root.has("AccountSid") && (root.has("MessageSid") || root.has("SmsSid"));
    }

    /** @throws WebhookException naming the parameter, for a webhook without a required one or a bad NumMedia */
    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        String sid = Json.optional(root, "MessageSid");
        String from = Json.required(root, "From", "From");
        String numMedia = Json.optional(root, "NumMedia");
        String type = Json.optional(root, "MessageType");
        TwilioInbound m = TwilioInbound.newBuilder()
                .setMessageSid(sid != null ? sid : Json.required(root, "SmsSid", "MessageSid"))
                .setAccountSid(Json.required(root, "AccountSid", "AccountSid"))
                .setFrom(from)
                .setTo(Json.required(root, "To", "To"))
                .setChannel(channel(from))
                .setReceivedAt(Instant.now())
                .setMessagingServiceSid(Json.optional(root, "MessagingServiceSid"))
                .setMessageType(type == null ? null : type.toLowerCase(Locale.ROOT))
                .setNumMedia(numMedia == null ? null : count(numMedia))
                .setRepliedMessageSid(Json.optional(root, "OriginalRepliedMessageSid"))
                .build();
        return new Mapped(List.of(m), 0);
    }

    /** @return {@code whatsapp} or {@code rcs} from the address's prefix; {@code sms} for an address without one */
    static String channel(String address) {
        int colon = address.indexOf(':');
        String prefix = colon < 0 ? "" : address.substring(0, colon).toLowerCase(Locale.ROOT);
        return prefix.equals("whatsapp") || prefix.equals("rcs") ? prefix : "sms";
    }

    private static int count(String text) throws WebhookException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new WebhookException("NumMedia must be a whole number, was '" + text + "'");
        }
    }
}

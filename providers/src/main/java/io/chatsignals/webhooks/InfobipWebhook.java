package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.InfobipInbound;
import io.chatsignals.schema.Provider;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps Infobip's WhatsApp inbound-message webhook (format {@code MO_OTT_CONTACT}; Infobip "Receive WhatsApp inbound
 * messages", field names from Infobip's Java SDK model {@code WhatsAppWebhookInboundMessage}; docs/providers/infobip.md)
 * to {@link InfobipInbound} records: {@code {results: [{from, to, integrationType, receivedAt, messageId, message:
 * {type, ...}, ...}], messageCount, pendingMessageCount}}, one record per result. {@code receivedAt} is read leniently
 * ({@code 2019-07-25T10:44:09.717+0000}, or ISO-8601 with a colon in the offset); a message type this version does not
 * know is kept as it comes. A payload maps whole or not at all.
 */
public final class InfobipWebhook implements WebhookFormat {
    /** Infobip's own form: milliseconds optional, offset without a colon ({@code +0000}). */
    private static final DateTimeFormatter RECEIVED_AT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT);

    @Override
    public Provider provider() {
        return Provider.INFOBIP;
    }

    @Override
    public String description() {
        return "an Infobip webhook (results[].receivedAt)";
    }

    /** @return whether the payload has {@code results[]} whose entries carry {@code receivedAt}: Infobip's alone */
    @Override
    public boolean recognizes(JsonNode root) {
        JsonNode results = root.path("results");
        return results.isArray() && !results.isEmpty() && results.get(0).has("receivedAt");
    }

    /**
     * @throws WebhookException naming the field (e.g. {@code results[1].messageId is required}) for a payload without
     *                          results or with a result missing a required field or with an unreadable time
     */
    @Override
    public Mapped read(JsonNode root) throws WebhookException {
        JsonNode results = root.path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw new WebhookException("results[] is required and must not be empty");
        }
        List<SpecificRecord> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            out.add(message(results.get(i), "results[" + i + "]"));
        }
        return new Mapped(List.copyOf(out), 0);
    }

    private static InfobipInbound message(JsonNode r, String where) throws WebhookException {
        String type = Json.optional(r.path("message"), "type");
        return InfobipInbound.newBuilder()
                .setMessageId(Json.required(r, "messageId", where + ".messageId"))
                .setSender(Json.required(r, "to", where + ".to"))
                .setFrom(Json.required(r, "from", where + ".from"))
                .setReceivedAt(receivedAt(Json.required(r, "receivedAt", where + ".receivedAt"), where + ".receivedAt"))
                .setMessageType(type == null ? null : type.toLowerCase(Locale.ROOT))
                .setIntegrationType(Json.optional(r, "integrationType"))
                .setContextId(Json.optional(r.path("message").path("context"), "id"))
                .build();
    }

    /**
     * @return the instant of Infobip's {@code receivedAt}
     * @throws WebhookException naming {@code path} for a text in neither form
     */
    static Instant receivedAt(String text, String path) throws WebhookException {
        try {
            return OffsetDateTime.parse(text.trim(), RECEIVED_AT).toInstant();
        } catch (DateTimeParseException infobipForm) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException iso) {
                throw new WebhookException(
                        path + " must be a time such as 2019-07-25T10:44:09.717+0000, was '" + text + "'");
            }
        }
    }
}

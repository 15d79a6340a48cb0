package io.chatsignals.worker.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.schema.MessageDetails;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Turns an 8x8 message-details answer ({@code {data: [...]}}, 8x8 "Retrieve message details") into the contract's
 * {@link MessageDetails}: the record with the highest {@code step} (the latest channel attempt), with
 * {@code records} = how many came back.
 */
final class EightByEightMessageDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EightByEightMessageDetails() {}

    /**
     * @throws IllegalArgumentException if the body has no {@code data} record or is not JSON
     */
    static MessageDetails parse(String body) {
        JsonNode data;
        try {
            data = JSON.readTree(body).path("data");
        } catch (Exception e) {
            throw new IllegalArgumentException("message details are not JSON: " + e.getMessage());
        }
        if (!data.isArray() || data.isEmpty()) {
            throw new IllegalArgumentException("message details have no data records");
        }
        JsonNode latest = data.get(0);
        for (JsonNode r : data) {
            if (r.path("step").asInt() > latest.path("step").asInt()) {
                latest = r;
            }
        }
        return MessageDetails.newBuilder()
                .setUmid(latest.path("umid").asText())
                .setChannel(latest.path("channel").asText())
                .setChannelId(text(latest, "channelId"))
                .setDirection(text(latest, "direction"))
                .setCountry(text(latest, "country"))
                .setState(text(latest.path("status"), "state"))
                .setDetail(text(latest.path("status"), "detail"))
                .setStatusTimestamp(instant(text(latest.path("status"), "timestamp")))
                .setContentType(text(latest, "contentType"))
                .setCreatedAt(instant(text(latest, "createdAt")))
                .setStep(latest.path("step").asInt())
                .setRecords(data.size())
                .setClientMessageId(text(latest, "clientMessageId"))
                .setBatchId(text(latest, "batchId"))
                .build();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(
                    OffsetDateTime.parse(iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$") ? iso : iso + "Z")
                            .toInstant()
                            .toEpochMilli());
        } catch (Exception e) {
            return null;
        }
    }
}

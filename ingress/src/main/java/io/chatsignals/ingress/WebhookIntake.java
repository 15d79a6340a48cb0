package io.chatsignals.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.webhooks.CloudApiWebhook;
import io.chatsignals.webhooks.InboundKeys;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookMapper;
import java.io.IOException;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an authentic webhook body comes to: its records (topic and conversation key each), or why it cannot be mapped
 * (its raw bytes then go to the inbound DLQ: a retry would fail the same way), or that it is not JSON at all (answered
 * 400). A webhook maps whole or not at all. Stateless.
 */
final class WebhookIntake {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The outcome of one body.
     *
     * @param records      the records to write (empty for a Cloud API delivery of statuses only)
     * @param receipts     Cloud API {@code statuses[]}/{@code errors[]} entries: not messages, counted only
     * @param unmappable   why an authentic JSON body cannot be mapped, or null
     */
    record Mapped(List<DurableWriter.Out> records, int receipts, String unmappable) {}

    /** The body is not JSON, or not a JSON object: a client error (400), nothing written. */
    static final class NotJson extends Exception {
        private static final long serialVersionUID = 1L;

        NotJson(String message) {
            super(message);
        }
    }

    private final IngressConfig.Topic topics;

    WebhookIntake(IngressConfig.Topic topics) {
        this.topics = topics;
    }

    /**
     * @param source the path segment: {@code 8x8}, {@code nxcloud} or {@code whatsapp-cloud}
     * @throws NotJson when the body is not a JSON object
     */
    Mapped map(String source, byte[] body) throws NotJson {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NotJson("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotJson("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new NotJson("not a JSON object");
        }
        try {
            return switch (source) {
                case IngressSettings.EIGHT_BY_EIGHT -> new Mapped(
                        List.of(out(topics.inbound8x8(), WebhookMapper.eightByEight(root))), 0, null);
                case IngressSettings.NXCLOUD -> new Mapped(
                        WebhookMapper.nxCloud(root).stream()
                                .map(r -> out(topics.inboundNxCloud(), r))
                                .toList(),
                        0,
                        null);
                case IngressSettings.WHATSAPP_CLOUD -> {
                    CloudApiWebhook.Mapped m = CloudApiWebhook.map(root);
                    yield new Mapped(
                            m.messages().stream()
                                    .map(r -> out(topics.inboundWhatsAppCloud(), r))
                                    .toList(),
                            m.statuses() + m.errors(),
                            null);
                }
                default -> throw new IllegalArgumentException("no webhook source " + source);
            };
        } catch (WebhookException e) {
            return new Mapped(List.of(), 0, e.getMessage());
        }
    }

    private static DurableWriter.Out out(String topic, SpecificRecord record) {
        return new DurableWriter.Out(topic, InboundKeys.conversation(record), record);
    }
}

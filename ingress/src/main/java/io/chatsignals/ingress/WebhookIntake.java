package io.chatsignals.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an authentic webhook body comes to: its records (topic and conversation key each), or why it cannot be mapped
 * (its raw bytes then go to the inbound DLQ: a retry would fail the same way), or that it is not JSON at all (answered
 * 400). A webhook maps whole or not at all. Stateless.
 */
final class WebhookIntake {
    /**
     * The outcome of one body.
     *
     * @param records      the records to write (empty for a Cloud API delivery of statuses only)
     * @param receipts     entries that are not messages (Cloud API {@code statuses[]}/{@code errors[]}): counted only
     * @param unmappable   why an authentic JSON body cannot be mapped, or null
     */
    record Mapped(List<DurableWriter.Out> records, int receipts, String unmappable) {}

    /** @return whether the provider posts form parameters rather than JSON */
    boolean formEncoded(String source) {
        return formats.get(source).formEncoded();
    }

    /** The body is not JSON, or not a JSON object (or not form parameters): a client error (400), nothing written. */
    static final class NotJson extends Exception {
        private static final long serialVersionUID = 1L;

        NotJson(String message) {
            super(message);
        }
    }

    private final Map<String, String> topics;
    private final Map<String, WebhookFormat> formats = new HashMap<>();

    /** @param topics per webhook provider's key, the topic its records go to */
    WebhookIntake(Map<String, String> topics) {
        this.topics = topics;
        for (WebhookSource source : WebhookSources.ALL) {
            formats.put(source.key(), Webhooks.of(source.provider()).orElseThrow());
        }
    }

    /**
     * @param source the path segment: a webhook provider's key
     * @param form   whether the body is form parameters (a form-encoded provider's; else JSON)
     * @throws NotJson when the body is not a JSON object (or not form parameters)
     */
    Mapped map(String source, byte[] body, boolean form) throws NotJson {
        JsonNode root;
        try {
            root = form ? Webhooks.form(body) : Webhooks.json(body);
        } catch (WebhookException e) {
            throw new NotJson(e.getMessage());
        }
        String topic = topics.get(source);
        try {
            WebhookFormat.Mapped m = formats.get(source).read(root);
            return new Mapped(m.records().stream().map(r -> out(topic, r)).toList(), m.receipts(), null);
        } catch (WebhookException e) {
            return new Mapped(List.of(), 0, e.getMessage());
        }
    }

    private static DurableWriter.Out out(String topic, SpecificRecord record) {
        return new DurableWriter.Out(topic, ProviderSpecs.conversationKey(record), record);
    }
}

package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps a provider's inbound webhook JSON to the contract records: the payload's format is recognised among
 * {@link WebhookFormats#ALL} and mapped by it (docs/providers.md lists each provider's fields).
 */
public final class WebhookMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMapper() {}

    /**
     * @return the contract records of one webhook payload (one for 8x8, one per message for NXCloud and the Cloud API;
     *         none for a Cloud API delivery of statuses only)
     * @throws WebhookException naming the field, for bad JSON, a payload of no provider or a missing/invalid field:
     *                          nothing is returned then
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
        return WebhookFormats.detect(root).read(root).records();
    }
}

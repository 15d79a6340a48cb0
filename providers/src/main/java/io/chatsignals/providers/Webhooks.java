package io.chatsignals.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * The providers' inbound webhook formats, as their specs give them ({@link InboundSpec#webhookFormat()}): how a payload
 * is told to be whose, and mapped to the contract records (docs/providers.md lists each provider's fields). Ingress,
 * the CLI's {@code publish} and the local run's traffic map through it. Stateless.
 */
public final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every provider's webhook format, in contract order (a provider polled instead, as Huawei cases, has none). */
    public static final List<WebhookFormat> ALL = ProviderSpecs.withInbound().stream()
            .flatMap(s -> s.inbound().orElseThrow().webhookFormat().stream())
            .toList();

    private Webhooks() {}

    /** @return the format of the provider's webhooks; empty for a provider without one */
    public static Optional<WebhookFormat> of(Provider provider) {
        return ALL.stream().filter(f -> f.provider() == provider).findFirst();
    }

    /**
     * @return the one format that recognises the payload
     * @throws WebhookException when none does, or more than one does (the payload is ambiguous)
     */
    public static WebhookFormat detect(JsonNode root) throws WebhookException {
        List<WebhookFormat> matching =
                ALL.stream().filter(f -> f.recognizes(root)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            throw new WebhookException("neither "
                    + ALL.stream()
                            .map(WebhookFormat::description)
                            .collect(Collectors.joining(", "))
                            .replaceFirst(", ([^,]*)$", " nor $1"));
        }
        throw new WebhookException("ambiguous: "
                + matching.stream().map(WebhookFormat::description).collect(Collectors.joining(" and ")));
    }

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
        } catch (JsonProcessingException e) {
            throw new WebhookException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new WebhookException("not a JSON object");
        }
        return detect(root).read(root).records();
    }
}

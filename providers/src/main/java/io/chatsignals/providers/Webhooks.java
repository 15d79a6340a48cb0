package io.chatsignals.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.WebhookException;
import io.chatsignals.webhooks.WebhookFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

    /** Every provider's webhook format, in contract order (a provider polled by a source connector has none). */
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
     * @param payload a JSON object, or form parameters ({@code a=1&b=2}, as a form-encoded webhook posts them)
     * @return the contract records of one webhook payload (one per message the payload carries; none for a
     *         delivery of statuses only)
     * @throws WebhookException naming the field, for bad JSON, a payload of no provider or a missing/invalid field:
     *                          nothing is returned then
     */
    public static List<SpecificRecord> map(String payload) throws WebhookException {
        JsonNode root = payload.stripLeading().startsWith("{")
                ? json(payload.getBytes(StandardCharsets.UTF_8))
                : form(payload.getBytes(StandardCharsets.UTF_8));
        return detect(root).read(root).records();
    }

    /**
     * @return the body as a JSON object
     * @throws WebhookException for a body that is not JSON or not a JSON object
     */
    public static JsonNode json(byte[] body) throws WebhookException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new WebhookException("not a JSON object");
        }
        return root;
    }

    /**
     * @param body {@code application/x-www-form-urlencoded} parameters, UTF-8
     * @return them as a JSON object of name → value (a repeated name keeps its first value)
     * @throws WebhookException for a body that is not form parameters (an undecodable escape, a name without {@code =})
     */
    public static ObjectNode form(byte[] body) throws WebhookException {
        ObjectNode root = JSON.createObjectNode();
        for (Map.Entry<String, List<String>> p : FormParameters.parse(body).entrySet()) {
            root.put(p.getKey(), p.getValue().get(0));
        }
        return root;
    }
}

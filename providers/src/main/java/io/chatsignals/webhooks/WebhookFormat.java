package io.chatsignals.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.schema.Provider;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One provider's inbound webhook JSON (docs/providers.md lists its fields): how to recognise a payload of it and how
 * to map one to the provider's inbound records. each webhook provider's spec names its format
 * ({@code io.chatsignals.providers.InboundSpec}), and {@code io.chatsignals.providers.Webhooks} lists them; ingress, the
 * CLI's {@code publish} and the local run's traffic all map through it. Implementations are stateless.
 */
public interface WebhookFormat {
    /**
     * What one payload came to.
     *
     * @param records  the inbound messages, in payload order (none for a delivery of receipts only)
     * @param receipts entries that are not messages (the Cloud API's {@code statuses[]} and {@code errors[]}): counted
     */
    record Mapped(List<SpecificRecord> records, int receipts) {}

    /** @return the provider whose webhooks these are */
    Provider provider();

    /** @return how the format is told apart in an error message: {@code a <provider> webhook (<its telling field>)} */
    String description();

    /**
     * @return whether the provider posts its webhook as form parameters ({@code application/x-www-form-urlencoded},
     *         read as a JSON object of name → value by {@code io.chatsignals.providers.Webhooks#form}) rather than JSON
     */
    default boolean formEncoded() {
        return false;
    }

    /** @return whether the payload is this provider's webhook, by the fields only it has */
    boolean recognizes(JsonNode root);

    /**
     * @throws WebhookException naming the field, for a payload without a required field or with an invalid one: a
     *                          payload maps whole or not at all
     */
    Mapped read(JsonNode root) throws WebhookException;
}

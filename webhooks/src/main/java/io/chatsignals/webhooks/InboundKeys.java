package io.chatsignals.webhooks;

import io.chatsignals.contract.Customers;
import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import org.apache.avro.specific.SpecificRecord;

/**
 * The conversation an inbound record belongs to, as its record key ({@code <provider>:<account>:<customer>}, the
 * identity of docs/design.md, "The contract"): the 8x8 subaccount, the NXCloud business phone or the Cloud API's phone
 * number id, and the customer by the one rule streams-app validates with ({@link Customers}). A redelivered webhook
 * gets the same key, so its copies share a partition.
 */
public final class InboundKeys {
    private InboundKeys() {}

    /** @throws IllegalArgumentException for a record type that is not an inbound message of a webhook */
    public static String conversation(SpecificRecord record) {
        if (record instanceof EightByEightInbound m) {
            return Keys.conversation(Provider.EIGHT_BY_EIGHT, m.getSubAccountId(), Customers.of(m));
        }
        if (record instanceof NxCloudInbound m) {
            return Keys.conversation(Provider.NXCLOUD, m.getBusinessPhone(), Customers.of(m));
        }
        if (record instanceof WhatsAppCloudInbound m) {
            return Keys.conversation(Provider.WHATSAPP_CLOUD, m.getPhoneNumberId(), Customers.of(m));
        }
        throw new IllegalArgumentException(
                "not a webhook's inbound record: " + record.getSchema().getFullName());
    }
}

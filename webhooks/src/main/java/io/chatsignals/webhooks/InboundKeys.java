package io.chatsignals.webhooks;

import io.chatsignals.contract.Schemas.Keys;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.WhatsAppCloudInbound;
import org.apache.avro.specific.SpecificRecord;

/**
 * The conversation an inbound record belongs to, as its record key ({@code <provider>:<account>:<customer>}, the
 * identity of docs/design.md, "The contract"): 8x8 subaccount and msisdn, else channelUserId; NXCloud business phone
 * and wa_id, else user_id; the Cloud API's phone number id and the group of a group message, else the sender's wa_id.
 * A redelivered webhook gets the same key, so its copies share a partition.
 */
public final class InboundKeys {
    private InboundKeys() {}

    /** @throws IllegalArgumentException for a record type that is not an inbound message of a webhook */
    public static String conversation(SpecificRecord record) {
        if (record instanceof EightByEightInbound m) {
            return Keys.conversation(
                    Provider.EIGHT_BY_EIGHT,
                    m.getSubAccountId(),
                    m.getMsisdn() != null ? m.getMsisdn() : m.getChannelUserId());
        }
        if (record instanceof NxCloudInbound m) {
            return Keys.conversation(
                    Provider.NXCLOUD,
                    m.getBusinessPhone(),
                    m.getWaId() != null && !m.getWaId().isEmpty() ? m.getWaId() : m.getUserId());
        }
        if (record instanceof WhatsAppCloudInbound m) {
            return Keys.conversation(
                    Provider.WHATSAPP_CLOUD,
                    m.getPhoneNumberId(),
                    m.getGroupId() != null ? m.getGroupId() : m.getWaId());
        }
        throw new IllegalArgumentException(
                "not a webhook's inbound record: " + record.getSchema().getFullName());
    }
}

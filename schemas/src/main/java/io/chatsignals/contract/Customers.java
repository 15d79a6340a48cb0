package io.chatsignals.contract;

import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;

/**
 * The one rule for the customer of an inbound message's conversation (docs/design.md, "The contract"), for every
 * writer's record key and for streams-app's validation alike: 8x8 — the msisdn, else the channelUserId; NXCloud — the
 * wa_id, else the user_id; the Cloud API — the group of a group message, else the sender's wa_id. A field that is
 * blank counts as absent, so a record is keyed and validated the same way.
 */
public final class Customers {
    private Customers() {}

    /** @return the customer, or null when the record has none (invalid: streams-app sends it to the DLQ) */
    public static String of(EightByEightInbound m) {
        return firstPresent(m.getMsisdn(), m.getChannelUserId());
    }

    /** @return the customer, or null when the record has none */
    public static String of(NxCloudInbound m) {
        return firstPresent(m.getWaId(), m.getUserId());
    }

    /** @return the group of a group message, else the sender's wa_id; null when it has neither */
    public static String of(WhatsAppCloudInbound m) {
        return firstPresent(m.getGroupId(), m.getWaId());
    }

    /** @return whether a field holds something other than white space */
    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstPresent(String preferred, String fallback) {
        return present(preferred) ? preferred : present(fallback) ? fallback : null;
    }
}

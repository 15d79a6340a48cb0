package io.chatsignals.devstack.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbound messages the simulator "delivered": the local run and tests register them, and the provider endpoints
 * check umids / message ids, accounts, channels and receipt times against them. Thread-safe.
 */
public final class KnownMessages {

    /**
     * An inbound message as the provider knows it.
     *
     * @param provider   the provider's key
     * @param messageId  the provider's message id
     * @param account    the account as the provider names it in its calls
     * @param customer   the customer's msisdn / wa_id
     * @param channel    whatsapp, rcs, sms, … (NXCloud: whatsapp)
     * @param receivedAt when the provider received it
     * @param steps      how many channel attempts 8x8 message details returns for it (at least 1)
     */
    public record Message(
            String provider,
            String messageId,
            String account,
            String customer,
            String channel,
            Instant receivedAt,
            int steps) {
        public Message {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1");
            }
        }
    }

    private final Map<String, Message> messages = new ConcurrentHashMap<>();

    /** Registers (or replaces) a message. */
    public void register(Message message) {
        messages.put(key(message.provider(), message.messageId()), message);
    }

    /** @return the message with that id, if registered */
    public Optional<Message> find(String provider, String messageId) {
        return Optional.ofNullable(messages.get(key(provider, messageId)));
    }

    /** @return how many messages are registered */
    public int size() {
        return messages.size();
    }

    private static String key(String provider, String messageId) {
        return provider + "|" + messageId;
    }
}

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
     * @param steps      how many channel attempts a message-details lookup returns for it (at least 1)
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
    private final Map<String, Message> newestOfConversation = new ConcurrentHashMap<>();

    /** Registers (or replaces) a message. */
    public void register(Message message) {
        messages.put(key(message.provider(), message.messageId()), message);
        newestOfConversation.merge(
                conversation(message.provider(), message.account(), message.customer()),
                message,
                (old, now) -> now.receivedAt().isBefore(old.receivedAt()) ? old : now);
    }

    /**
     * @return the newest registered message of a conversation, for calls that name the conversation rather than a
     *         message (a conversation-wide read that names no message)
     */
    public Optional<Message> newest(String provider, String account, String customer) {
        return Optional.ofNullable(newestOfConversation.get(conversation(provider, account, customer)));
    }

    /** @return the message with that id, if registered */
    public Optional<Message> find(String provider, String messageId) {
        return Optional.ofNullable(messages.get(key(provider, messageId)));
    }

    /** @return how many messages are registered */
    public int size() {
        return messages.size();
    }

    private static String conversation(String provider, String account, String customer) {
        return provider + "|" + account + "|" + customer;
    }

    private static String key(String provider, String messageId) {
        return provider + "|" + messageId;
    }
}

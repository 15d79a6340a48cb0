package io.chatsignals.providers;

import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.WebhookFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The inbound side of a provider (docs/design.md, "Adding a provider"): its record type, its default topic, how a
 * record reads as an {@link InboundMessage} (the customer rule among it), its event time and the record's own rules
 * beyond the provider's id rules. Every writer keys a record by {@link #conversationKey}, streams-app validates it by
 * {@link #fields} and {@link #problem}, and its timestamp extractor reads {@link #eventTime}: one place per rule.
 *
 * @param type      the Avro record type of the provider's inbound topic
 * @param topic     the topic's default name (each app lets it be configured by {@link #topicSetting})
 * @param optIn     whether streams-app reads the topic only when its setting names one (a source connector's topic:
 *                  deployments without it need no such topic)
 * @param fields    the record's field names for each part of the message, as a validation reason quotes them
 * @param reader    reads a record, unchecked
 * @param eventTime the record's event time, or null (then the Kafka record's own timestamp counts)
 * @param rule      what is wrong with a record beyond required fields and id rules, or empty
 * @param webhook   the provider's inbound webhook format, or null for a provider whose messages are polled
 * @param receiptTimed whether the event time is when this side received the message, not the provider's own time for
 *                  it (a webhook that carries none: the ingress stamps its receipt), so a redelivery carries another
 *                  one; false: every delivery of a message carries the same event time, and streams-app's dedupe is
 *                  one point read at that time instead of a search of its whole retention
 * @param <R>       the record type
 */
public record InboundSpec<R extends SpecificRecord>(
        Class<R> type,
        String topic,
        boolean optIn,
        Fields fields,
        Function<R, InboundMessage> reader,
        Function<R, Instant> eventTime,
        Function<R, Optional<String>> rule,
        WebhookFormat webhook,
        boolean receiptTimed) {

    /**
     * The record's field names of each required part, quoted in validation reasons ({@code umid is required}).
     *
     * @param channel null when the provider has one channel and the record does not carry it
     */
    public record Fields(String messageId, String account, String customer, String channel) {}

    /** @return the provider's inbound webhook format; empty for a provider whose messages are polled */
    public Optional<WebhookFormat> webhookFormat() {
        return Optional.ofNullable(webhook);
    }

    /** @return the message a record holds, unchecked */
    public InboundMessage read(SpecificRecord record) {
        return reader.apply(type.cast(record));
    }

    /** @return the record's event time, or null when it has none */
    public Instant eventTimeOf(SpecificRecord record) {
        return eventTime.apply(type.cast(record));
    }

    /** @return what is wrong with the record beyond required fields and id rules, or empty */
    public Optional<String> problem(SpecificRecord record) {
        return rule.apply(type.cast(record));
    }

    /**
     * @return the record key every writer gives the record: its conversation, {@code <provider>:<account>:<customer>}
     *         ({@link io.chatsignals.contract.Schemas.Keys#conversation}), so a redelivered message shares its
     *         conversation's partition
     */
    public String conversationKey(Provider provider, SpecificRecord record) {
        InboundMessage m = read(record);
        return io.chatsignals.contract.Schemas.Keys.conversation(provider, m.account(), m.customer());
    }

    /**
     * @param key the provider's key ({@link ProviderSpec#key()})
     * @return the setting naming the topic in every app, {@code topic.inbound-<key>}
     */
    public static String topicSetting(String key) {
        return "topic.inbound-" + key;
    }

    /** @return the first of the values that holds something other than white space, or null */
    public static String firstPresent(String... values) {
        for (String v : values) {
            if (present(v)) {
                return v;
            }
        }
        return null;
    }

    /** @return whether a field holds something other than white space (a blank field counts as absent) */
    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** @return the channel in lower case, or null */
    public static String lowerCase(String channel) {
        return channel == null ? null : channel.toLowerCase(Locale.ROOT);
    }
}

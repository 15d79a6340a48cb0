package io.chatsignals.streams.topology;

import io.chatsignals.schema.Provider;
import io.chatsignals.streams.state.ConversationEvent;
import java.time.Instant;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * One input topic of the decision topology: what its records are, how one is validated into a
 * {@link ConversationEvent}, its event time and the provider it counts against. {@link InboundSources#ALL} is the table
 * the topology, the validation and the timestamp extractor iterate.
 *
 * @param name         the source's name: processor names ({@code inbound-<name>}, {@code validate-<name>}) and the
 *                     inbound-topic key ({@code topic.<name>} for activity, {@code topic.inbound-<name>} for a provider)
 * @param topicKey     the setting that names its topic
 * @param topic        the docs/design.md name of its topic, read when the setting is unset (unless opt-in)
 * @param optIn        whether the app reads the source only when its setting names a topic
 * @param type         the Avro record type of its values
 * @param rule         validation into the internal event ({@link Validation})
 * @param eventTime    the payload's event time (may return null: the record's own timestamp is used)
 * @param provider     the provider a record counts against in the {@code invalid} skip metric (null: UNKNOWN)
 * @param <V>          the record type
 */
public record InboundSource<V extends SpecificRecord>(
        String name,
        String topicKey,
        String topic,
        boolean optIn,
        Class<V> type,
        Rule<V> rule,
        Function<V, Instant> eventTime,
        Function<V, Provider> provider) {

    /** Validates one record of a source. */
    @FunctionalInterface
    public interface Rule<V> {
        /**
         * @param nowMs wall clock, epoch ms (event times beyond it plus the clock skew are invalid)
         * @throws io.chatsignals.streams.errors.InvalidRecordException naming the first rule the record breaks
         */
        ConversationEvent apply(Validation validation, V record, long nowMs);
    }

    /** @return the event time of a value of this source's type, or null when the payload has none */
    Instant eventTimeOf(Object value) {
        return eventTime.apply(type.cast(value));
    }
}

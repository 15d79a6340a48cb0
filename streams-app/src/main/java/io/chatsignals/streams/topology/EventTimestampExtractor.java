package io.chatsignals.streams.topology;

import io.chatsignals.streams.state.ConversationEvent;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the payload: each inbound source's own ({@link InboundSource#eventTime()}: the message timestamp,
 * the activity's {@code occurredAt}) and the internal event's {@code at}; otherwise (undecodable record, other types,
 * no time in the payload) the record's own timestamp, and the partition time when that is negative.
 */
public final class EventTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object v = record.value();
        Instant at;
        if (v instanceof ConversationEvent e) {
            at = e.getAt();
        } else {
            InboundSource<?> source = InboundSources.ofValue(v);
            at = source == null ? null : source.eventTimeOf(v);
        }
        long ts = at != null ? at.toEpochMilli() : record.timestamp();
        return ts >= 0 ? ts : Math.max(0, partitionTime);
    }
}

package io.chatsignals.streams.topology;

import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.streams.state.ConversationEvent;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time from the payload: the 8x8/NXCloud message {@code timestamp}, the activity's {@code occurredAt}, the
 * internal event's {@code at}; otherwise (undecodable record, other types) the record's own timestamp, and the
 * partition time when that is negative.
 */
public final class EventTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object v = record.value();
        Instant at = null;
        if (v instanceof EightByEightInbound) {
            at = ((EightByEightInbound) v).getTimestamp();
        } else if (v instanceof NxCloudInbound) {
            at = ((NxCloudInbound) v).getTimestamp();
        } else if (v instanceof ConversationActivity) {
            at = ((ConversationActivity) v).getOccurredAt();
        } else if (v instanceof ConversationEvent) {
            at = ((ConversationEvent) v).getAt();
        }
        long ts = at != null ? at.toEpochMilli() : record.timestamp();
        return ts >= 0 ? ts : Math.max(0, partitionTime);
    }
}

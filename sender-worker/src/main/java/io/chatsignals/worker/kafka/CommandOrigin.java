package io.chatsignals.worker.kafka;

import io.chatsignals.worker.dispatch.Origin;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a command was read from {@code chat.commands.v1}: its partition (the source released on revocation) and
 * offset (finished in the {@link OffsetTracker} once its status is acknowledged).
 */
public record CommandOrigin(TopicPartition partition, long offset) implements Origin {
    @Override
    public Object source() {
        return partition;
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}

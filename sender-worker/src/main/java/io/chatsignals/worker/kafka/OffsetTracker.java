package io.chatsignals.worker.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets may be committed (DESIGN.md execution rule 2): per partition, the offsets handed out and not yet
 * finished (status or DLQ record acknowledged by the broker). The committable offset is the lowest unfinished one, or
 * one past the highest seen when all are finished. Thread-safe: tracked on the consumer thread, finished from producer
 * callbacks.
 */
public final class OffsetTracker {
    private static final class PartitionState {
        final TreeSet<Long> pending = new TreeSet<>();
        long highest = -1;
        long committed = -1;
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private int pendingTotal;

    public synchronized void track(TopicPartition tp, long offset) {
        PartitionState state = partitions.computeIfAbsent(tp, k -> new PartitionState());
        if (state.pending.add(offset)) {
            pendingTotal++;
        }
        state.highest = Math.max(state.highest, offset);
    }

    public synchronized void finish(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        if (state != null && state.pending.remove(offset)) {
            pendingTotal--;
        }
    }

    /** @return the offsets to commit that moved since the last call (and marks them committed) */
    public synchronized Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (only != null && !only.contains(tp) || state.highest < 0) {
                return;
            }
            long next = state.pending.isEmpty() ? state.highest + 1 : state.pending.first();
            if (next > state.committed) {
                out.put(tp, new OffsetAndMetadata(next));
                state.committed = next;
            }
        });
        return out;
    }

    /** @return whether the offset is handed out and unfinished here (false once its partition was released) */
    public synchronized boolean isPending(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        return state != null && state.pending.contains(offset);
    }

    /** @return how many offsets of these partitions are unfinished */
    public synchronized int pending(Collection<TopicPartition> of) {
        return of.stream().map(partitions::get).filter(java.util.Objects::nonNull).mapToInt(s -> s.pending.size()).sum();
    }

    /** @return how many offsets are unfinished over all partitions (the buffered work) */
    public synchronized int pendingTotal() {
        return pendingTotal;
    }

    /** Forgets partitions this consumer no longer owns. */
    public synchronized void forget(Collection<TopicPartition> gone) {
        for (TopicPartition tp : gone) {
            PartitionState state = partitions.remove(tp);
            if (state != null) {
                pendingTotal -= state.pending.size();
            }
        }
    }
}

package io.chatsignals.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offset bookkeeping of the command consumer (docs/design.md, execution rule 2). Per partition it knows every offset
 * handed out and not yet finished (its status or DLQ record acknowledged by the broker), in three kinds:
 * <ul>
 * <li><b>in memory</b> — decoded and handed to the dispatcher (counted per lane, the account's share of the buffer);</li>
 * <li><b>parked</b> — an account over its share of the buffer: only the offset and its lane are kept, the record is
 *     fetched again ({@link #rewinds}) once the account has room, so a hot account never holds the others back;</li>
 * <li><b>awaited</b> — restored from the committed metadata of a previous owner: unfinished there, not fetched yet.</li>
 * </ul>
 * The committed offset is the lowest unfinished one (or one past the highest seen), and its metadata lists the
 * unfinished offsets above it ({@link OffsetMetadataCodec}): a new owner restores them ({@link #restore}) and skips
 * every other offset below the highest one known, so it repeats only what was unfinished. Thread-safe: records are
 * admitted on the consumer thread, finished from producer callbacks.
 */
public final class OffsetTracker {
    /** What to do with a fetched record. */
    public enum Disposition {
        /** Not seen before, or awaited from the previous owner, or parked and due again: decode and handle it. */
        PROCESS,
        /** Parked, and its account has no room yet: leave it parked. */
        STILL_PARKED,
        /** Finished already, or in memory now (fetched again after a rewind): nothing to do. */
        SKIP
    }

    private static final class PartitionState {
        final NavigableSet<Long> pending = new TreeSet<>();
        final NavigableSet<Long> awaited = new TreeSet<>();
        final TreeMap<Long, String> parked = new TreeMap<>();
        final Map<String, NavigableSet<Long>> parkedByLane = new HashMap<>();
        final Map<Long, String> laneOf = new HashMap<>();
        long highest = -1;
        long committedOffset = -1;
        String committedMetadata = "";
        long rewoundTo = -1;
    }

    private final int maxMetadataChars;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<String, Integer> inMemoryPerLane = new HashMap<>();
    private int inMemory;
    private int parked;
    private long truncatedCommits;

    /** @param maxMetadataChars the broker's {@code offset.metadata.max.bytes} (4,096 by default), or less */
    public OffsetTracker(int maxMetadataChars) {
        this.maxMetadataChars = maxMetadataChars;
    }

    /**
     * Takes over a partition from its committed offset and metadata (null: nothing committed): the unfinished offsets
     * the metadata lists are awaited, every other offset below its known span is finished.
     *
     * @throws IllegalArgumentException for metadata of this format that is corrupt
     */
    public synchronized void restore(TopicPartition tp, OffsetAndMetadata committed) {
        forget(List.of(tp));
        PartitionState state = new PartitionState();
        partitions.put(tp, state);
        if (committed == null) {
            return;
        }
        state.committedOffset = committed.offset();
        state.highest = committed.offset() - 1; // below the committed offset everything is done
        state.committedMetadata = Objects.requireNonNullElse(committed.metadata(), "");
        OffsetMetadataCodec.decode(committed.offset(), committed.metadata()).ifPresent(known -> {
            state.awaited.addAll(known.unfinished());
            state.pending.addAll(known.unfinished());
            state.highest = committed.offset() + known.span() - 1;
        });
    }

    /** @return what to do with the record at this offset; changes nothing */
    public synchronized Disposition peek(TopicPartition tp, long offset, int laneQuota) {
        PartitionState state = partitions.get(tp);
        if (state == null || offset > state.highest || state.awaited.contains(offset)) {
            return Disposition.PROCESS;
        }
        String lane = state.parked.get(offset);
        if (lane != null) {
            // back in offset order only: the lane's lowest parked offset first, so each conversation keeps its order
            boolean first = state.parkedByLane.get(lane).first() == offset;
            return first && inMemoryPerLane.getOrDefault(lane, 0) < laneQuota
                    ? Disposition.PROCESS
                    : Disposition.STILL_PARKED;
        }
        return Disposition.SKIP;
    }

    /**
     * @return whether the command at this offset must be parked (again): the lane holds {@code laneQuota} in memory,
     *         or has parked offsets below it in the partition that are not back yet (a later command must not overtake
     *         them). A parked offset coming back as its lane's lowest is not held back by itself.
     */
    public synchronized boolean mustPark(TopicPartition tp, long offset, String lane, int laneQuota) {
        PartitionState state = partitions.get(tp);
        NavigableSet<Long> parkedOfLane = state == null ? null : state.parkedByLane.get(lane);
        return inMemoryPerLane.getOrDefault(lane, 0) >= laneQuota
                || parkedOfLane != null && parkedOfLane.first() < offset;
    }

    /** Notes that the consumer fetched this offset (a rewind is complete once its first offset came back). */
    public synchronized void fetched(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        if (state == null) {
            return;
        }
        if (state.rewoundTo >= 0 && offset >= state.rewoundTo) {
            state.rewoundTo = -1;
        }
        // awaited offsets below a fetched one will never come (deleted by retention, or transaction markers): gone
        for (Long gone = state.awaited.lower(offset); gone != null; gone = state.awaited.lower(offset)) {
            state.awaited.remove(gone);
            state.pending.remove(gone);
        }
    }

    /** Hands an offset to memory: decoded and on its way (lane: the account, or any label for DLQ records). */
    public synchronized void admit(TopicPartition tp, long offset, String lane) {
        PartitionState state = partitions.computeIfAbsent(tp, k -> new PartitionState());
        state.awaited.remove(offset);
        unpark(state, offset);
        state.pending.add(offset);
        if (state.laneOf.put(offset, lane) == null) {
            inMemory++;
            inMemoryPerLane.merge(lane, 1, Integer::sum);
        }
        state.highest = Math.max(state.highest, offset);
    }

    /** Parks an offset of an account that is over its share: unfinished, not in memory, fetched again later. */
    public synchronized void park(TopicPartition tp, long offset, String lane) {
        PartitionState state = partitions.computeIfAbsent(tp, k -> new PartitionState());
        state.awaited.remove(offset);
        state.pending.add(offset);
        if (state.parked.put(offset, lane) == null) {
            parked++;
            state.parkedByLane.computeIfAbsent(lane, k -> new TreeSet<>()).add(offset);
        }
        state.highest = Math.max(state.highest, offset);
    }

    private void unpark(PartitionState state, long offset) {
        String lane = state.parked.remove(offset);
        if (lane != null) {
            parked--;
            NavigableSet<Long> ofLane = state.parkedByLane.get(lane);
            ofLane.remove(offset);
            if (ofLane.isEmpty()) {
                state.parkedByLane.remove(lane);
            }
        }
    }

    /**
     * Takes an offset out of memory while it stays unfinished (a queued command dropped at revocation: its next owner
     * runs it, and the commit's metadata says so).
     */
    public synchronized void unload(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        String lane = state == null ? null : state.laneOf.remove(offset);
        if (lane != null) {
            leaveMemory(lane);
        }
    }

    /** Marks an offset finished (its status or DLQ record is acknowledged). */
    public synchronized void finish(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        if (state == null || !state.pending.remove(offset)) {
            return;
        }
        unpark(state, offset);
        state.awaited.remove(offset);
        String lane = state.laneOf.remove(offset);
        if (lane != null) {
            leaveMemory(lane);
        }
    }

    /** One command of the lane is no longer held in memory (finished, unloaded or forgotten). */
    private void leaveMemory(String lane) {
        inMemory--;
        inMemoryPerLane.computeIfPresent(lane, (k, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * @return per partition, the offset to seek back to so that parked offsets of accounts with room again (fewer
     *         than {@code room} in memory) are fetched again; a partition is not rewound again before that offset came
     */
    public synchronized Map<TopicPartition, Long> rewinds(int room) {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (state.rewoundTo >= 0) {
                return;
            }
            state.parkedByLane.entrySet().stream()
                    .filter(e -> inMemoryPerLane.getOrDefault(e.getKey(), 0) < room)
                    .map(e -> e.getValue().first())
                    .min(Long::compare)
                    .ifPresent(offset -> {
                        state.rewoundTo = offset;
                        out.put(tp, offset);
                    });
        });
        return out;
    }

    /**
     * @return the offsets to commit, with the unfinished offsets above each in the metadata, that changed since the
     *         last call (marked committed)
     */
    public synchronized Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (only != null && !only.contains(tp) || state.highest < 0) {
                return;
            }
            long next = state.pending.isEmpty() ? state.highest + 1 : state.pending.first();
            OffsetMetadataCodec.Encoded encoded =
                    OffsetMetadataCodec.encode(next, state.highest + 1 - next, state.pending, maxMetadataChars);
            if (next != state.committedOffset || !encoded.metadata().equals(state.committedMetadata)) {
                if (encoded.truncated()) {
                    truncatedCommits++;
                }
                out.put(tp, new OffsetAndMetadata(next, encoded.metadata()));
                state.committedOffset = next;
                state.committedMetadata = encoded.metadata();
            }
        });
        return out;
    }

    /**
     * Forgets that these offsets were committed (the async commit failed, e.g. in a rebalance), so the next
     * {@link #toCommit} sends them again even when nothing finished meanwhile. A partition committed again since, or
     * released, is left as it is.
     */
    public synchronized void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, failed) -> {
            PartitionState state = partitions.get(tp);
            if (state != null
                    && state.committedOffset == failed.offset()
                    && state.committedMetadata.equals(failed.metadata())) {
                state.committedOffset = -1;
                state.committedMetadata = "";
            }
        });
    }

    /** @return whether the offset is in memory and unfinished here (false once its partition was released) */
    public synchronized boolean isPending(TopicPartition tp, long offset) {
        PartitionState state = partitions.get(tp);
        return state != null && state.laneOf.containsKey(offset);
    }

    /** @return how many offsets of these partitions are in memory and unfinished */
    public synchronized int inMemory(Collection<TopicPartition> of) {
        return of.stream()
                .map(partitions::get)
                .filter(Objects::nonNull)
                .mapToInt(s -> s.laneOf.size())
                .sum();
    }

    /** @return how many offsets are in memory and unfinished over all partitions (the buffered work) */
    public synchronized int inMemory() {
        return inMemory;
    }

    /** @return how many commands of this lane are in memory and unfinished */
    public synchronized int inMemory(String lane) {
        return inMemoryPerLane.getOrDefault(lane, 0);
    }

    /** @return how many offsets are parked (fetched again when their account has room) */
    public synchronized int parked() {
        return parked;
    }

    /** @return the partitions that hold parked offsets */
    public synchronized Set<TopicPartition> withParked() {
        Set<TopicPartition> out = new HashSet<>();
        partitions.forEach((tp, state) -> {
            if (!state.parked.isEmpty()) {
                out.add(tp);
            }
        });
        return out;
    }

    /** @return how many commits had their metadata cut to fit {@code offset.metadata.max.bytes} so far */
    public synchronized long truncatedCommits() {
        return truncatedCommits;
    }

    /** Forgets partitions this consumer no longer owns. */
    public synchronized void forget(Collection<TopicPartition> gone) {
        for (TopicPartition tp : gone) {
            PartitionState state = partitions.remove(tp);
            if (state != null) {
                parked -= state.parked.size();
                state.laneOf.values().forEach(this::leaveMemory);
            }
        }
    }
}

package io.chatsignals.streams.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time-ordered index of what is due, in a persistent key-value store with a changelog: key
 * {@code <dueAt ms, 15 digits>|<kind>|<conversation>}, so the punctuator finds what is due with one range scan up to
 * now instead of scanning every conversation (docs/design.md, decision rule 8).
 *
 * <p>It also keeps, in memory, a lower bound of the earliest entry's due time: a punctuation before it touches no
 * store, so the punctuator can run often (a short {@code punctuate.interval}, a read decided soon after its quiet
 * period) at no cost while nothing is due. The bound starts at 0 (unknown: the first look-up after a task is assigned
 * scans), is lowered by every {@link #put} and set by each scan to the first entry it leaves in place.
 */
final class DueIndex {
    /** On-receipt decisions, due after read.delay of quiet. */
    static final String QUIET = "quiet";
    /** Dropping an idle conversation's state. */
    static final String PURGE = "purge";

    /** One due entry. */
    record Entry(String key, long dueAt, String kind, String conversation) {}

    private final KeyValueStore<String, String> store;
    /** No entry is due before this (epoch ms): a lower bound of the earliest entry's due time. */
    private long earliest = 0;

    DueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    void put(long dueAt, String kind, String conversation) {
        store.put(key(dueAt, kind, conversation), "");
        earliest = Math.min(earliest, dueAt);
    }

    void remove(Long dueAt, String kind, String conversation) {
        if (dueAt != null) {
            store.delete(key(dueAt, kind, conversation));
        }
    }

    /**
     * @return every entry due at or before {@code nowMs}, oldest first (the caller deletes what it handles); without a
     *     store look-up when {@code nowMs} is before the earliest due time known
     */
    List<Entry> due(long nowMs) {
        if (nowMs < earliest) {
            return List.of();
        }
        List<Entry> due = new ArrayList<>();
        earliest = Long.MAX_VALUE; // unless an entry is left in place
        try (KeyValueIterator<String, String> it = store.range(key(0, "", ""), null)) { // null: no upper bound
            while (it.hasNext()) {
                String key = it.next().key;
                String[] parts = key.split("\\|", 3);
                long dueAt = Long.parseLong(parts[0]);
                if (dueAt > nowMs) {
                    earliest = dueAt;
                    break;
                }
                due.add(new Entry(key, dueAt, parts[1], parts[2]));
            }
        }
        return due;
    }

    void delete(Entry entry) {
        store.delete(entry.key());
    }

    /** Built by hand: on the hot path (each quiet period, each purge move, each punctuation) String.format cost 6 %. */
    private static String key(long dueAt, String kind, String conversation) {
        return paddedMillis(dueAt) + '|' + kind + '|' + conversation;
    }

    /** @return {@code ms} as 15 decimal digits with leading zeros ({@code ms} is a non-negative epoch-ms time) */
    static String paddedMillis(long ms) {
        String digits = Long.toString(ms);
        return digits.length() >= 15 ? digits : "0".repeat(15 - digits.length()) + digits;
    }
}

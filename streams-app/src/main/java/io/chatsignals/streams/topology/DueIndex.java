package io.chatsignals.streams.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time-ordered index of what is due, in a persistent key-value store with a changelog: key
 * {@code <dueAt ms, 15 digits>|<kind>|<conversation>}, so the punctuator finds what is due with one range scan up to
 * now instead of scanning every conversation (docs/design.md, decision rule 8).
 */
final class DueIndex {
    /** On-receipt decisions, due after read.delay of quiet. */
    static final String QUIET = "quiet";
    /** Dropping an idle conversation's state. */
    static final String PURGE = "purge";

    /** One due entry. */
    record Entry(String key, long dueAt, String kind, String conversation) {}

    private final KeyValueStore<String, String> store;

    DueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    void put(long dueAt, String kind, String conversation) {
        store.put(key(dueAt, kind, conversation), "");
    }

    void remove(Long dueAt, String kind, String conversation) {
        if (dueAt != null) {
            store.delete(key(dueAt, kind, conversation));
        }
    }

    /** @return every entry due at or before {@code nowMs}, oldest first (the caller deletes what it handles) */
    List<Entry> due(long nowMs) {
        List<Entry> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.range(key(0, "", ""), paddedMillis(nowMs) + "|\uffff")) {
            while (it.hasNext()) {
                String key = it.next().key;
                String[] parts = key.split("\\|", 3);
                due.add(new Entry(key, Long.parseLong(parts[0]), parts[1], parts[2]));
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

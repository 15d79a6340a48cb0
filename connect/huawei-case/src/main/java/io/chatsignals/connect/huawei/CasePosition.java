package io.chatsignals.connect.huawei;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the connector stands in one case's thread: the polling cursor, the create time of the newest message emitted
 * and the ids of the last {@value #RECENT} messages emitted. Stored as the Connect source offset of the case.
 *
 * <p>What is new is what the API returns after the cursor (its {@code last_message_time_id}), whatever its
 * {@code create_time}: a message that appears late, older than one already emitted, is emitted too (and counted as out
 * of order). Only a message among the recent ids is a repeat: a batch of cases is polled from its oldest cursor, so a
 * case whose own cursor was further on sees its latest messages again. Older repeats (a restart after a long quiet
 * spell of a batch's slowest case) are emitted again and dropped by streams-app's dedupe by message id. Immutable.
 *
 * @param cursor    {@code last_message_time_id} this case has been polled up to, null before any poll
 * @param lastMs    create time of the newest message emitted, epoch ms; -1 before any
 * @param recentIds ids of the last messages emitted, oldest first, at most {@value #RECENT}
 */
public record CasePosition(String cursor, long lastMs, List<String> recentIds) {
    /** How many emitted ids a position remembers (36 characters each in the offset). */
    public static final int RECENT = 32;

    /** Nothing emitted yet. */
    public static final CasePosition START = new CasePosition(null, -1, List.of());

    public CasePosition {
        recentIds = List.copyOf(recentIds);
    }

    /** @return whether the message (returned after the cursor) was not emitted yet: its id is not a recent one */
    public boolean isNew(String messageId) {
        return !recentIds.contains(messageId);
    }

    /** @return whether a message created at {@code createdMs} (epoch ms) is older than the newest emitted */
    public boolean outOfOrder(long createdMs) {
        return createdMs < lastMs;
    }

    /** @return the position after emitting the message, polled up to {@code newCursor} */
    public CasePosition after(long createdMs, String messageId, String newCursor) {
        List<String> ids = new ArrayList<>(recentIds);
        ids.add(messageId);
        return new CasePosition(
                newCursor, Math.max(lastMs, createdMs), ids.subList(Math.max(0, ids.size() - RECENT), ids.size()));
    }

    /** @return the position once polled up to {@code newCursor} (with its case's batch) without a new message */
    public CasePosition polledTo(String newCursor) {
        return new CasePosition(newCursor, lastMs, recentIds);
    }

    /** @return the Connect source offset of this position */
    public Map<String, Object> toOffset() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("last_message_time_id", cursor);
        offset.put("last_ms", lastMs);
        offset.put("recent_ids", String.join(",", recentIds));
        return offset;
    }

    /**
     * @return the position a stored source offset records ({@code ids_at_last} of offsets written before
     *         {@code recent_ids} read as the recent ids); {@link #START} for none
     */
    public static CasePosition fromOffset(Map<String, Object> offset) {
        if (offset == null) {
            return START;
        }
        Object ids = offset.containsKey("recent_ids") ? offset.get("recent_ids") : offset.get("ids_at_last");
        Object last = offset.get("last_ms");
        return new CasePosition(
                (String) offset.get("last_message_time_id"),
                last instanceof Number n ? n.longValue() : -1,
                ids == null || ids.toString().isEmpty()
                        ? List.of()
                        : List.of(ids.toString().split(",")));
    }

    /**
     * @return the cursor to poll a batch of cases from: the oldest of their cursors (numeric when they are numbers),
     *         null (from the beginning) when one of them has none
     */
    public static String batchCursor(List<CasePosition> positions) {
        String oldest = null;
        for (CasePosition p : positions) {
            if (p.cursor() == null || p.cursor().isEmpty()) {
                return null;
            }
            if (oldest == null || compare(p.cursor(), oldest) < 0) {
                oldest = p.cursor();
            }
        }
        return oldest;
    }

    private static int compare(String a, String b) {
        boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit);
        return numeric && a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}

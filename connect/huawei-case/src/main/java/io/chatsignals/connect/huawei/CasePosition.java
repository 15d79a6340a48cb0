package io.chatsignals.connect.huawei;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the connector stands in one case's thread: the time of the newest message emitted and the ids emitted at
 * that time. Stored as the Connect source offset of the case (with the polling cursor), so that after a restart a
 * message is emitted again only if it was never emitted: a message is new when it is younger than the position, or
 * as old but not among its ids. Immutable.
 *
 * @param cursor   {@code last_message_time_id} of the poll that emitted the newest message, null before any
 * @param lastMs   create time of the newest message emitted, epoch ms; -1 before any
 * @param idsAtLast ids of the messages emitted with create time {@code lastMs}
 */
public record CasePosition(String cursor, long lastMs, Set<String> idsAtLast) {
    /** Nothing emitted yet. */
    public static final CasePosition START = new CasePosition(null, -1, Set.of());

    /** @return whether a message with this create time and id was not emitted yet */
    public boolean isNew(long createdMs, String messageId) {
        return createdMs > lastMs || createdMs == lastMs && !idsAtLast.contains(messageId);
    }

    /** @return the position after emitting the message, polled with {@code cursor} returned */
    public CasePosition after(long createdMs, String messageId, String newCursor) {
        if (createdMs > lastMs) {
            return new CasePosition(newCursor, createdMs, Set.of(messageId));
        }
        Set<String> ids = new LinkedHashSet<>(idsAtLast);
        if (createdMs == lastMs) {
            ids.add(messageId);
        }
        return new CasePosition(newCursor, lastMs, Set.copyOf(ids));
    }

    /** @return the Connect source offset of this position */
    public Map<String, Object> toOffset() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("last_message_time_id", cursor);
        offset.put("last_ms", lastMs);
        offset.put("ids_at_last", String.join(",", idsAtLast));
        return offset;
    }

    /** @return the position a stored source offset records; {@link #START} for none */
    public static CasePosition fromOffset(Map<String, Object> offset) {
        if (offset == null) {
            return START;
        }
        Object ids = offset.get("ids_at_last");
        Object last = offset.get("last_ms");
        return new CasePosition(
                (String) offset.get("last_message_time_id"),
                last instanceof Number n ? n.longValue() : -1,
                ids == null || ids.toString().isEmpty()
                        ? Set.of()
                        : Set.copyOf(List.of(ids.toString().split(","))));
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

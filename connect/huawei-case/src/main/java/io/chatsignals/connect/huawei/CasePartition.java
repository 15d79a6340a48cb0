package io.chatsignals.connect.huawei;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The Connect source partition of a case: {@code {"account": …, "case": …}}, in that order. Connect finds a stored
 * offset by the bytes of the serialized partition (JSON in the map's iteration order), so the order must be the same
 * in every JVM: a {@code Map.of} iterates in an order that changes from one JVM to the next, and a restarted worker
 * then found no offset for about half of its starts and polled every case from the beginning.
 */
final class CasePartition {
    private CasePartition() {}

    /** @return the partition of a case, account first */
    static Map<String, Object> of(String account, String caseId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("account", account);
        p.put("case", caseId);
        return p;
    }

    /** @return the same partition with the keys the other way round, as some offsets written before were keyed */
    static Map<String, Object> reversed(String account, String caseId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("case", caseId);
        p.put("account", account);
        return p;
    }

    /**
     * Reads the stored offsets of these cases, under the partition as written now or, for offsets written by earlier
     * versions, with its keys the other way round.
     *
     * @return case id → its stored offset; cases without one are absent
     */
    static Map<String, Map<String, Object>> storedOffsets(
            OffsetStorageReader reader, String account, Collection<String> cases) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (boolean current : List.of(true, false)) {
            List<Map<String, Object>> partitions = cases.stream()
                    .filter(c -> !found.containsKey(c))
                    .map(c -> current ? of(account, c) : reversed(account, c))
                    .toList();
            if (partitions.isEmpty()) {
                break;
            }
            Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(partitions);
            for (Map<String, Object> p : partitions) {
                Map<String, Object> offset = stored.get(p);
                if (offset != null) {
                    found.put((String) p.get("case"), offset);
                }
            }
        }
        return found;
    }
}

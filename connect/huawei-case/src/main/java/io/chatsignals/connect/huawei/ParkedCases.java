package io.chatsignals.connect.huawei;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases a task has set aside because Huawei refuses to answer for them (closed, deleted, not the account's), with
 * the refusal and when each is tried again: the other cases keep being polled meanwhile. Not thread-safe (a task's
 * poll thread).
 */
final class ParkedCases {
    private record Parked(String reason, long recheckAtMs) {}

    private final long recheckMs;
    private final Map<String, Parked> parked = new LinkedHashMap<>();

    /** @param recheckMs how long a parked case waits before it is polled alone again, ms */
    ParkedCases(long recheckMs) {
        this.recheckMs = recheckMs;
    }

    /** Sets the case aside (again) until {@code nowMs + recheckMs}. */
    void park(String caseId, String reason, long nowMs) {
        parked.put(caseId, new Parked(reason, nowMs + recheckMs));
    }

    /** Polls the case with the others again. */
    void release(String caseId) {
        parked.remove(caseId);
    }

    boolean isParked(String caseId) {
        return parked.containsKey(caseId);
    }

    /** @return the parked cases due for a re-check at {@code nowMs}, in the order they were parked */
    List<String> due(long nowMs) {
        return parked.entrySet().stream()
                .filter(e -> e.getValue().recheckAtMs() <= nowMs)
                .map(Map.Entry::getKey)
                .toList();
    }

    int size() {
        return parked.size();
    }

    /** @return case id → the refusal it was parked for */
    Map<String, String> reasons() {
        Map<String, String> out = new LinkedHashMap<>();
        parked.forEach((id, p) -> out.put(id, p.reason()));
        return out;
    }
}

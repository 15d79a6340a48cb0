package io.chatsignals.devstack.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of accepted and rejected calls by endpoint, account and reason, and a bounded record of the latest calls
 * (oldest dropped first). Thread-safe.
 */
public final class CallLog {
    /** How many calls the record keeps. */
    public static final int RECORD_CAPACITY = 100_000;

    /**
     * One provider call as the simulator saw it.
     *
     * @param at         arrival time
     * @param endpoint   {@code <provider key>.<operation>} (each {@code SimulatedApi} names its own)
     * @param account    subAccountId / business phone, or "" when unknown
     * @param messageId  umid / message id, or ""
     * @param accepted   whether the provider accepted it
     * @param reason     {@code ok}, or why it was rejected ({@code unauthenticated}, {@code rate-limited}, {@code fault-5xx}, …)
     * @param httpStatus the HTTP status sent (0 for a timeout or dropped connection)
     * @param code       the provider's numeric code in the body, 0 for none
     */
    public record Call(
            Instant at,
            String endpoint,
            String account,
            String messageId,
            boolean accepted,
            String reason,
            int httpStatus,
            int code) {}

    /** A counter row: how many calls of an endpoint for an account ended with a reason. */
    public record Count(String endpoint, String account, boolean accepted, String reason, long count) {}

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Deque<Call> record = new ArrayDeque<>();

    /** Counts and records one call. */
    public void add(Call call) {
        counters.computeIfAbsent(
                        call.endpoint() + "\u0000" + call.account() + "\u0000" + call.accepted() + "\u0000"
                                + call.reason(),
                        k -> new LongAdder())
                .increment();
        synchronized (record) {
            if (record.size() == RECORD_CAPACITY) {
                record.removeFirst();
            }
            record.addLast(call);
        }
    }

    /** @return every counter row, sorted by endpoint, account, reason */
    public List<Count> counts() {
        Map<String, Count> sorted = new TreeMap<>();
        counters.forEach((key, adder) -> {
            String[] p = key.split("\u0000", -1);
            sorted.put(key, new Count(p[0], p[1], Boolean.parseBoolean(p[2]), p[3], adder.sum()));
        });
        return new ArrayList<>(sorted.values());
    }

    /** @return how many calls of the endpoint were accepted (all accounts) */
    public long accepted(String endpoint) {
        return counts().stream()
                .filter(c -> c.endpoint().equals(endpoint) && c.accepted())
                .mapToLong(Count::count)
                .sum();
    }

    /** @return how many calls of the endpoint were rejected for the reason (all accounts) */
    public long rejected(String endpoint, String reason) {
        return counts().stream()
                .filter(c -> c.endpoint().equals(endpoint)
                        && !c.accepted()
                        && c.reason().equals(reason))
                .mapToLong(Count::count)
                .sum();
    }

    /** @return the most recent calls, oldest first, at most {@code limit} */
    public List<Call> latest(int limit) {
        synchronized (record) {
            List<Call> all = new ArrayList<>(record);
            return all.subList(Math.max(0, all.size() - limit), all.size());
        }
    }

    /** Forgets every counter and call. */
    public void reset() {
        counters.clear();
        synchronized (record) {
            record.clear();
        }
    }
}

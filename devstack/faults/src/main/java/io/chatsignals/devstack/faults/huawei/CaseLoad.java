package io.chatsignals.devstack.faults.huawei;

import io.chatsignals.devstack.simulator.HuaweiCases;
import io.chatsignals.providers.HuaweiCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Huawei-side traffic at a fixed rate for fault runs of the case source connector: on its own thread, one engineer's
 * message (replier type 1) at a time into the simulated case threads, the cases in turn, so that every message is
 * polled by the connector and the latest of each case must get its read. Keeps the id each message gets
 * ({@link HuaweiCase#messageId}) and the latest of each case.
 */
public final class CaseLoad implements AutoCloseable {
    private final HuaweiCases huawei;
    private final List<String> cases;
    private final long periodNanos;
    private final Thread thread = new Thread(this::write, "case-load");
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final Map<String, String> latestOfCase = new LinkedHashMap<>();
    private volatile boolean running = true;

    /**
     * @param huawei    the simulator's Huawei side
     * @param cases     the cases to write into (opened, and polled by the connector)
     * @param perSecond messages per second over all cases
     */
    public CaseLoad(HuaweiCases huawei, List<String> cases, double perSecond) {
        this.huawei = huawei;
        this.cases = List.copyOf(cases);
        this.periodNanos = (long) (1e9 / perSecond);
    }

    /** Starts writing; returns at once. */
    public CaseLoad start() {
        thread.start();
        return this;
    }

    private void write() {
        long start = System.nanoTime();
        try {
            for (int i = 0; running; i++) {
                String caseId = cases.get(i % cases.size());
                String replier = "eng-" + (i % 5);
                HuaweiCases.Message m = huawei.addMessage(caseId, 1, replier, "update " + i + " on " + caseId);
                String id = HuaweiCase.messageId(caseId, m.createTime(), replier, m.content());
                written.add(id);
                synchronized (latestOfCase) {
                    latestOfCase.put(caseId, id);
                }
                long next = start + (i + 1) * periodNanos;
                while (running && System.nanoTime() < next) {
                    Thread.sleep(2); // the writing rate itself, not a wait for a result
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the ids of every message written so far */
    public Set<String> written() {
        return Set.copyOf(written);
    }

    /** @return the id of the latest message of each case written into, by case */
    public Map<String, String> latestOfCase() {
        synchronized (latestOfCase) {
            return Map.copyOf(latestOfCase);
        }
    }

    /** Stops writing; returns once the thread has. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}

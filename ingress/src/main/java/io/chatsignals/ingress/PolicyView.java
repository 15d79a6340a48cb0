package io.chatsignals.ingress;

import io.chatsignals.contract.PolicyTable;
import io.chatsignals.schema.BusinessPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The admin API's read side: the policies topic as it is when a request asks (a {@link PolicyTable} caught up to the
 * topic's end first, so a policy written and acknowledged is read back), on one thread of its own that owns the
 * consumer. Thread-safe.
 */
final class PolicyView implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "policy-view"));
    private final KafkaConsumer<String, BusinessPolicy> consumer;
    private final PolicyTable table;
    private final Duration timeout;

    /**
     * @param kafka    the producer's client settings (bootstrap servers, security)
     * @param registry serde settings
     * @param timeout  how long a read waits for the topic's end
     */
    PolicyView(Map<String, Object> kafka, Map<String, Object> registry, String topic, Duration timeout) {
        this.consumer = PolicyTable.consumer(kafka, registry);
        this.table = new PolicyTable(consumer, topic);
        this.timeout = timeout;
    }

    /** @return the policy of a key, once the topic is read to its end (fails with TimeoutException after the timeout) */
    CompletableFuture<Optional<PolicyTable.Versioned>> get(String key) {
        return CompletableFuture.supplyAsync(
                () -> {
                    caughtUp();
                    return table.get(key);
                },
                thread);
    }

    /** @return every policy, once the topic is read to its end */
    CompletableFuture<Map<String, PolicyTable.Versioned>> all() {
        return CompletableFuture.supplyAsync(
                () -> {
                    caughtUp();
                    return Map.copyOf(table.all());
                },
                thread);
    }

    private void caughtUp() {
        try {
            table.catchUp(timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.execute(consumer::close);
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}

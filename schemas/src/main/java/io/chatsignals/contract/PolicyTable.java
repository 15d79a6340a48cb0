package io.chatsignals.contract;

import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The business policies as {@code chat.policies.v1} holds them now (docs/policies.md): the latest valid record of each
 * key, a tombstone removing it, each with its offset as its version. Read by a consumer assigned every partition from
 * the beginning (no consumer group, nothing committed). Not thread-safe: one reader's thread.
 */
public final class PolicyTable {
    /** A policy and its version (its offset in the topic). */
    public record Versioned(BusinessPolicy policy, long version) {}

    private final Consumer<String, BusinessPolicy> consumer;
    private final Map<String, Versioned> policies = new TreeMap<>();

    /**
     * @param consumer a consumer of the policies topic (String keys, {@code BusinessPolicy} values), not subscribed
     * @param topic    the policies topic
     */
    public PolicyTable(Consumer<String, BusinessPolicy> consumer, String topic) {
        this.consumer = consumer;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * @param client Kafka client settings (bootstrap servers, security); consumer settings only are kept, and the
     *               reader's own (read_committed, nothing committed) win
     * @param serde  serde settings (the registry)
     * @return a consumer of the policies topic as a {@link PolicyTable} needs it (String keys, {@code BusinessPolicy}
     *         values); the caller closes it
     */
    public static KafkaConsumer<String, BusinessPolicy> consumer(
            Map<String, Object> client, Map<String, Object> serde) {
        Map<String, Object> config = new HashMap<>(client);
        config.keySet().retainAll(ConsumerConfig.configNames());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaAvroDeserializer<BusinessPolicy> values = new KafkaAvroDeserializer<>();
        Map<String, Object> reader = new HashMap<>(serde);
        reader.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        values.configure(reader, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    /** Reads what has been written since the last call, waiting at most {@code timeout} for new records. */
    public void poll(Duration timeout) {
        for (ConsumerRecord<String, BusinessPolicy> r : consumer.poll(timeout)) {
            apply(r);
        }
    }

    /**
     * Reads until every record written before this call is applied: what a client wrote and had acknowledged is then
     * here.
     *
     * @throws TimeoutException when the broker did not deliver them within {@code timeout}
     */
    public void catchUp(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the policies topic was not read to its end within " + timeout);
            }
            poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())));
        }
    }

    /** @return the policy of a key ({@link Policies#key}), if one is set */
    public Optional<Versioned> get(String key) {
        return Optional.ofNullable(policies.get(key));
    }

    /** @return every policy set, by key */
    public Map<String, Versioned> all() {
        return Collections.unmodifiableMap(policies);
    }

    private void apply(ConsumerRecord<String, BusinessPolicy> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            policies.remove(r.key());
        } else if (Policies.problem(r.key(), r.value()).isEmpty()) { // an invalid record changes nothing
            policies.put(r.key(), new Versioned(r.value(), r.offset()));
        }
    }
}

package io.chatsignals.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic without a consumer group (nothing committed, no rebalance): from the beginning
 * or the end, up to the end offsets seen at the start, or on ({@code follow}) until the handler says stop or the
 * thread is interrupted. Only committed records of transactional producers are read.
 */
final class TopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * @throws IllegalArgumentException when the topic does not exist
     */
    TopicReader(Map<String, Object> clientConfig, String topic, boolean fromEnd) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
    }

    /**
     * Hands every record to {@code handler} in partition order until caught up (or, with {@code follow}, for ever).
     *
     * @param handler returns false to stop reading
     */
    void read(boolean follow, Predicate<ConsumerRecord<byte[], byte[]>> handler) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!Thread.currentThread().isInterrupted()) {
            if (!follow && caughtUp(end)) {
                return;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (!handler.test(record)) {
                    return;
                }
            }
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}

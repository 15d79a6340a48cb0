package io.chatsignals.devstack.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether streams-app (group {@code chat-signals-decisions}, the Stack's default application.id) has committed every
 * record published to some inbound topics up to when this was made. Its repartition records are then written, so
 * anything published afterwards for the same conversation (an agent's activity) reaches the conversation processor
 * after them.
 */
final class InboundCommitted implements AutoCloseable {
    private final Admin admin;
    private final Map<TopicPartition, Long> ends;

    InboundCommitted(Stack stack, List<String> topics) throws Exception {
        admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** @return whether every end offset taken at construction is committed (a condition to poll) */
    boolean done() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("chat-signals-decisions")
                .partitionsToOffsetAndMetadata()
                .get();
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue());
    }

    @Override
    public void close() {
        admin.close();
    }
}

package io.chatsignals.streams.topology;

import io.chatsignals.streams.state.ConversationEvent;
import io.chatsignals.streams.state.EventKind;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partitioner of the repartition topic {@code by-conversation}: a policy event goes to every partition, so every
 * stream task reads every business's policy in its own log order (a replay decides the same); any other event is
 * partitioned by its key as Kafka's default partitioner does (Kafka Streams' multicast, KIP-837).
 */
final class PolicyBroadcast implements StreamPartitioner<String, ConversationEvent> {
    private volatile Set<Integer> all = Set.of();

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ConversationEvent event, int partitions) {
        if (event == null || event.getKind() != EventKind.POLICY) {
            return Optional.empty(); // the default: by the key's hash
        }
        Set<Integer> every = all;
        if (every.size() != partitions) {
            every = IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
            all = every;
        }
        return Optional.of(every);
    }
}

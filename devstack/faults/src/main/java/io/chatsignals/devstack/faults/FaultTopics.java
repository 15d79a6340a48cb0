package io.chatsignals.devstack.faults;

import io.chatsignals.contract.Schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The topics a fault run looks at, asked of the cluster at {@code bootstrapServers}. */
public final class FaultTopics {
    private FaultTopics() {}

    /**
     * @return {@code chat.commands.v1} and streams-app's changelog topics: where the death of a leader tests
     *         exactly-once decisions
     * @throws ExecutionException if the cluster cannot list its topics
     */
    public static List<String> commandsAndChangelogs(String bootstrapServers)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            List<String> topics = new ArrayList<>(List.of(Topics.COMMANDS));
            admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith("-changelog"))
                    .sorted()
                    .forEach(topics::add);
            return topics;
        }
    }

    /**
     * @return how many records the two DLQs ({@code chat.inbound.dlq.v1}, {@code chat.commands.dlq.v1}) hold
     * @throws ExecutionException if the cluster cannot be asked
     */
    public static long dlqRecords(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.INBOUND_DLQ, Topics.COMMANDS_DLQ))
                    .allTopicNames()
                    .get()
                    .forEach((topic, d) -> d.partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        }
    }
}

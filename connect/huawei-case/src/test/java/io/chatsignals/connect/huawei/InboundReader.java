package io.chatsignals.connect.huawei;

import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.HuaweiCaseInbound;
import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.SerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A reader of the connector's output topic for the tests, as streams-app reads it. */
final class InboundReader {
    private InboundReader() {}

    /**
     * @return a consumer of its own group subscribed to {@code topic} from the beginning, reading committed records as
     *         {@link HuaweiCaseInbound}
     */
    static KafkaConsumer<String, HuaweiCaseInbound> consumer(
            KafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic) {
        KafkaAvroDeserializer<HuaweiCaseInbound> values = new KafkaAvroDeserializer<>();
        values.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);
        KafkaConsumer<String, HuaweiCaseInbound> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "t-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                values);
        c.subscribe(List.of(topic));
        return c;
    }
}

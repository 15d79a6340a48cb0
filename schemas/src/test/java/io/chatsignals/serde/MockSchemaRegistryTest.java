package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.schema.ChatCommand;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

    @Test
    void mockUrlSharesOneInMemoryRegistryPerScope() {
        Map<String, String> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://mock-test", SerdeConfig.SPECIFIC_AVRO_READER, "true");
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);
        KafkaAvroDeserializer<ChatCommand> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(config, false);

        byte[] bytes = serializer.serialize("t", ContractSamples.command());
        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(ContractSamples.command());
        assertThat(MockSchemaRegistry.forScope("mock-test").latest("t-value").schema())
                .isEqualTo(ChatCommand.getClassSchema());

        MockSchemaRegistry.dropScope("mock-test");
        KafkaAvroDeserializer<ChatCommand> fresh = new KafkaAvroDeserializer<>();
        fresh.configure(config, false);
        assertThatThrownBy(() -> fresh.deserialize("t", bytes))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("topic=t");
    }
}

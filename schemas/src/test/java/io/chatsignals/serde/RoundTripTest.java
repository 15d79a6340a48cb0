package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Every contract record goes through the real registry and broker and comes back equal. */
@KafkaStack
class RoundTripTest {

    @Test
    void everyContractRecordRoundTripsAsSpecificRecord(KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        KafkaAvroDeserializer<SpecificRecord> deserializer = new KafkaAvroDeserializer<>();
        deserializer.configure(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SPECIFIC_AVRO_READER, "true"),
                false);

        // one topic per record type: TopicNameStrategy gives each topic one evolving schema
        Map<String, List<SpecificRecord>> byType = ContractSamples.all().stream()
                .collect(Collectors.groupingBy(r -> r.getSchema().getName(), TreeMap::new, Collectors.toList()));
        assertThat(byType).hasSize(6);
        byType.forEach((type, sent) -> {
            String topic = "roundtrip-" + type + "-" + UUID.randomUUID();
            KafkaClients.produce(kafka.bootstrapServers(), topic, serializer, sent);
            List<SpecificRecord> received =
                    KafkaClients.consume(kafka.bootstrapServers(), topic, deserializer, sent.size());
            assertThat(received).as(type).containsExactlyElementsOf(sent);
        });
    }

    @Test
    void genericReaderSeesTheSameFields(KafkaBroker kafka, EmbeddedSchemaRegistry registry) {
        String topic = "roundtrip-generic-" + UUID.randomUUID();
        SpecificRecord status = ContractSamples.status();
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        KafkaClients.produce(kafka.bootstrapServers(), topic, serializer, List.of(status));

        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
        GenericRecord back = KafkaClients.consume(kafka.bootstrapServers(), topic, serde.deserializer(), 1)
                .get(0);

        assertThat(back.getSchema()).isEqualTo(status.getSchema());
        assertThat(back.get("commandId")).hasToString("cmd-9f2c");
        assertThat(back.get("completedAt"))
                .isEqualTo(ContractSamples.T0.plusSeconds(4).toEpochMilli());
        assertThat(((GenericRecord) back.get("details")).get("step")).isEqualTo(2);
        assertThat(back.get("outcome")).hasToString("FAILED");
    }

    @Test
    void keysUseTheKeySubject(EmbeddedSchemaRegistry registry) {
        String topic = "roundtrip-key-" + UUID.randomUUID();
        SchemaRegistryClient client = CachedSchemaRegistryClient.fromConfig(
                SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())));
        KafkaAvroSerializer<SpecificRecord> keySerializer = new KafkaAvroSerializer<>(client, true, true);
        byte[] bytes = keySerializer.serialize(topic, ContractSamples.activity());

        SchemaRegistryClient.Registered latest = client.latest(topic + "-key");
        assertThat(WireFormat.parse(topic, bytes).schemaId()).isEqualTo(latest.id());
        assertThat(latest.schema()).isEqualTo(ContractSamples.activity().getSchema());
    }
}

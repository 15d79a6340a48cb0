package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.EightByEightInbound;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Under BACKWARD compatibility an added optional field is accepted and old data reads into the new class; a retyped field is refused. */
@KafkaStack
class SchemaEvolutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SchemaRegistryClient client;
    private String topic;

    @BeforeEach
    void setUp(EmbeddedSchemaRegistry registry) {
        assertThat(registry.compatibility()).isEqualTo("BACKWARD");
        client = CachedSchemaRegistryClient.fromConfig(
                SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url())));
        topic = "evolution-" + UUID.randomUUID();
    }

    @Test
    void addingAnOptionalFieldPassesAndANewerReaderReadsOlderData(KafkaBroker kafka) {
        // v1: the contract record as it was before replyToUmid was added
        Schema v1 = edit(EightByEightInbound.getClassSchema(), fields -> fields.remove(fields.size() - 1));
        GenericRecord old = new GenericData.Record(v1);
        old.put("umid", "u-1");
        old.put("subAccountId", "acme_support");
        old.put("timestamp", ContractSamples.T0.toEpochMilli());
        old.put("channel", "whatsapp");
        KafkaClients.produce(
                kafka.bootstrapServers(),
                topic,
                new KafkaAvroSerializer<GenericRecord>(client, true, false),
                List.of(old));

        // v2 (today's class) registers under BACKWARD, and a consumer built with it reads the v1 record
        int v2Id = client.register(topic + "-value", EightByEightInbound.getClassSchema());
        assertThat(v2Id).isNotEqualTo(client.idOf(topic + "-value", v1));
        SpecificAvroSerde<EightByEightInbound> serde =
                new SpecificAvroSerde<>(client, EightByEightInbound.class, false);
        EightByEightInbound read = KafkaClients.consume(kafka.bootstrapServers(), topic, serde.deserializer(), 1)
                .get(0);

        assertThat(read.getUmid()).isEqualTo("u-1");
        assertThat(read.getTimestamp()).isEqualTo(ContractSamples.T0);
        assertThat(read.getReplyToUmid()).isNull();
    }

    @Test
    void retypingAFieldIsRejectedWithAClearError() {
        client.register(topic + "-value", EightByEightInbound.getClassSchema());
        Schema retyped = edit(EightByEightInbound.getClassSchema(), fields -> {
            ObjectNode channel = (ObjectNode) fields.get(3);
            assertThat(channel.get("name").asText()).isEqualTo("channel");
            channel.put("type", "int");
        });

        assertThat(client.isCompatible(topic + "-value", retyped)).isFalse();
        GenericRecord record = new GenericData.Record(retyped);
        record.put("umid", "u-2");
        record.put("subAccountId", "acme_support");
        record.put("timestamp", 1L);
        record.put("channel", 7);
        KafkaAvroSerializer<GenericRecord> serializer = new KafkaAvroSerializer<>(client, true, false);
        assertThatThrownBy(() -> serializer.serialize(topic, record))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("topic=" + topic)
                .hasMessageContaining("incompatible")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).httpStatus())
                        .isEqualTo(409));
    }

    private static Schema edit(Schema schema, Consumer<ArrayNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            change.accept((ArrayNode) root.get("fields"));
            return new Schema.Parser().parse(root.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.chatsignals.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of a generated Avro class in the Confluent wire format, for Kafka Streams and typed clients. Configure with
 * {@link SerdeConfig} keys ({@code schema.registry.url}, …), or build it on a shared client.
 *
 * @param <T> the generated SpecificRecord class
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final KafkaAvroSerializer<T> serializer;
    private final KafkaAvroDeserializer<T> deserializer;

    /** Reads into the class the writer schema names ({@code specific.avro.reader} is implied); configure before use. */
    public SpecificAvroSerde() {
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>();
    }

    /**
     * Always reads into {@code type}, whatever (compatible) schema version wrote the record.
     *
     * @param client       registry client, usually one {@link CachedSchemaRegistryClient} shared by all serdes
     * @param autoRegister whether the serializer registers new schemas
     */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type, boolean autoRegister) {
        this.serializer = new KafkaAvroSerializer<>(client, autoRegister, false);
        this.deserializer = new KafkaAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        deserializer.configure(specific, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

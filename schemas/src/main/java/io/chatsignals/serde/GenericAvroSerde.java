package io.chatsignals.serde;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde of {@link GenericRecord} in the Confluent wire format; records read back carry their writer schema. */
public final class GenericAvroSerde implements Serde<GenericRecord> {
    private final KafkaAvroSerializer<GenericRecord> serializer;
    private final KafkaAvroDeserializer<GenericRecord> deserializer;

    /** For reflective construction; configure before use. */
    public GenericAvroSerde() {
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>();
    }

    /** On a shared registry client. */
    public GenericAvroSerde(SchemaRegistryClient client, boolean autoRegister) {
        this.serializer = new KafkaAvroSerializer<>(client, autoRegister, false);
        this.deserializer = new KafkaAvroDeserializer<>(client, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}

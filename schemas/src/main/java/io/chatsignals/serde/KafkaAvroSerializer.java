package io.chatsignals.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of Avro records (generated SpecificRecord classes or GenericRecord) in the Confluent wire format.
 * The subject is {@code <topic>-value} or {@code <topic>-key} (TopicNameStrategy). With {@code auto.register.schemas}
 * (default) the record's schema is registered on first use; otherwise its id is looked up and must exist. Ids are
 * cached, so the registry is asked once per (subject, schema). Null serializes to null (a tombstone). Thread-safe.
 *
 * @param <T> the record type
 */
public class KafkaAvroSerializer<T extends GenericContainer> implements Serializer<T> {
    private SchemaRegistryClient client;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public KafkaAvroSerializer() {}

    /** With a given (usually shared, cached) registry client; {@link #configure} may still set the other settings. */
    public KafkaAvroSerializer(SchemaRegistryClient client, boolean autoRegister, boolean isKey) {
        this.client = client;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException for missing or malformed settings (see {@link SerdeConfig})
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (configs.containsKey(SerdeConfig.AUTO_REGISTER_SCHEMAS) || client == null) {
            SerdeConfig config = SerdeConfig.from(configs);
            this.autoRegister = config.autoRegister();
            if (client == null) {
                this.client = CachedSchemaRegistryClient.fromConfig(config);
            }
        }
    }

    /**
     * @return the framed bytes, or null for a null record
     * @throws SchemaSerdeException subtype naming the topic: registry errors, or {@link AvroPayloadException} if the
     *                              record does not match its own schema (e.g. a required field left null)
     */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException(
                    "KafkaAvroSerializer used before configure(): set " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema schema = record.getSchema();
        String subject = Subjects.of(topic, isKey);
        int id;
        try {
            id = autoRegister ? client.register(subject, schema) : client.idOf(subject, schema);
        } catch (SchemaSerdeException e) {
            throw e.forTopic(topic);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(WireFormat.header(id));
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            DatumWriter<Object> writer = record instanceof SpecificRecord
                    ? specificWriters.computeIfAbsent(
                            schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
                    : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new AvroPayloadException(
                    topic, id, "record of " + schema.getFullName() + " does not match its schema: " + e, e);
        }
        return out.toByteArray();
    }
}

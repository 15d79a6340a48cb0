package io.chatsignals.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of Confluent-wire-format Avro records. The writer schema comes from the registry by the id in the
 * header (cached); the reader schema is, in order: the target class given to the constructor, the generated class
 * named by the writer schema when {@code specific.avro.reader=true}, else the writer schema itself (GenericRecord).
 * Avro schema resolution bridges writer and reader, so a consumer built with a newer schema reads older data (added
 * fields take their defaults). Null deserializes to null. Thread-safe.
 *
 * @param <T> SpecificRecord class or GenericRecord
 */
public class KafkaAvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient client;
    private boolean specificReader;
    private Schema fixedReaderSchema;
    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    private record ReaderKey(int writerId, Schema reader) {}

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public KafkaAvroDeserializer() {}

    /** A generic ({@code specificReader=false}) or by-writer-name specific reader over the given client. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, boolean specificReader) {
        this.client = client;
        this.specificReader = specificReader;
    }

    /** A reader that always decodes into the given generated class, resolving older or newer writer schemas to it. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Class<T> target) {
        this.client = client;
        this.specificReader = true;
        this.fixedReaderSchema = SpecificData.get().getSchema(target);
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException for missing or malformed settings (see {@link SerdeConfig})
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configs.containsKey(SerdeConfig.SPECIFIC_AVRO_READER) || client == null) {
            SerdeConfig config = SerdeConfig.from(configs);
            if (fixedReaderSchema == null) {
                this.specificReader = config.specificReader();
            }
            if (client == null) {
                this.client = CachedSchemaRegistryClient.fromConfig(config);
            }
        }
    }

    /**
     * @return the decoded record, or null for null bytes
     * @throws UnknownMagicByteException    if the bytes are not in the Confluent wire format
     * @throws SchemaNotFoundException      if the registry does not know the id
     * @throws RegistryUnavailableException if the registry cannot be reached to look the id up
     * @throws AvroPayloadException         if the body is corrupt, or cannot be resolved to the reader schema
     */
    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException(
                    "KafkaAvroDeserializer used before configure(): set " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        WireFormat.Frame frame = WireFormat.parse(topic, data);
        int id = frame.schemaId();
        Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (SchemaSerdeException e) {
            throw e.forTopic(topic);
        }
        Schema reader = readerSchemaFor(topic, id, writer);
        DatumReader<Object> datumReader =
                readers.computeIfAbsent(new ReaderKey(id, reader), key -> newReader(writer, key.reader()));
        ByteBuffer body = frame.body();
        try {
            return (T) datumReader.read(
                    null,
                    DecoderFactory.get()
                            .binaryDecoder(body.array(), body.arrayOffset() + body.position(), body.remaining(), null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new AvroPayloadException(
                    topic, id, "cannot decode " + writer.getFullName() + " as " + reader.getFullName() + ": " + e, e);
        }
    }

    private Schema readerSchemaFor(String topic, int id, Schema writer) {
        if (fixedReaderSchema != null) {
            return fixedReaderSchema;
        }
        if (!specificReader) {
            return writer;
        }
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new AvroPayloadException(
                    topic,
                    id,
                    "specific.avro.reader is set but no generated class " + writer.getFullName()
                            + " is on the classpath",
                    null);
        }
        return SpecificData.get().getSchema(generated);
    }

    private DatumReader<Object> newReader(Schema writer, Schema reader) {
        return specificReader
                ? new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader))
                : new GenericDatumReader<>(writer, reader, GenericData.get());
    }
}

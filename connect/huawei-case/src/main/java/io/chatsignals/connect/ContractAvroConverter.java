package io.chatsignals.connect;

import io.chatsignals.serde.KafkaAvroDeserializer;
import io.chatsignals.serde.KafkaAvroSerializer;
import io.chatsignals.serde.SerdeConfig;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema.Field;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect {@link Converter} that writes the chat-signals contract's records in the Confluent wire format through the
 * project's own serde (Confluent's AvroConverter is not reachable from this build; docs/design.md, "Schema registry and
 * serde"). A {@link Struct} whose schema is named after a contract record ({@code io.chatsignals.schema.*}) becomes
 * that record, field by field ({@link Timestamp} → timestamp-millis), registered under {@code <topic>-value}. Settings
 * are the serde's ({@code schema.registry.url}, {@code auto.register.schemas}, {@code basic.auth.*}, …), given as
 * {@code value.converter.*}. Reading ({@link #toConnectData}) maps a contract record back to a Struct.
 */
public final class ContractAvroConverter implements Converter {
    private static final String NAMESPACE = "io.chatsignals.schema.";
    private final KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
    private final KafkaAvroDeserializer<SpecificRecord> deserializer = new KafkaAvroDeserializer<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        Map<String, Object> reader = new HashMap<>(configs);
        reader.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        deserializer.configure(reader, isKey);
    }

    /** @throws DataException for a value that is not a Struct of a contract record */
    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Struct struct)
                || struct.schema().name() == null
                || !struct.schema().name().startsWith(NAMESPACE)) {
            throw new DataException("ContractAvroConverter writes Structs of contract records (" + NAMESPACE
                    + "*), not " + (schema == null ? value.getClass().getSimpleName() : schema.name()));
        }
        return serializer.serialize(topic, toAvro(struct));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        SpecificRecord record = deserializer.deserialize(topic, value);
        Struct struct = toStruct(record);
        return new SchemaAndValue(struct.schema(), struct);
    }

    private static SpecificRecord toAvro(Struct struct) {
        SpecificRecordBase record;
        try {
            record = (SpecificRecordBase) Class.forName(struct.schema().name())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new DataException("no contract record " + struct.schema().name());
        }
        for (Field f : record.getSchema().getFields()) {
            if (struct.schema().field(f.name()) == null) {
                continue; // left at its default
            }
            Object v = struct.get(f.name());
            record.put(f.name(), v instanceof Date d ? d.toInstant() : v instanceof Struct s ? toAvro(s) : v);
        }
        return record;
    }

    private static Struct toStruct(SpecificRecord record) {
        Schema schema = ConnectSchemas.of(record.getSchema()).build();
        Struct struct = new Struct(schema);
        for (Field f : record.getSchema().getFields()) {
            Object v = record.get(f.pos());
            struct.put(
                    f.name(),
                    v instanceof Instant i
                            ? Date.from(i)
                            : v instanceof SpecificRecord r
                                    ? toStruct(r)
                                    : v instanceof Enum<?> e
                                            ? e.name()
                                            : v instanceof CharSequence cs ? cs.toString() : v);
        }
        return struct;
    }
}

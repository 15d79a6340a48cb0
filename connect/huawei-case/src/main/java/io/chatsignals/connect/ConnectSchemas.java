package io.chatsignals.connect;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas of the contract's Avro records: records become structs named after them, {@code [null, T]} an
 * optional T, timestamp-millis a Connect {@link Timestamp}, enums strings.
 */
final class ConnectSchemas {
    private ConnectSchemas() {}

    /** @throws DataException for an Avro type the contract does not use */
    static SchemaBuilder of(Schema avro) {
        if (avro.getType() == Schema.Type.UNION) { // [null, T]: the contract's only unions
            Schema type = avro.getTypes().stream()
                    .filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElseThrow();
            return of(type).optional();
        }
        return switch (avro.getType()) {
            case RECORD -> {
                SchemaBuilder s = SchemaBuilder.struct().name(avro.getFullName());
                avro.getFields().forEach(f -> s.field(f.name(), of(f.schema()).build()));
                yield s;
            }
            case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Timestamp.builder()
                    : SchemaBuilder.int64();
            case INT -> SchemaBuilder.int32();
            case BOOLEAN -> SchemaBuilder.bool();
            case DOUBLE -> SchemaBuilder.float64();
            case STRING, ENUM -> SchemaBuilder.string();
            default -> throw new DataException("contract type " + avro.getType() + " has no Connect mapping");
        };
    }
}

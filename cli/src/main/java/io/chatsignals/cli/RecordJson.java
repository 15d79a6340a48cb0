package io.chatsignals.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro record as plain JSON, the way a person or {@code jq} reads it: field names as in the schema, unions
 * unwrapped, enums as their symbols, {@code timestamp-millis} as ISO-8601 instants, bytes as base64.
 */
final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {}

    /** @return the record's fields as a JSON object */
    static ObjectNode of(GenericRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof GenericRecord r) {
            return of(r);
        } else if (v instanceof Instant i) {
            return NODES.textNode(i.toString());
        } else if (v instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        } else if (v instanceof Float f) {
            return NODES.numberNode(f);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof ByteBuffer b) {
            return NODES.textNode(
                    Base64.getEncoder().encodeToString(b.duplicate().array()));
        } else if (v instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            c.forEach(e -> array.add(value(e)));
            return array;
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode map = NODES.objectNode();
            m.forEach((k, e) -> map.set(k.toString(), value(e)));
            return map;
        } else if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        } else if (v instanceof GenericContainer) {
            return NODES.textNode(v.toString()); // a generic enum symbol or fixed
        }
        return NODES.textNode(v.toString());
    }
}

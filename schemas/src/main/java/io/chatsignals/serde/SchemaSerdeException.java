package io.chatsignals.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of every error the Avro serde raises; a Kafka {@link SerializationException}, so Kafka clients and Kafka
 * Streams' exception handlers treat it as a serialization failure. The message names the topic (when known) and the
 * schema id (when known). Subtypes: {@link UnknownMagicByteException}, {@link SchemaNotFoundException},
 * {@link RegistryUnavailableException}, {@link RegistryRequestException} ({@link IncompatibleSchemaException}),
 * {@link AvroPayloadException}.
 */
public abstract class SchemaSerdeException extends SerializationException {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final Integer schemaId;

    protected SchemaSerdeException(String topic, Integer schemaId, String what, Throwable cause) {
        super(describe(topic, schemaId, what), cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    /** @return the topic being (de)serialized, or null when the error came from a bare registry call */
    public String topic() {
        return topic;
    }

    /** @return the schema id involved, or null when none was known yet (e.g. registering) */
    public Integer schemaId() {
        return schemaId;
    }

    /** @return the same error with the topic filled in (the registry client does not know it; the serde does) */
    public abstract SchemaSerdeException forTopic(String topic);

    /** @return the message without the topic/id prefix */
    protected String what() {
        String message = getMessage();
        int end = message.indexOf("]: ");
        return end < 0 ? message : message.substring(end + 3);
    }

    private static String describe(String topic, Integer schemaId, String what) {
        return "[topic=" + (topic == null ? "n/a" : topic) + ", schemaId=" + (schemaId == null ? "n/a" : schemaId)
                + "]: " + what;
    }
}

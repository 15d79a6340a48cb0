package io.chatsignals.serde;

/**
 * The Avro body could not be written or read: the datum does not match its schema, the bytes after the header are
 * truncated or corrupt, or the reader schema cannot resolve the writer schema.
 */
public final class AvroPayloadException extends SchemaSerdeException {
    private static final long serialVersionUID = 1L;

    public AvroPayloadException(String topic, Integer schemaId, String what, Throwable cause) {
        super(topic, schemaId, what, cause);
    }

    @Override
    public AvroPayloadException forTopic(String topic) {
        return new AvroPayloadException(topic, schemaId(), what(), getCause());
    }
}

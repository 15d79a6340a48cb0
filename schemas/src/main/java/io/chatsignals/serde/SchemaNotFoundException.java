package io.chatsignals.serde;

/**
 * The registry does not know the schema: an unknown schema id (Confluent error 40403) when reading, or, with
 * {@code auto.register.schemas=false}, a subject or schema that was never registered (40401/40403) when writing.
 */
public final class SchemaNotFoundException extends SchemaSerdeException {
    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String topic, Integer schemaId, String what) {
        super(topic, schemaId, what, null);
    }

    @Override
    public SchemaNotFoundException forTopic(String topic) {
        return new SchemaNotFoundException(topic, schemaId(), what());
    }
}

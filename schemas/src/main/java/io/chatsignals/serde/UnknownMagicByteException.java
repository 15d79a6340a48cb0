package io.chatsignals.serde;

/**
 * The record does not start with the Confluent wire format's magic byte {@code 0x00} (or is shorter than the 5-byte
 * header): it was not written by a Confluent-format Avro serializer.
 */
public final class UnknownMagicByteException extends SchemaSerdeException {
    private static final long serialVersionUID = 1L;

    public UnknownMagicByteException(String topic, String what) {
        super(topic, null, what, null);
    }

    @Override
    public UnknownMagicByteException forTopic(String topic) {
        return new UnknownMagicByteException(topic, what());
    }
}

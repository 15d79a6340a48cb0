package io.chatsignals.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 0x00}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the datum.
 */
public final class WireFormat {
    /** The only magic byte defined. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Bytes before the Avro body. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** A framed record split into its schema id and Avro body. */
    public record Frame(int schemaId, ByteBuffer body) {}

    /**
     * Splits a record into schema id and body (the body shares the array, no copy).
     *
     * @throws UnknownMagicByteException if the record is shorter than the header or its first byte is not 0x00
     */
    public static Frame parse(String topic, byte[] record) {
        if (record.length < HEADER_SIZE) {
            throw new UnknownMagicByteException(
                    topic,
                    "record of " + record.length + " bytes is shorter than the 5-byte Confluent wire format header");
        }
        if (record[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(
                    topic,
                    String.format(
                            "unknown magic byte 0x%02x (expected 0x00):"
                                    + " not written by a Confluent-format Avro serializer",
                            record[0]));
        }
        ByteBuffer buffer = ByteBuffer.wrap(record);
        int id = buffer.getInt(1);
        return new Frame(
                id,
                ByteBuffer.wrap(record, HEADER_SIZE, record.length - HEADER_SIZE)
                        .slice());
    }

    /** Writes the 5-byte header for the given schema id. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}

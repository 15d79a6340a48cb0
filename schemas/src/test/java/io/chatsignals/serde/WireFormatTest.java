package io.chatsignals.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void headerIsMagicZeroThenBigEndianId() {
        assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
        WireFormat.Frame frame = WireFormat.parse("t", new byte[] {0, 0, 0, 1, 7, 42, 43});
        assertThat(frame.schemaId()).isEqualTo(263);
        assertThat(frame.body().remaining()).isEqualTo(2);
        assertThat(frame.body().get(0)).isEqualTo((byte) 42);
    }

    @Test
    void wrongMagicByteNamesTheTopic() {
        assertThatThrownBy(() -> WireFormat.parse("chat.commands.v1", new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("topic=chat.commands.v1")
                .hasMessageContaining("0x01");
    }

    @Test
    void recordShorterThanTheHeaderIsRejected() {
        assertThatThrownBy(() -> WireFormat.parse("t", new byte[] {0, 0, 1}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("shorter than the 5-byte");
    }
}

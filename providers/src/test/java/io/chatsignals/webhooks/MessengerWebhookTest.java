package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.MessengerInbound;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messenger's and Instagram's webhook (Meta's format) maps to {@link MessengerInbound}; other events are counted. */
class MessengerWebhookTest {
    private static final MessengerWebhook FORMAT = new MessengerWebhook();

    @Test
    void theSampleMapsToOneMessengerRecord() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("messenger-inbound-text.json"));
        assertThat(records).hasSize(1);
        MessengerInbound m = (MessengerInbound) records.get(0);
        assertThat(m.getMid()).startsWith("m_AG5Hz2Uq7");
        assertThat(m.getRecipientId()).isEqualTo("107700000000001");
        assertThat(m.getSenderId()).isEqualTo("24900000000000001");
        assertThat(m.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1767225600000L));
        assertThat(m.getChannel()).isEqualTo("messenger");
        assertThat(m.getStandby()).isFalse();
        assertThat(m.getMessageType()).isEqualTo("text");
    }

    @Test
    void anInstagramWebhookIsTheInstagramChannel() throws Exception {
        String json = Samples.read("messenger-inbound-text.json").replace("\"page\"", "\"instagram\"");
        assertThat(((MessengerInbound) Webhooks.map(json).get(0)).getChannel()).isEqualTo("instagram");
    }

    /** Only messages are written: echoes, reads, deliveries, reactions and postbacks are counted apart. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a message|{\"mid\":\"m_1\",\"text\":\"hi\"}||1|0",
                "an echo of the business's own message|{\"mid\":\"m_2\",\"is_echo\":true,\"app_id\":1517}||0|1",
                "a read watermark||\"read\":{\"watermark\":1767225600000}|0|1",
                "a delivery||\"delivery\":{\"mids\":[\"m_3\"],\"watermark\":1767225600000}|0|1",
                "a reaction||\"reaction\":{\"mid\":\"m_4\",\"action\":\"react\",\"emoji\":\"x\"}|0|1",
                "a postback||\"postback\":{\"title\":\"Start\",\"payload\":\"GET_STARTED\"}|0|1",
                "an attachment|{\"mid\":\"m_5\",\"attachments\":[{\"type\":\"image\"}]}||1|0",
            })
    void onlyMessagesAreMapped(String name, String message, String event, int records, int counted) throws Exception {
        String json =
                "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"2\"},"
                        + "\"recipient\":{\"id\":\"1\"},\"timestamp\":1767225600000,"
                        + (message == null ? event : "\"message\":" + message) + "}]}]}";
        WebhookFormat.Mapped mapped = FORMAT.read(tree(json));
        assertThat(mapped.records()).hasSize(records);
        assertThat(mapped.receipts()).isEqualTo(counted);
    }

    @Test
    void aStandbyMessageIsMappedAndMarked() throws Exception {
        String json = Samples.read("messenger-inbound-text.json").replace("\"messaging\"", "\"standby\"");
        MessengerInbound m = (MessengerInbound) Webhooks.map(json).get(0);
        assertThat(m.getStandby()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"mid\"|entry[0].messaging[0].message.mid is required",
                "\"recipient\"|entry[0].messaging[0].recipient.id is required",
                "\"sender\"|entry[0].messaging[0].sender.id is required",
                "\"timestamp\": 1767225600000|entry[0].messaging[0].timestamp must be milliseconds"
            })
    void aMessageWithoutARequiredFieldNamesIt(String removed, String message) {
        String json = Samples.read("messenger-inbound-text.json")
                .replace(removed, removed.startsWith("\"timestamp") ? "\"timestamp\": \"yesterday\"" : "\"x\"");
        assertThatThrownBy(() -> Webhooks.map(json))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anotherObjectIsNotMessengers() {
        String json = Samples.read("messenger-inbound-text.json").replace("\"page\"", "\"user\"");
        assertThat(FORMAT.recognizes(tree(json))).isFalse();
        assertThatThrownBy(() -> FORMAT.read(tree(json)))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining("object must be page or instagram");
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

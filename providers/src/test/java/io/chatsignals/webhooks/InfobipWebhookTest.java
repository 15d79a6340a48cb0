package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.InfobipInbound;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Infobip's inbound-message webhook (its real format, the SDK's field names) maps to {@link InfobipInbound}. */
class InfobipWebhookTest {

    @Test
    void theSampleMapsToOneRecordPerResult() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("infobip-inbound-text.json"));
        assertThat(records).hasSize(1);
        InfobipInbound m = (InfobipInbound) records.get(0);
        assertThat(m.getMessageId()).isEqualTo("817790313235066447");
        assertThat(m.getSender()).isEqualTo("385921004026");
        assertThat(m.getFrom()).isEqualTo("385916242493");
        assertThat(m.getReceivedAt()).isEqualTo(Instant.parse("2019-07-25T10:44:09.717Z"));
        assertThat(m.getMessageType()).isEqualTo("text");
        assertThat(m.getIntegrationType()).isEqualTo("WHATSAPP");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2019-07-25T10:44:09.717+0000, 2019-07-25T10:44:09.717Z",
        "2019-07-25T12:44:09.717+0200, 2019-07-25T10:44:09.717Z",
        "2019-07-25T10:44:09+0000, 2019-07-25T10:44:09Z",
        "2019-07-25T10:44:09.717+00:00, 2019-07-25T10:44:09.717Z",
        "2019-07-25T10:44:09.717Z, 2019-07-25T10:44:09.717Z"
    })
    void receivedAtIsReadInEitherForm(String text, String instant) throws Exception {
        assertThat(InfobipWebhook.receivedAt(text, "results[0].receivedAt")).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"messageId\": \"817790313235066447\",|results[0].messageId is required",
                "\"to\": \"385921004026\",|results[0].to is required",
                "\"from\": \"385916242493\",|results[0].from is required",
                "2019-07-25T10:44:09.717+0000|results[0].receivedAt must be a time"
            })
    void aResultWithoutARequiredFieldNamesIt(String removed, String message) {
        String json = Samples.read("infobip-inbound-text.json")
                .replace(removed, removed.startsWith("2019") ? "yesterday" : "");
        assertThatThrownBy(() -> Webhooks.map(json))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownMessageTypeIsKeptAsItComes() throws Exception {
        String json = Samples.read("infobip-inbound-text.json").replace("\"TEXT\"", "\"INTERACTIVE_FLOW_REPLY\"");
        assertThat(((InfobipInbound) Webhooks.map(json).get(0)).getMessageType())
                .isEqualTo("interactive_flow_reply");
    }
}

package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.GoogleRbmInbound;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Google RBM's webhook: the event inside the envelope's base64 {@code message.data}; only user messages are mapped. */
class GoogleRbmWebhookTest {
    private static final GoogleRbmWebhook FORMAT = new GoogleRbmWebhook();

    private static String envelope(String event) {
        return "{\"message\":{\"data\":\""
                + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8))
                + "\",\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}";
    }

    @Test
    void theSampleMapsToOneRecordWithTheAgentAsTheApiNamesIt() throws Exception {
        GoogleRbmInbound m = (GoogleRbmInbound)
                Webhooks.map(Samples.read("google-rbm-inbound-text.json")).get(0);
        assertThat(m.getMessageId()).isEqualTo("msg-1");
        assertThat(m.getAgentId()).isEqualTo("welcome-bot");
        assertThat(m.getSenderPhoneNumber()).isEqualTo("+12223334444");
        assertThat(m.getSendTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(m.getMessageType()).isEqualTo("text");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a text                 | {"senderPhoneNumber":"+12223334444","messageId":"m","sendTime":"2026-01-01T00:00:00Z","agentId":"a@rbm.goog","text":"hi"} | 1 | 0
            a suggestion response  | {"senderPhoneNumber":"+12223334444","messageId":"m","sendTime":"2026-01-01T00:00:00Z","agentId":"a@rbm.goog","suggestionResponse":{"postbackData":"x","text":"Yes"}} | 1 | 0
            a READ user event      | {"senderPhoneNumber":"+12223334444","eventType":"READ","eventId":"e","messageId":"ours","sendTime":"2026-01-01T00:00:00Z","agentId":"a@rbm.goog"} | 0 | 1
            an IS_TYPING user event | {"senderPhoneNumber":"+12223334444","eventType":"IS_TYPING","eventId":"e","sendTime":"2026-01-01T00:00:00Z","agentId":"a@rbm.goog"} | 0 | 1
            a server event         | {"phoneNumber":"+12223334444","eventType":"TTL_EXPIRATION_REVOKED","messageId":"ours","agentId":"a@rbm.goog"} | 0 | 1
            """)
    void onlyUserMessagesAreMapped(String name, String event, int records, int counted) throws Exception {
        WebhookFormat.Mapped mapped = FORMAT.read(new ObjectMapper().readTree(envelope(event)));
        assertThat(mapped.records()).hasSize(records);
        assertThat(mapped.receipts()).isEqualTo(counted);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"senderPhoneNumber":"+1222","sendTime":"2026-01-01T00:00:00Z","agentId":"a","text":"hi"} | message.data.messageId is required
            {"senderPhoneNumber":"+1222","messageId":"m","sendTime":"yesterday","agentId":"a","text":"hi"} | message.data.sendTime must be an RFC 3339 time
            {"senderPhoneNumber":"+1222","messageId":"m","sendTime":"2026-01-01T00:00:00Z","text":"hi"} | message.data.agentId is required
            """)
    void aMessageWithoutARequiredFieldNamesIt(String event, String message) {
        assertThatThrownBy(() -> Webhooks.map(envelope(event)))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(message);
    }

    @Test
    void dataThatIsNotBase64JsonIsRefusedWithItsReason() {
        assertThatThrownBy(() -> Webhooks.map("{\"message\":{\"data\":\"not base64!\"}}"))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining("message.data must be base64");
    }
}

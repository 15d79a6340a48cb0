package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.TwilioInbound;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's incoming-message webhook (form parameters, as Twilio posts them) maps to {@link TwilioInbound}. */
class TwilioWebhookTest {

    @Test
    void theSampleMapsToOneRecordStampedAtReceipt() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        TwilioInbound m = (TwilioInbound)
                Webhooks.map(Samples.read("twilio-inbound-whatsapp.form")).get(0);
        assertThat(m.getMessageSid()).isEqualTo("SM5e6b1d3c2b9a4f7e8d0c1b2a3f4e5d6c");
        assertThat(m.getAccountSid()).isEqualTo("AC0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(m.getFrom()).isEqualTo("whatsapp:+15551234567");
        assertThat(m.getTo()).isEqualTo("whatsapp:+14155238886");
        assertThat(m.getChannel()).isEqualTo("whatsapp");
        assertThat(m.getMessageType()).isEqualTo("text");
        assertThat(m.getNumMedia()).isZero();
        assertThat(m.getReceivedAt()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "whatsapp:+15551234567, whatsapp",
        "rcs:+15551234567, rcs",
        "WhatsApp:+1555, whatsapp",
        "+15551234567, sms"
    })
    void theChannelIsTheFromPrefix(String from, String channel) {
        assertThat(TwilioWebhook.channel(from)).isEqualTo(channel);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"AccountSid", "From", "To"})
    void aWebhookWithoutARequiredParameterNamesIt(String name) {
        String form = Samples.read("twilio-inbound-whatsapp.form").replaceAll("(^|&)" + name + "=[^&]*", "");
        assertThatThrownBy(() -> new TwilioWebhook().read(Webhooks.form(form.getBytes())))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(name + " is required");
    }

    @Test
    void theDeprecatedSmsSidStandsInForMessageSid() throws Exception {
        String form = Samples.read("twilio-inbound-whatsapp.form").replace("&MessageSid=", "&Ignored=");
        TwilioInbound m = (TwilioInbound) Webhooks.map(form).get(0);
        assertThat(m.getMessageSid()).isEqualTo("SM5e6b1d3c2b9a4f7e8d0c1b2a3f4e5d6c");
    }
}

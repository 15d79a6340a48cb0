package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The sample webhooks (real provider formats) map to the contract records, and bad payloads name the field. */
class WebhooksTest {

    @Test
    void eightByEightInboundMessageReceived() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("8x8-inbound-whatsapp-text.json"));
        assertThat(records).hasSize(1);
        EightByEightInbound m = (EightByEightInbound) records.get(0);
        assertThat(m.getUmid()).isEqualTo("d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11");
        assertThat(m.getSubAccountId()).isEqualTo("acme_support");
        assertThat(m.getTimestamp()).isEqualTo(Instant.parse("2026-11-21T10:15:30.120Z"));
        assertThat(m.getChannel()).isEqualTo("whatsapp");
        assertThat(m.getChannelId()).isEqualTo("8e4d1303-5754-e911-8154-020897df5459");
        assertThat(m.getMsisdn()).isEqualTo("+15551234567");
        assertThat(m.getChannelUserId()).isEqualTo("15551234567");
        assertThat(m.getContentType()).isEqualTo("text");
        assertThat(m.getReplyToUmid()).isNull();
    }

    @Test
    void eightByEightRcsReplyWithoutMsisdn() throws Exception {
        EightByEightInbound m = (EightByEightInbound)
                Webhooks.map(Samples.read("8x8-inbound-rcs-reply.json")).get(0);
        assertThat(m.getChannel()).isEqualTo("rcs");
        assertThat(m.getMsisdn()).isNull();
        assertThat(m.getChannelUserId()).isEqualTo("rcs-user-77c1");
        assertThat(m.getReplyToUmid()).isEqualTo("0f0e0d0c-0000-4000-8000-000000000001");
    }

    @Test
    void nxCloudInbound() throws Exception {
        NxCloudInbound m = (NxCloudInbound)
                Webhooks.map(Samples.read("nxcloud-inbound-text.json")).get(0);
        assertThat(m.getMessageId()).startsWith("wamid.");
        assertThat(m.getBusinessPhone()).isEqualTo("8613800000000");
        assertThat(m.getWaId()).isEqualTo("8613911112222");
        assertThat(m.getTimestamp()).isEqualTo(Instant.ofEpochSecond(1763720130));
        assertThat(m.getMessageType()).isEqualTo("text");
        assertThat(m.getAppId()).isEqualTo("app-1");
    }

    @Test
    void nxCloudOneRecordPerMessageMerchantPhoneAndUserIdFallback() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("nxcloud-inbound-anonymous-merchant-phone.json"));
        assertThat(records).hasSize(2);
        NxCloudInbound first = (NxCloudInbound) records.get(0);
        assertThat(first.getBusinessPhone()).isEqualTo("8613800000000");
        assertThat(first.getWaId()).isNull();
        assertThat(first.getUserId()).isEqualTo("US.anon.5512");
        assertThat(first.getMessageType()).isEqualTo("text");
        assertThat(((NxCloudInbound) records.get(1)).getMessageType()).isEqualTo("image");
    }

    @Test
    void badPayloadsNameTheField() {
        assertThatThrownBy(() -> Webhooks.map("{not json"))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Webhooks.map(
                        Samples.read("8x8-inbound-whatsapp-text.json").replace("\"umid\"", "\"uid\"")))
                .hasMessageContaining("payload.umid");
        assertThatThrownBy(() -> Webhooks.map(
                        Samples.read("8x8-inbound-whatsapp-text.json").replace("2026-11-21T10:15:30.12Z", "yesterday")))
                .hasMessageContaining("payload.timestamp");
        assertThatThrownBy(() -> Webhooks.map(Samples.read("8x8-inbound-whatsapp-text.json")
                        .replace("inbound_message_received", "outbound_message_status")))
                .hasMessageContaining("eventType");
        assertThatThrownBy(() ->
                        Webhooks.map(Samples.read("nxcloud-inbound-text.json").replace("business_phone", "phone")))
                .hasMessageContaining("business_phone");
        assertThatThrownBy(() -> Webhooks.map(Samples.read("nxcloud-inbound-text.json")
                        .replace("\"wa_id\": \"8613911112222\"", "\"wa_id\": \"\"")))
                .hasMessageContaining("user_id");
        assertThatThrownBy(() -> Webhooks.map("{\"hello\": 1}")).hasMessageContaining("neither");
    }
}

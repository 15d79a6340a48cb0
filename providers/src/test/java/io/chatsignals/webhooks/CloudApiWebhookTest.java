package io.chatsignals.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.WhatsAppCloudInbound;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WhatsApp Cloud API webhooks (real-format samples) map to one record per message; receipts are counted only. */
class CloudApiWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textMessagesOfOneSecondAreTwoRecords() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("whatsapp-cloud-inbound-text.json"));
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(WhatsAppCloudInbound.class));
        WhatsAppCloudInbound first = (WhatsAppCloudInbound) records.get(0);
        WhatsAppCloudInbound second = (WhatsAppCloudInbound) records.get(1);
        assertThat(first.getMessageId()).startsWith("wamid.").isNotEqualTo(second.getMessageId());
        assertThat(first.getPhoneNumberId()).isEqualTo("106540352242922");
        assertThat(first.getDisplayPhoneNumber()).isEqualTo("15550783881");
        assertThat(first.getWabaId()).isEqualTo("102290129340398");
        assertThat(first.getWaId()).isEqualTo("16505551234");
        assertThat(first.getTimestamp())
                .isEqualTo(Instant.ofEpochSecond(1749416383))
                .isEqualTo(second.getTimestamp());
        assertThat(first.getMessageType()).isEqualTo("text");
        assertThat(first.getGroupId()).isNull();
        assertThat(first.getContextId()).isNull();
    }

    @Test
    void anInteractiveReplyCarriesItsContext() throws Exception {
        WhatsAppCloudInbound m =
                (WhatsAppCloudInbound) Webhooks.map(Samples.read("whatsapp-cloud-inbound-interactive-reply.json"))
                        .get(0);
        assertThat(m.getMessageType()).isEqualTo("interactive");
        assertThat(m.getContextId()).isEqualTo("wamid.HBgLMTY1MDU1NTU2NzgVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA");
        assertThat(m.getWaId()).isEqualTo("16505555678");
    }

    @Test
    void groupMessagesCarryTheGroupAndTheirSenders() throws Exception {
        List<SpecificRecord> records = Webhooks.map(Samples.read("whatsapp-cloud-inbound-group.json"));
        assertThat(records)
                .extracting(r -> ((WhatsAppCloudInbound) r).getWaId())
                .containsExactly("16505550001", "16505550002");
        assertThat(records)
                .extracting(r -> ((WhatsAppCloudInbound) r).getGroupId())
                .containsOnly("Y2FwaV9ncm91cDoxNjUwNTU1MDAwMToxMjAzNjM0MTIzNDU2Nzg5");
    }

    @Test
    void deliveryReceiptsAreCountedNotPublished() throws Exception {
        CloudApiWebhook.Mapped mapped =
                CloudApiWebhook.map(JSON.readTree(Samples.read("whatsapp-cloud-statuses.json")));
        assertThat(mapped.messages()).isEmpty();
        assertThat(mapped.statuses()).isEqualTo(2);
        assertThat(Webhooks.map(Samples.read("whatsapp-cloud-statuses.json"))).isEmpty();
    }

    /** Several entries and changes in one POST: every message of every one, in order; other fields are counted. */
    @Test
    void everyEntryAndChangeOfOnePost() throws Exception {
        String text = Samples.read("whatsapp-cloud-inbound-text.json");
        String group = Samples.read("whatsapp-cloud-inbound-group.json");
        var root = JSON.createObjectNode().put("object", CloudApiWebhook.OBJECT);
        var entries = root.putArray("entry");
        entries.add(JSON.readTree(text).path("entry").get(0));
        entries.add(JSON.readTree(group).path("entry").get(0));
        var other = JSON.createObjectNode();
        other.put("field", "account_update");
        ((com.fasterxml.jackson.databind.node.ArrayNode) entries.get(1).path("changes")).add(other);
        CloudApiWebhook.Mapped mapped = CloudApiWebhook.map(root);
        assertThat(mapped.messages()).hasSize(4);
        assertThat(mapped.other()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} → {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            no message id       | "id": "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=" | "ix": "1" | entry[0].changes[0].value.messages[0].id is required
            no sender           | "from": "16505551234"                   | "frm": "1"                 | entry[0].changes[0].value.messages[0].from is required
            a date, not seconds | "timestamp": "1749416383"                | "timestamp": "2025-06-08"  | messages[0].timestamp must be unix seconds
            no phone number id  | "phone_number_id": "106540352242922"    | "phone_number": "1"        | value.metadata.phone_number_id is required
            """)
    void aMessageWithoutARequiredFieldFailsTheWholePayload(
            String name, String field, String replacement, String problem) {
        String broken = Samples.read("whatsapp-cloud-inbound-text.json")
                .replaceFirst(java.util.regex.Pattern.quote(field), replacement);
        assertThatThrownBy(() -> Webhooks.map(broken))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void anotherObjectIsNotACloudApiWebhook() {
        assertThatThrownBy(() -> Webhooks.map("{\"object\":\"user\",\"entry\":[]}"))
                .hasMessageContaining("neither");
    }
}

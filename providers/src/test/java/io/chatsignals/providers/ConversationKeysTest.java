package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.EightByEightInbound;
import io.chatsignals.schema.NxCloudInbound;
import io.chatsignals.schema.WhatsAppCloudInbound;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The record key of an inbound message is its conversation, with the customer by the rule streams-app validates with:
 * a blank field counts as absent (it keyed one way and validated another before). A record of no provider is refused.
 */
class ConversationKeysTest {
    @ParameterizedTest(name = "{0} [{1}] [{2}] → {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            8x8            | +15551234567 | u-1          | EIGHT_BY_EIGHT:acme:+15551234567
            8x8            | null         | u-1          | EIGHT_BY_EIGHT:acme:u-1
            8x8            | '   '        | u-1          | EIGHT_BY_EIGHT:acme:u-1
            nxcloud        | 15551234567  | user-9       | NXCLOUD:8613800000000:15551234567
            nxcloud        | ''           | user-9       | NXCLOUD:8613800000000:user-9
            nxcloud        | ' '          | user-9       | NXCLOUD:8613800000000:user-9
            whatsapp-cloud | 16505551234  | null         | WHATSAPP_CLOUD:106540352242922:16505551234
            whatsapp-cloud | 16505551234  | grp-1        | WHATSAPP_CLOUD:106540352242922:grp-1
            whatsapp-cloud | 16505551234  | ' '          | WHATSAPP_CLOUD:106540352242922:16505551234
            """)
    void theCustomerIsTheFirstPresentFieldOfTheRule(String source, String first, String second, String key) {
        assertThat(ProviderSpecs.conversationKey(record(source, first, second))).isEqualTo(key);
    }

    @Test
    void aRecordOfNoProviderIsRefused() {
        assertThatThrownBy(() -> ProviderSpecs.conversationKey(new ChatCommand()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatCommand");
    }

    private static SpecificRecord record(String source, String first, String second) {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        return switch (source) {
            case "8x8" -> EightByEightInbound.newBuilder()
                    .setUmid("d3f3c1d4-8e3b-4c4e-9a8e-2f0b8f0c7a11")
                    .setSubAccountId("acme")
                    .setTimestamp(at)
                    .setChannel("whatsapp")
                    .setMsisdn(first)
                    .setChannelUserId(second)
                    .build();
            case "nxcloud" -> NxCloudInbound.newBuilder()
                    .setMessageId("wamid.1")
                    .setBusinessPhone("8613800000000")
                    .setTimestamp(at)
                    .setWaId(first)
                    .setUserId(second)
                    .build();
            default -> WhatsAppCloudInbound.newBuilder()
                    .setMessageId("wamid.2")
                    .setPhoneNumberId("106540352242922")
                    .setTimestamp(at)
                    .setWaId(first)
                    .setGroupId(second)
                    .build();
        };
    }
}

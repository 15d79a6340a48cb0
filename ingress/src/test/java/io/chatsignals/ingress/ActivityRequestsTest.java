package io.chatsignals.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.schema.ActivityKind;
import io.chatsignals.schema.ConversationActivity;
import io.chatsignals.schema.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The activity API's body as a table: what maps, and the one problem named when it does not. */
class ActivityRequestsTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-06T12:00:00Z");

    private static List<DurableWriter.Out> map(String json) throws ActivityRequests.Invalid {
        return ActivityRequests.map(json.getBytes(StandardCharsets.UTF_8), "activity", RECEIVED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {"provider":"WHATSAPP_CLOUD","account":"1065","customer":"1650","kind":"AGENT_TYPING"}                           | WHATSAPP_CLOUD | AGENT_TYPING | 2026-12-06T12:00:00Z | WHATSAPP_CLOUD:1065:1650
            {"provider":"whatsapp-cloud","account":"1065","customer":"grp-1","kind":"reply_sent","occurredAt":1765022400000} | WHATSAPP_CLOUD | REPLY_SENT   | 2025-12-06T12:00:00Z | WHATSAPP_CLOUD:1065:grp-1
            {"provider":"8x8","account":"acme","customer":"+1555","kind":"agent_viewed","occurredAt":"2026-12-06T11:59:00Z"} | EIGHT_BY_EIGHT | AGENT_VIEWED | 2026-12-06T11:59:00Z | EIGHT_BY_EIGHT:acme:+1555
            {"provider":"huawei-case","account":"acme-intl","customer":"TT1","kind":"AGENT_VIEWED"}                          | HUAWEI_CASE    | AGENT_VIEWED | 2026-12-06T12:00:00Z | HUAWEI_CASE:acme-intl:TT1
            """)
    void anEventMapsToItsRecordKeyedByConversation(
            String json, Provider provider, ActivityKind kind, Instant at, String key) throws Exception {
        DurableWriter.Out out = map(json).get(0);
        ConversationActivity a = (ConversationActivity) out.value();
        assertThat(a.getProvider()).isEqualTo(provider);
        assertThat(a.getKind()).isEqualTo(kind);
        assertThat(a.getOccurredAt()).isEqualTo(at);
        assertThat(out.key()).isEqualTo(key);
        assertThat(out.topic()).isEqualTo("activity");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            {not json                                                                          | not JSON
            []                                                                                 | a non-empty array
            "text"                                                                             | a non-empty array
            {"account":"a","customer":"c","kind":"AGENT_TYPING"}                               | provider is required
            {"provider":"RCS","account":"a","customer":"c","kind":"AGENT_TYPING"}              | provider 'RCS' is none of
            {"provider":"UNKNOWN","account":"a","customer":"c","kind":"AGENT_TYPING"}          | provider 'UNKNOWN' is none of
            {"provider":"NXCLOUD","account":" ","customer":"c","kind":"AGENT_TYPING"}          | account is required
            {"provider":"NXCLOUD","account":"a","customer":"c","kind":"TYPING"}                | kind 'TYPING' is none of
            {"provider":"NXCLOUD","account":"a","customer":"c","kind":"UNKNOWN"}               | kind 'UNKNOWN' is none of
            {"provider":"NXCLOUD","account":"a","customer":"c","kind":"REPLY_SENT","occurredAt":"yesterday"} | occurredAt must be ISO-8601
            [{"provider":"NXCLOUD","account":"a","customer":"c","kind":"REPLY_SENT"},{"provider":"NXCLOUD"}] | [1].account is required
            """)
    void aRequestWithAProblemIsRefusedWhole(String json, String problem) {
        assertThatThrownBy(() -> map(json))
                .isInstanceOf(ActivityRequests.Invalid.class)
                .hasMessageContaining(problem);
    }
}

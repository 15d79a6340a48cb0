package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderSpecsTest {

    @ParameterizedTest(name = "{0} {1} {2} appkey ''{3}'' → {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            EIGHT_BY_EIGHT | whatsapp | MARK_READ | NULL  | true
            EIGHT_BY_EIGHT | WhatsApp | TYPING    | NULL  | true
            EIGHT_BY_EIGHT | rcs      | MARK_READ | NULL  | false
            EIGHT_BY_EIGHT | rcs      | TYPING    | NULL  | true
            EIGHT_BY_EIGHT | sms      | MARK_READ | NULL  | false
            EIGHT_BY_EIGHT | sms      | TYPING    | NULL  | false
            EIGHT_BY_EIGHT | NULL     | TYPING    | NULL  | false
            NXCLOUD        | whatsapp | MARK_READ | NULL  | true
            NXCLOUD        | whatsapp | TYPING    | app-1 | true
            NXCLOUD        | whatsapp | TYPING    | NULL  | false
            NXCLOUD        | whatsapp | TYPING    | ' '   | false
            NXCLOUD        | rcs      | MARK_READ | NULL  | false
            NXCLOUD        | whatsapp | UNKNOWN   | app-1 | false
            HUAWEI_CASE    | case     | MARK_READ | NULL  | true
            HUAWEI_CASE    | case     | TYPING    | NULL  | false
            HUAWEI_CASE    | case     | UNKNOWN   | NULL  | false
            WHATSAPP_CLOUD | whatsapp | MARK_READ | NULL  | true
            WHATSAPP_CLOUD | whatsapp | TYPING    | NULL  | true
            WHATSAPP_CLOUD | rcs      | TYPING    | NULL  | false
            WHATSAPP_CLOUD | NULL     | MARK_READ | NULL  | false
            UNKNOWN        | whatsapp | MARK_READ | NULL  | false
            EIGHT_BY_EIGHT | whatsapp | UNKNOWN   | NULL  | false
            """)
    void whatEachProviderAndChannelCanDo(
            Provider provider, String channel, CommandAction action, String appKey, boolean supported) {
        assertThat(ProviderSpecs.of(provider).supports(channel, action, appKey)).isEqualTo(supported);
    }

    @ParameterizedTest(name = "{0}: key {1}, limits key {2}, read {3}, typing {4}, typing marks read {5}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            EIGHT_BY_EIGHT | 8x8         | eightbyeight | P30D | PT2H  | false | true
            NXCLOUD        | nxcloud     | nxcloud      | P30D | PT24H | true  | false
            HUAWEI_CASE    | huawei-case | huawei-case  | P30D | PT0S  | false | false
            WHATSAPP_CLOUD | whatsapp-cloud | whatsapp-cloud | P30D | PT24H | true | false
            UNKNOWN        | unknown     | unknown      | PT0S | PT0S  | false | false
            """)
    void namesWindowsAndWhatTypingDoes(
            Provider provider,
            String key,
            String limitsKey,
            Duration read,
            Duration typing,
            boolean typingMarksRead,
            boolean details) {
        ProviderSpec spec = ProviderSpecs.of(provider);
        assertThat(spec.provider()).isEqualTo(provider);
        assertThat(spec.key()).isEqualTo(key);
        assertThat(spec.limitsKey()).isEqualTo(limitsKey);
        assertThat(spec.readWindow()).isEqualTo(read);
        assertThat(spec.typingWindow()).isEqualTo(typing);
        assertThat(spec.typingMarksRead()).isEqualTo(typingMarksRead);
        assertThat(spec.hasMessageDetails()).isEqualTo(details);
    }

    @ParameterizedTest(name = "{0} {1}: {2}/s")
    @CsvSource({
        "EIGHT_BY_EIGHT, read, 10",
        "EIGHT_BY_EIGHT, typing, 10",
        "EIGHT_BY_EIGHT, details, 1",
        "NXCLOUD, read, 10",
        "NXCLOUD, typing, 10",
        "HUAWEI_CASE, read, 5",
        "WHATSAPP_CLOUD, messages, 80"
    })
    void defaultLimits(Provider provider, String operation, double perSecond) {
        assertThat(ProviderSpecs.of(provider).defaultPerSecond(operation)).isEqualTo(perSecond);
    }

    @ParameterizedTest(name = "{0} {1} ''{2}'' → ''{3}''")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            EIGHT_BY_EIGHT | account   | acme_01                              | NULL
            EIGHT_BY_EIGHT | account   | a/b                                  | does not match ^[A-Za-z0-9\\-._&]{3,50}$ (8x8 subAccountId)
            EIGHT_BY_EIGHT | account   | NULL                                 | does not match ^[A-Za-z0-9\\-._&]{3,50}$ (8x8 subAccountId)
            EIGHT_BY_EIGHT | messageId | 0f8e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b | NULL
            EIGHT_BY_EIGHT | messageId | ../x                                 | is not a UUID (8x8 umids are UUIDs)
            EIGHT_BY_EIGHT | customer  | +4915100000000                       | NULL
            NXCLOUD        | account   | a/b                                  | NULL
            HUAWEI_CASE    | customer  | TT201801020526                       | NULL
            HUAWEI_CASE    | customer  | a/b                                  | does not match ^[A-Za-z0-9._\\-]{1,64}$ (Huawei case id)
            HUAWEI_CASE    | account   | a/b                                  | NULL
            WHATSAPP_CLOUD | account   | 106540352242922                      | NULL
            WHATSAPP_CLOUD | account   | 1065/../x                            | is not a phone number id (digits only: WhatsApp Cloud API phone_number_id)
            WHATSAPP_CLOUD | account   | +15550783881                         | is not a phone number id (digits only: WhatsApp Cloud API phone_number_id)
            WHATSAPP_CLOUD | messageId | wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQz== | NULL
            """)
    void idRulesSayWhatIsWrongOnce(Provider provider, String field, String value, String problem) {
        ProviderSpec spec = ProviderSpecs.of(provider);
        var found =
                switch (field) {
                    case "account" -> spec.accountProblem(value);
                    case "customer" -> spec.customerProblem(value);
                    default -> spec.messageIdProblem(value);
                };
        assertThat(found.orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} {1} → limit operation {2}")
    @CsvSource({
        "EIGHT_BY_EIGHT, MARK_READ, read",
        "EIGHT_BY_EIGHT, TYPING, typing",
        "NXCLOUD, TYPING, typing",
        "HUAWEI_CASE, MARK_READ, read",
        "WHATSAPP_CLOUD, MARK_READ, messages",
        "WHATSAPP_CLOUD, TYPING, messages"
    })
    void readsAndTypingCountAgainstTheProvidersLimits(Provider provider, CommandAction action, String operation) {
        assertThat(ProviderSpecs.of(provider).limitOperation(action)).isEqualTo(operation);
    }

    @ParameterizedTest(name = "{0} group ''{1}'' → a read covers earlier messages: {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            WHATSAPP_CLOUD | NULL   | true
            WHATSAPP_CLOUD | ''     | true
            WHATSAPP_CLOUD | g-1    | false
            HUAWEI_CASE    | grp    | true
            NXCLOUD        | NULL   | true
            """)
    void aReadInAGroupCoversOnlyItsMessage(Provider provider, String groupId, boolean covers) {
        assertThat(ProviderSpecs.of(provider).readCoversEarlier(groupId)).isEqualTo(covers);
    }

    @Test
    void everyContractSymbolHasItsOwnSpec() {
        assertThat(Arrays.stream(Provider.values()).map(p -> ProviderSpecs.of(p).provider()))
                .containsExactly(Provider.values());
        assertThat(ProviderSpecs.known()).extracting(ProviderSpec::provider).doesNotContain(Provider.UNKNOWN);
        assertThat(ProviderSpecs.of(null).provider()).isEqualTo(Provider.UNKNOWN);
    }
}

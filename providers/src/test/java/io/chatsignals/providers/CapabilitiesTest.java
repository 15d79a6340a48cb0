package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilitiesTest {

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
            UNKNOWN        | whatsapp | MARK_READ | NULL  | false
            EIGHT_BY_EIGHT | whatsapp | UNKNOWN   | NULL  | false
            """)
    void whatEachProviderAndChannelCanDo(
            Provider provider, String channel, CommandAction action, String appKey, boolean supported) {
        assertThat(Capabilities.supports(provider, channel, action, appKey)).isEqualTo(supported);
    }

    @ParameterizedTest(name = "{0}: typing marks read → {1}")
    @CsvSource({"EIGHT_BY_EIGHT, false", "NXCLOUD, true", "HUAWEI_CASE, false"})
    void onlyNxCloudTypingMarksRead(Provider provider, boolean marks) {
        assertThat(Capabilities.typingMarksRead(provider)).isEqualTo(marks);
    }
}

package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HuaweiCaseTest {

    @ParameterizedTest(name = "case id ''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            TT201801020526                                                    | true
            case-123                                                          | true
            a.b_c-D                                                           | true
            x                                                                 | true
            1234567890123456789012345678901234567890123456789012345678901234  | true
            12345678901234567890123456789012345678901234567890123456789012345 | false
            ''                                                                | false
            NULL                                                              | false
            .                                                                 | false
            ..                                                                | false
            a/b                                                               | false
            a%2Fb                                                             | false
            'a b'                                                             | false
            """)
    void aCaseIdIsOnePathSegmentOfAtMost64Characters(String caseId, boolean valid) {
        assertThat(HuaweiCase.validCaseId(caseId)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "create_time ''{0}'' → {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            1732406400000             | 2024-11-24T00:00:00Z
            1732406400                | 2024-11-24T00:00:00Z
            2024-11-24 08:00:00       | 2024-11-24T00:00:00Z
            2024-11-24 08:00:00.250   | 2024-11-24T00:00:00.250Z
            2024-11-24T00:00:00Z      | 2024-11-24T00:00:00Z
            2024-11-24T09:00:00+09:00 | 2024-11-24T00:00:00Z
            """)
    void createTimesInEachFormSeenAreRead(String text, Instant expected) {
        assertThat(HuaweiCase.parseCreateTime(text, ZoneId.of(HuaweiCase.DEFAULT_TIME_ZONE)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "create_time ''{0}'' is refused")
    @CsvSource(
            delimiter = '|',
            textBlock = """
            ''
            yesterday
            24/11/2024 08:00
            """)
    void otherCreateTimesAreRefusedWithTheValue(String text) {
        assertThatThrownBy(() -> HuaweiCase.parseCreateTime(text, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("create_time");
    }

    /** Redelivery (a poll after a restart) must give the same id; any of the four values changing gives another. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            other case        | TT2 | 2024-11-24 08:00:00 | eng-1 | hello
            other create_time | TT1 | 2024-11-24 08:00:01 | eng-1 | hello
            other replier     | TT1 | 2024-11-24 08:00:00 | eng-2 | hello
            other content     | TT1 | 2024-11-24 08:00:00 | eng-1 | hello!
            no replier        | TT1 | 2024-11-24 08:00:00 | NULL  | hello
            shifted boundary  | TT1 | 2024-11-24 08:00:00e | ng-1 | hello
            """)
    void theDerivedMessageIdIsStableAndTellsMessagesApart(
            String what, String caseId, String createTime, String replier, String content) {
        String base = HuaweiCase.messageId("TT1", "2024-11-24 08:00:00", "eng-1", "hello");
        assertThat(HuaweiCase.messageId("TT1", "2024-11-24 08:00:00", "eng-1", "hello"))
                .isEqualTo(base)
                .matches("hw1-[0-9a-f]{32}");
        assertThat(HuaweiCase.messageId(caseId, createTime, replier, content))
                .as(what)
                .isNotEqualTo(base);
    }
}

package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HuaweiIamTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest(name = "HTTP {0} {1} ''{2}'' → token refused {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            401 | OSM.0002   | unauthorized: the token expired | true
            401 | apigw.0307 | The token must be updated.      | true
            401 | APIGW.0301 | NULL                            | true
            401 | NULL       | The token must be updated.      | true
            401 | OSM.0003   | forbidden                       | false
            401 | NULL       | NULL                            | false
            403 | OSM.0002   | NULL                            | false
            200 | APIGW.0307 | NULL                            | false
            """)
    void whichAnswersRefuseTheToken(int status, String code, String message, boolean refused) {
        assertThat(HuaweiIam.tokenRefused(status, code, message)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} → expires {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            {"token":{"expires_at":"2026-12-03T09:30:00.000000Z"}} | 2026-12-03T09:30:00Z
            {"token":{"expires_at":"tomorrow"}}                    | 2026-12-03T10:00:00Z
            {"token":{}}                                           | 2026-12-03T10:00:00Z
            <html>gateway</html>                                   | 2026-12-03T10:00:00Z
            NULL                                                   | 2026-12-03T10:00:00Z
            """)
    void expiryFromTheAnswerElseTheDocumentedValidity(String body, Instant expires) {
        assertThat(HuaweiIam.expiresAt(body, NOW)).isEqualTo(expires);
    }

    @ParameterizedTest(name = "lifetime {0}, ahead {1} → refresh after {2}")
    @CsvSource({"PT24H, PT1H, PT23H", "PT24H, PT0S, PT24H", "PT1H, PT1H, PT30M", "PT10M, PT1H, PT5M"})
    void refreshAheadButNotBeforeHalfTheLifetime(Duration lifetime, Duration ahead, Duration after) {
        assertThat(HuaweiIam.refreshFrom(NOW.plus(lifetime), NOW, ahead)).isEqualTo(NOW.plus(after));
    }
}

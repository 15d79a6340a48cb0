package io.chatsignals.worker.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's answers, decided on the HTTP status and Twilio's code. */
class TwilioClientTest {

    @ParameterizedTest(name = "HTTP {0} code {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | NULL  | SUCCESS   | false | NULL
            401 | 20003 | PERMANENT | false | replace twilio.key-sid/twilio.key-secret
            404 | 20404 | PERMANENT | false | (https://www.twilio.com/docs/errors/20404)
            400 | 400   | PERMANENT | false | NULL
            429 | 20429 | RETRY     | true  | NULL
            429 | NULL  | RETRY     | true  | NULL
            500 | 20500 | RETRY     | false | NULL
            503 | NULL  | RETRY     | false | HTTP 503
            """)
    void answersAreClassifiedOnStatusAndCode(
            int status, Integer code, ProviderResult.Kind kind, boolean limited, String reason) {
        String body = code == null
                ? (status == 200 ? "{\"success\":true}" : null)
                : "{\"code\":" + code + ",\"message\":\"m\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code
                        + "\",\"status\":" + status + "}";
        ProviderResult r = TwilioClient.classify(status, body, null);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.rateLimited()).isEqualTo(limited);
        if (code != null && status != 200) {
            assertThat(r.code()).isEqualTo(code);
        }
        if (reason != null) {
            assertThat(r.message()).contains(reason);
        }
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' -> {1} s")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock = """
            3    | 3
            NULL | 1
            """)
    void aRateLimitWaitsForItsRetryAfterOrASecond(String header, long seconds) {
        assertThat(TwilioClient.classify(429, "{\"code\":20429}", header).retryAfter())
                .isEqualTo(Duration.ofSeconds(seconds));
    }
}

package io.chatsignals.worker.provider.infobip;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Infobip's answers, decided on the HTTP status, the reason read from any of its three error bodies. */
class InfobipClientTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            204 | NULL                                                                        | SUCCESS   | NULL
            200 | '{"events":[{"status":"PENDING"}]}'                                         | SUCCESS   | NULL
            400 | '{"errorCode":"E400","description":"Invalid sender","violations":[]}'        | PERMANENT | E400: Invalid sender
            401 | '{"requestError":{"serviceException":{"messageId":"UNAUTHORIZED","text":"Invalid login details"}}}' | PERMANENT | UNAUTHORIZED: Invalid login details
            403 | '{"errorCode":"E403","description":"Forbidden"}'                            | PERMANENT | E403: Forbidden
            404 | '{"error":"Message not found"}'                                             | PERMANENT | Message not found
            404 | not json                                                                    | PERMANENT | HTTP 404
            429 | '{"errorCode":"E429","description":"Too many requests"}'                    | RETRY     | E429: Too many requests
            500 | '{"requestError":{"serviceException":{"messageId":"GENERAL_ERROR","text":"Something went wrong"}}}' | RETRY | GENERAL_ERROR: Something went wrong
            503 | NULL                                                                        | RETRY     | HTTP 503
            """)
    void answersAreClassifiedOnTheirStatus(int status, String body, ProviderResult.Kind kind, String message) {
        ProviderResult r = InfobipClient.classify(status, body, null);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.httpStatus()).isEqualTo(status);
        if (message != null) {
            assertThat(r.message()).isEqualTo(message);
        }
    }

    @ParameterizedTest(name = "429 Retry-After ''{0}'' -> {1} s")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock = """
            4    | 4
            NULL | 1
            """)
    void a429WaitsForItsRetryAfterOrASecond(String header, long seconds) {
        ProviderResult r = InfobipClient.classify(429, "{}", header);
        assertThat(r.rateLimited()).isTrue();
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
    }
}

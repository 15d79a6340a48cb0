package io.chatsignals.worker.provider.cloudapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.ProviderResult.Kind;
import io.chatsignals.worker.provider.ProviderResult.LimitScope;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Cloud API's answers classified by code (Meta "WhatsApp error codes", docs/providers.md), never by text. */
class CloudApiAnswersTest {

    private static String envelope(int code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"d\"},\"fbtrace_id\":\"Atrace1\"}}";
    }

    @ParameterizedTest(name = "HTTP {0} code {1} → {2}, limit {3}, wait {4}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            400 | 100    | PERMANENT | NULL         | NULL
            400 | 131009 | PERMANENT | NULL         | NULL
            400 | 133010 | PERMANENT | NULL         | NULL
            403 | 10     | PERMANENT | NULL         | NULL
            403 | 200    | PERMANENT | NULL         | NULL
            401 | 190    | PERMANENT | NULL         | NULL
            500 | 131000 | RETRY     | NULL         | NULL
            503 | 131016 | RETRY     | NULL         | NULL
            400 | 131016 | RETRY     | NULL         | NULL
            502 | 1      | RETRY     | NULL         | NULL
            429 | 130429 | RETRY     | ACCOUNT      | PT1S
            400 | 130429 | RETRY     | ACCOUNT      | PT1S
            400 | 4      | RETRY     | ACCOUNT      | PT1S
            400 | 80007  | RETRY     | ACCOUNT      | PT1S
            400 | 131056 | RETRY     | CONVERSATION | PT6S
            429 | 131056 | RETRY     | CONVERSATION | PT6S
            """)
    void classifiedByCode(int status, int code, Kind kind, LimitScope scope, Duration wait) {
        ProviderResult r =
                CloudApiAnswers.classify(status, envelope(code, "whatever the text says"), null, Duration.ofSeconds(6));
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.errorId()).as("fbtrace_id is the errorId").isEqualTo("Atrace1");
        assertThat(r.limitScope()).isEqualTo(scope);
        assertThat(r.rateLimited()).isEqualTo(scope != null);
        assertThat(r.conversationLimited()).isEqualTo(scope == LimitScope.CONVERSATION);
        assertThat(r.retryAfter()).isEqualTo(wait);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            Retry-After of a number limit       | 130429 | 7    | PT7S
            Retry-After of a pair limit         | 131056 | 12   | PT12S
            an HTTP date is not read            | 131056 | Wed, 21 Oct 2026 07:28:00 GMT | PT6S
            """)
    void aRetryAfterHeaderSetsTheWait(String name, int code, String header, Duration wait) {
        assertThat(CloudApiAnswers.classify(400, envelope(code, "m"), header, Duration.ofSeconds(6))
                        .retryAfter())
                .isEqualTo(wait);
    }

    @ParameterizedTest(name = "body ''{1}'' with HTTP {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            429 | not json  | RETRY     | true
            500 | <html>    | RETRY     | false
            404 | not found | PERMANENT | false
            """)
    void anAnswerOutsideTheEnvelopeFallsBackOnItsStatus(int status, String body, Kind kind, boolean limited) {
        ProviderResult r = CloudApiAnswers.classify(status, body, null, Duration.ofSeconds(6));
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.rateLimited()).isEqualTo(limited);
        assertThat(r.message()).isEqualTo(body);
    }

    @Test
    void aRefusedTokenSaysItMustBeReplaced() {
        ProviderResult r = CloudApiAnswers.classify(
                401, envelope(190, "Error validating access token: Session has expired"), null, Duration.ofSeconds(6));
        assertThat(r.message())
                .startsWith("the access token was refused (expired or invalid): replace whatsapp-cloud.token")
                .contains("Session has expired");
    }

    @Test
    void successIsAny2xx() {
        assertThat(CloudApiAnswers.classify(200, "{\"success\":true}", null, Duration.ofSeconds(6))
                        .kind())
                .isEqualTo(Kind.SUCCESS);
    }
}

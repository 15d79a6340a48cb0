package io.chatsignals.worker.provider.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Send API's answers to sender actions, decided on the Graph code and subcode; the proof Meta checks. */
class MessengerAnswersTest {

    @ParameterizedTest(name = "HTTP {0} code {1}/{2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | NULL | NULL    | SUCCESS   | false | NULL
            400 | 613  | NULL    | RETRY     | true  | NULL
            400 | 4    | NULL    | RETRY     | true  | NULL
            400 | 32   | NULL    | RETRY     | true  | NULL
            429 | NULL | NULL    | RETRY     | true  | NULL
            500 | 2    | NULL    | RETRY     | false | NULL
            400 | 1200 | NULL    | RETRY     | false | NULL
            503 | NULL | NULL    | RETRY     | false | NULL
            401 | 190  | NULL    | PERMANENT | false | replace messenger.token
            400 | 10   | 2018278 | PERMANENT | false | outside the messaging window
            400 | 10   | NULL    | PERMANENT | false | NULL
            400 | 551  | 1545041 | PERMANENT | false | the person is not available
            400 | 100  | 2018001 | PERMANENT | false | NULL
            403 | 200  | NULL    | PERMANENT | false | NULL
            """)
    void answersAreClassifiedOnCodeAndSubcode(
            int status, Integer code, Integer subcode, ProviderResult.Kind kind, boolean limited, String reason) {
        String body = code == null
                ? (status == 200 ? "{\"recipient_id\":\"2490\"}" : "<html>busy</html>")
                : "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code
                        + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"Ab1\"}}";
        ProviderResult r = MessengerAnswers.classify(status, body, null);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.rateLimited()).isEqualTo(limited);
        if (code != null) {
            assertThat(r.code()).isEqualTo(code);
            assertThat(r.errorId()).isEqualTo("Ab1");
        }
        if (reason != null) {
            assertThat(r.message()).contains(reason);
        }
    }

    /** The self-made check value of docs/providers/messenger.md. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"test_app_secret, EAAB-test-token, 1d47f1059dbfa9efcaab763f085a079677cdbbc0dd832f19e7dc23c20080da80"})
    void appSecretProofIsTheHexHmacOfTheToken(String secret, String token, String proof) {
        assertThat(MessengerClient.proof(secret, token)).isEqualTo(proof);
    }
}

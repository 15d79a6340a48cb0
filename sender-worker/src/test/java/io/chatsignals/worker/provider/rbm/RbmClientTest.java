package io.chatsignals.worker.provider.rbm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RBM's answers on Google's canonical status, and the name-based event ids that make a repeated call a no-op. */
class RbmClientTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | NULL               | SUCCESS   | false | NULL
            429 | RESOURCE_EXHAUSTED | RETRY     | true  | NULL
            401 | UNAUTHENTICATED    | RESIGN    | false | NULL
            500 | INTERNAL           | RETRY     | false | NULL
            503 | UNAVAILABLE        | RETRY     | false | NULL
            404 | NOT_FOUND          | PERMANENT | false | not RCS-enabled
            403 | PERMISSION_DENIED  | PERMANENT | false | PERMISSION_DENIED
            400 | INVALID_ARGUMENT   | PERMANENT | false | INVALID_ARGUMENT
            """)
    void answersAreClassifiedOnTheirCanonicalStatus(
            int status, String canonical, ProviderResult.Kind kind, boolean limited, String reason) {
        String body = canonical == null
                ? "{\"name\":\"phones/+1/agentEvents/x\"}"
                : "{\"error\":{\"code\":" + status + ",\"message\":\"m\",\"status\":\"" + canonical + "\"}}";
        ProviderResult r = RbmAnswers.classify(status, body, null);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.rateLimited()).isEqualTo(limited);
        if (reason != null) {
            assertThat(r.message()).contains(reason);
        }
    }

    /** RFC 4122's own example of a version-5 UUID (the DNS namespace), and the version and variant bits. */
    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource("6ba7b810-9dad-11d1-80b4-00c04fd430c8, www.example.com, 2ed6657d-e927-568b-95e1-2665a8aea6a2")
    void eventIdsAreVersion5Uuids(String namespace, String name, String expected) {
        UUID id = RbmClient.v5(UUID.fromString(namespace), name);
        assertThat(id).hasToString(expected);
        assertThat(id.version()).isEqualTo(5);
        assertThat(RbmClient.v5("agent|m1|READ")).isEqualTo(RbmClient.v5("agent|m1|READ"));
    }
}

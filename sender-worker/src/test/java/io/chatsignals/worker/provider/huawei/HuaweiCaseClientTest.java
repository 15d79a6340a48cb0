package io.chatsignals.worker.provider.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.worker.provider.ProviderResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error classification of the Service Tickets API (docs/providers.md, "Huawei Cloud service tickets", "Errors"). */
class HuaweiCaseClientTest {

    @ParameterizedTest(name = "HTTP {0} {1} → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            200 | {}                                                            | SUCCESS   | NULL
            200 | '{"group_id":"123456"}'                                        | SUCCESS   | NULL
            200 | '{"error_code":"","error_msg":""}'                            | SUCCESS   | NULL
            200 | NULL                                                          | SUCCESS   | NULL
            200 | '{"error_code":"OSM.01010003","error_msg":"Case not found"}'  | PERMANENT | OSM.01010003: Case not found
            400 | '{"error_code":"OSM.0001","error_msg":"bad parameters"}'      | PERMANENT | OSM.0001: bad parameters
            401 | '{"error_code":"OSM.0002","error_msg":"unauthorized"}'        | RESIGN    | OSM.0002: unauthorized
            401 | '{"error_code":"APIGW.0307","error_msg":"The token must be updated."}' | RESIGN | APIGW.0307: The token must be updated.
            401 | '{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"}' | RESIGN | APIGW.0301: Incorrect IAM authentication
            401 | '{"error_code":"OSM.0099","error_msg":"no"}'                  | PERMANENT | OSM.0099: no
            403 | '{"error_code":"OSM.0003","error_msg":"forbidden"}'           | PERMANENT | OSM.0003: forbidden
            404 | not json                                                      | PERMANENT | HTTP 404
            429 | '{"error_code":"APIGW.0308","error_msg":"throttled"}'         | RETRY     | APIGW.0308: throttled
            500 | '{"error_code":"OSM.0004","error_msg":"internal error"}'      | RETRY     | OSM.0004: internal error
            503 | NULL                                                          | RETRY     | HTTP 503
            """)
    void answersAreClassified(int status, String body, ProviderResult.Kind kind, String message) {
        ProviderResult r = HuaweiCaseClient.classify(status, body, null);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "429 Retry-After ''{0}'' → {1} s")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock = """
            7    | 7
            NULL | 1
            soon | 1
            """)
    void a429WaitsForItsRetryAfter(String header, long seconds) {
        ProviderResult r = HuaweiCaseClient.classify(429, "{}", header);
        assertThat(r.rateLimited()).isTrue();
        assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
    }
}
